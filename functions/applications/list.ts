import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseQuery } from '../../shared/http/validation.ts';
import { ApplicationListQuery } from '../../shared/schemas/application.ts';
import { listApplications } from '../../shared/usecases/applications.ts';

export const handler = httpHandler(routes.listApplications, {}, async ({ caller, query }) =>
  json(200, await listApplications(caller, parseQuery(ApplicationListQuery, query))),
);
