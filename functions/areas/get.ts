import { areas } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

export const handler = httpHandler(routes.getArea, {}, async ({ path }) =>
  resource(200, await areas().get(parseParam(Id, 'areaId', path.areaId))),
);
