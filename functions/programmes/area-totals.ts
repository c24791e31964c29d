import { programmes } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

/**
 * `GET /programmes/{programmeId}/areas/{areaId}/totals`: what the area has been granted in the
 * programme and what remains under the per-area cap — the form's running total against the cap.
 */
export const handler = httpHandler(routes.areaTotals, {}, async ({ caller, path }) =>
  json(
    200,
    await programmes().areaTotals(
      caller,
      parseParam(Id, 'programmeId', path.programmeId),
      parseParam(Id, 'areaId', path.areaId),
    ),
  ),
);
