import { followUps } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseQuery } from '../../shared/http/validation.ts';
import { FollowUpListQuery } from '../../shared/schemas/follow-up.ts';

export const handler = httpHandler(routes.listFollowUps, {}, async ({ caller, query }) =>
  json(200, await followUps().list(caller, parseQuery(FollowUpListQuery, query))),
);
