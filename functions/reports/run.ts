import { reports } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { ReportBody } from '../../shared/schemas/report.ts';

/**
 * `POST /reports`: computes the report now and answers it — as JSON, or as a CSV file to download
 * (`Content-Disposition` names it). Nothing is created but the audit record, so no Idempotency-Key.
 */
export const handler = httpHandler(routes.runReport, { body: ReportBody }, async ({ caller, body }) => {
  const { report, file } = await reports().run(caller, body);
  if (!file) return json(200, report);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.name}"`,
      'cache-control': 'no-store',
    },
    body: file.body,
  };
});
