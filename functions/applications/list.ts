import { applications } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseQuery } from '../../shared/http/validation.ts';
import { ApplicationListQuery } from '../../shared/schemas/application.ts';

export const handler = httpHandler(routes.listApplications, {}, async ({ caller, query }) =>
  json(200, await applications().list(caller, parseQuery(ApplicationListQuery, query))),
);
