import { httpHandler } from '../../shared/http/http-handler.ts';
import { applicationId } from '../../shared/http/params.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { applicationHistory } from '../../shared/usecases/applications.ts';

export const handler = httpHandler(routes.applicationHistory, {}, async ({ caller, path }) =>
  json(200, { items: await applicationHistory(caller, applicationId(path.id)) }),
);
