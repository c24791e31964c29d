import { clock } from '../../shared/adapters/clock.ts';
import { areasTable } from '../../shared/adapters/dynamodb/areas-table.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { parseIfMatch, resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { AreaBody } from '../../shared/schemas/area.ts';
import { Id } from '../../shared/schemas/common.ts';
import { createOrReplace, nextVersion } from '../../shared/usecases/create-or-replace.ts';

export const handler = httpHandler(routes.putArea, { body: AreaBody }, async ({ path, headers, body }) => {
  const id = parseParam(Id, 'areaId', path.areaId);
  const { created, resource: area } = await createOrReplace(
    areasTable,
    id,
    parseIfMatch(headers['if-match']),
    (previous) => nextVersion(id, body, previous, clock.now()),
  );
  return resource(created ? 201 : 200, area, created ? { location: `/areas/${id}` } : {});
});
