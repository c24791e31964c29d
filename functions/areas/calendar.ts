import { calendar } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

/**
 * `GET /areas/{areaId}/calendar`: the area's secret calendar subscription URL (made on the first
 * call, the same one after), for the area's coordinator and the administrators.
 */
export const handler = httpHandler(routes.areaCalendar, {}, async ({ caller, path }) =>
  json(200, await calendar().url(caller, parseParam(Id, 'areaId', path.areaId)), {
    // The answer is a secret: no cache along the way keeps it.
    'cache-control': 'no-store',
  }),
);
