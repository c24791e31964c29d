import { users } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';

export const handler = httpHandler(routes.listUsers, {}, async () =>
  json(200, { items: await users().list() }),
);
