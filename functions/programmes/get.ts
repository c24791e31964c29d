import { programmesTable } from '../../shared/adapters/dynamodb/programmes-table.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

export const handler = httpHandler(routes.getProgramme, {}, async ({ path }) => {
  const programme = await programmesTable.get(parseParam(Id, 'programmeId', path.programmeId));
  if (!programme) throw new NotFound('Programmet finns inte.');
  return resource(200, programme);
});
