import { grantedToArea } from '../../shared/adapters/dynamodb/applications-table.ts';
import { areasTable } from '../../shared/adapters/dynamodb/areas-table.ts';
import { programmesTable } from '../../shared/adapters/dynamodb/programmes-table.ts';
import { Forbidden, NotFound } from '../../shared/domain/errors.ts';
import { isAdmin } from '../../shared/domain/roles.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

/**
 * `GET /programmes/{programmeId}/areas/{areaId}/totals`: what the area has been granted in the
 * programme and what remains under the per-area cap — the form's running total against the cap.
 * A coordinator may ask for their own area only.
 */
export const handler = httpHandler(routes.areaTotals, {}, async ({ caller, path }) => {
  const programmeId = parseParam(Id, 'programmeId', path.programmeId);
  const areaId = parseParam(Id, 'areaId', path.areaId);
  if (!isAdmin(caller) && caller.areaId !== areaId) {
    throw new Forbidden('Du kan bara se beloppen för ditt eget område.');
  }
  const [programme, area, granted] = await Promise.all([
    programmesTable.get(programmeId),
    areasTable.get(areaId),
    grantedToArea(programmeId, areaId),
  ]);
  if (!programme) throw new NotFound('Programmet finns inte.');
  if (!area) throw new NotFound('Området finns inte.');
  return json(200, {
    programmeId,
    areaId,
    granted,
    maxGrantPerArea: programme.maxGrantPerArea,
    remaining: Math.max(0, programme.maxGrantPerArea - granted),
  });
});
