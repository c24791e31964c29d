import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseQuery } from '../../shared/http/validation.ts';
import { FollowUpListQuery } from '../../shared/schemas/follow-up.ts';
import { listFollowUps } from '../../shared/usecases/follow-ups.ts';

export const handler = httpHandler(routes.listFollowUps, {}, async ({ caller, query }) =>
  json(200, await listFollowUps(caller, parseQuery(FollowUpListQuery, query))),
);
