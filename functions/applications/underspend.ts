import { applications } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { applicationId } from '../../shared/http/params.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { UnderspendBody } from '../../shared/schemas/application.ts';

export const handler = httpHandler(
  routes.declareUnderspend,
  { body: UnderspendBody },
  async ({ caller, path, body }) =>
    resource(200, await applications().underspend(caller, applicationId(path.id), body)),
);
