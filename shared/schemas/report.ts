import * as z from 'zod/mini';
import { REPORT_TABLES, REPORT_TYPES } from '../domain/reports.ts';
import { Id, IsoDate, PageLimit } from './common.ts';
import './locale.ts';

const ALL_TABLES = [...new Set(Object.values(REPORT_TABLES).flat())];

/**
 * `POST /reports`. `table` picks the one table a CSV file holds (each report has a default); it
 * must be one of the report's own tables whatever the format, so a typo is a 400, not a surprise.
 */
export const ReportBody = z
  .strictObject({
    type: z.enum(REPORT_TYPES, { error: `Ange en rapporttyp: ${REPORT_TYPES.join(', ')}` }),
    programmeId: Id,
    asOf: z.optional(IsoDate),
    format: z._default(z.enum(['json', 'csv'], { error: 'Ange json eller csv' }), 'json'),
    table: z.optional(z.enum(ALL_TABLES, { error: `Ange en tabell: ${ALL_TABLES.join(', ')}` })),
  })
  .check(
    z.superRefine((body, ctx) => {
      const tables: readonly string[] = REPORT_TABLES[body.type];
      if (body.table !== undefined && !tables.includes(body.table)) {
        ctx.addIssue({
          code: 'custom',
          path: ['table'],
          message: `Rapporten ${body.type} har tabellerna: ${tables.join(', ')}`,
        });
      }
    }),
  );
export type ReportBody = z.output<typeof ReportBody>;

export const ReportRunListQuery = z.strictObject({
  limit: PageLimit,
  nextToken: z.optional(z.string().check(z.maxLength(2000))),
});
