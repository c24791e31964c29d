import { reports } from '../../shared/composition.ts';
import { asciiFileName } from '../../shared/domain/reports.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { ReportBody } from '../../shared/schemas/report.ts';

/**
 * The Swedish file name (RFC 6266: `filename*` in UTF-8, which browsers prefer), with an ASCII
 * `filename` for the programs that read only that: a header value is Latin-1 at most.
 */
const contentDisposition = (name: string): string =>
  `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

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
      'content-disposition': contentDisposition(file.name),
      'cache-control': 'no-store',
    },
    body: file.body,
  };
});
