import { users } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { userId } from '../../shared/http/params.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';

export const handler = httpHandler(routes.disableUser, {}, async ({ caller, path }) =>
  json(200, await users().disable(caller, userId(path.id))),
);
