import { applications } from '../../shared/composition.ts';
import { PreconditionRequired } from '../../shared/domain/errors.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { applicationId } from '../../shared/http/params.ts';
import { parseIfMatch, resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { ApplicationBody } from '../../shared/schemas/application.ts';

export const handler = httpHandler(
  routes.replaceApplication,
  { body: ApplicationBody },
  async ({ caller, path, headers, body }) => {
    const ifMatch = parseIfMatch(headers['if-match']);
    if (ifMatch === undefined) throw new PreconditionRequired();
    return resource(200, await applications().replace(caller, applicationId(path.id), ifMatch, body));
  },
);
