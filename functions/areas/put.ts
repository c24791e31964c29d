import { areas } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { parseIfMatch, resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { AreaBody } from '../../shared/schemas/area.ts';
import { Id } from '../../shared/schemas/common.ts';

export const handler = httpHandler(routes.putArea, { body: AreaBody }, async ({ path, headers, body }) => {
  const id = parseParam(Id, 'areaId', path.areaId);
  const { created, resource: area } = await areas().put(id, parseIfMatch(headers['if-match']), body);
  return resource(created ? 201 : 200, area, created ? { location: `/areas/${id}` } : {});
});
