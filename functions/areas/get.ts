import { areasTable } from '../../shared/adapters/dynamodb/areas-table.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

export const handler = httpHandler(routes.getArea, {}, async ({ path }) => {
  const area = await areasTable.get(parseParam(Id, 'areaId', path.areaId));
  if (!area) throw new NotFound('Området finns inte.');
  return resource(200, area);
});
