import { calendar } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

/** `POST /areas/{areaId}/calendar/rotate`: a new calendar URL for the area; the old one answers 404 from now on. */
export const handler = httpHandler(routes.rotateAreaCalendar, {}, async ({ caller, path }) =>
  json(200, await calendar().rotate(caller, parseParam(Id, 'areaId', path.areaId)), {
    'cache-control': 'no-store',
  }),
);
