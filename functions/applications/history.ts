import { applications } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { applicationId } from '../../shared/http/params.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';

export const handler = httpHandler(routes.applicationHistory, {}, async ({ caller, path }) =>
  json(200, { items: await applications().history(caller, applicationId(path.id)) }),
);
