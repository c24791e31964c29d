import { reports } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { parseQuery } from '../../shared/http/validation.ts';
import { ReportRunListQuery } from '../../shared/schemas/report.ts';

/** `GET /reports/runs`: who ran which report when, newest first, paged. */
export const handler = httpHandler(routes.listReportRuns, {}, async ({ caller, query }) =>
  json(200, await reports().runs(caller, parseQuery(ReportRunListQuery, query))),
);
