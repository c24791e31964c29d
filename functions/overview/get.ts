import { overview } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';

/** `GET /overview`: the start page's lists — head office's across areas, a coordinator's for their area. */
export const handler = httpHandler(routes.overview, {}, async ({ caller }) =>
  json(200, await overview().forCaller(caller)),
);
