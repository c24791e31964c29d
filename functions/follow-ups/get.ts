import { followUps } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { followUpId } from '../../shared/http/params.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';

export const handler = httpHandler(routes.getFollowUp, {}, async ({ caller, path }) =>
  resource(200, await followUps().get(caller, followUpId(path.id))),
);
