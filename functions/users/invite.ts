import { users } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { NewUserBody } from '../../shared/schemas/users.ts';

export const handler = httpHandler(routes.inviteUser, { body: NewUserBody }, async ({ body }) =>
  json(201, await users().invite(body)),
);
