import { programmesTable } from '../../shared/adapters/dynamodb/programmes-table.ts';
import { newReadMeter, readYearTotals } from '../../shared/adapters/dynamodb/reports-table.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseParam } from '../../shared/http/validation.ts';
import { Id } from '../../shared/schemas/common.ts';

/**
 * `GET /programmes/{programmeId}/budget` (administrators): per year the appropriation, what is
 * granted and disbursed from it (the counters the decision and completion transactions keep, read
 * consistently) and what remains to grant — what the decision form shows.
 */
export const handler = httpHandler(routes.programmeBudget, {}, async ({ path }) => {
  const programmeId = parseParam(Id, 'programmeId', path.programmeId);
  const programme = await programmesTable.get(programmeId);
  if (!programme) throw new NotFound('Programmet finns inte.');
  const totals = await readYearTotals(
    programmeId,
    programme.years.map((y) => y.year),
    newReadMeter(),
  );
  return json(200, {
    programmeId,
    items: programme.years.map(({ year, appropriation }) => {
      const { granted, disbursed } = totals[String(year)] ?? { granted: 0, disbursed: 0 };
      return { year, appropriation, granted, disbursed, remaining: appropriation - granted };
    }),
  });
});
