import { randomUUID } from 'node:crypto';
import {
  listReportRuns,
  newReadMeter,
  putReportRun,
  type ReadMeter,
  type ReportProgramme,
  readApplicationTitles,
  readAreas,
  readProgramme,
  readProgrammeFollowUps,
  readReportedApplications,
  readYearTotals,
} from '../adapters/dynamodb/reports-table.ts';
import { toCsv } from '../domain/csv.ts';
import { NotFound } from '../domain/errors.ts';
import {
  followUpStatus,
  programmeSummary,
  REPORT_TABLES,
  type Report,
  type ReportTable,
  reportFileName,
  reportTable,
} from '../domain/reports.ts';
import type { Page, ReportRun } from '../domain/responses.ts';
import type { Caller } from '../domain/roles.ts';
import { logger } from '../observability.ts';
import type { Clock } from '../ports.ts';
import type { ReportBody } from '../schemas/report.ts';

/**
 * Reports are computed on request from what the programme holds now — no stored report to go
 * stale. `asOf` is the date the report judges by: which years have ended (repaid), which
 * obligations are overdue. Every run is recorded: who, when, which report.
 */

const programmeOrNotFound = async (read: Promise<ReportProgramme | undefined>) => {
  const programme = await read;
  if (!programme) throw new NotFound('Programmet finns inte.');
  return programme;
};

/** P1 + P2 in parallel, then P11 (split at the area ids) and P6 for the programme's years. */
const summaryOf = async (programmeId: string, asOf: string, meter: ReadMeter) => {
  const [programme, areas] = await Promise.all([
    programmeOrNotFound(readProgramme(programmeId, meter)),
    readAreas(meter),
  ]);
  const [applications, yearTotals] = await Promise.all([
    readReportedApplications(
      programmeId,
      areas.map((a) => a.id),
      meter,
    ),
    readYearTotals(
      programmeId,
      programme.years.map((y) => y.year),
      meter,
    ),
  ]);
  return programmeSummary({ programme, areas, applications, yearTotals, asOf });
};

/** P1 + P2 + P7 in parallel, then the titles of the applications that owe something. */
const followUpStatusOf = async (programmeId: string, asOf: string, meter: ReadMeter) => {
  const [, areas, followUps] = await Promise.all([
    programmeOrNotFound(readProgramme(programmeId, meter)),
    readAreas(meter),
    readProgrammeFollowUps(programmeId, meter),
  ]);
  const titles = await readApplicationTitles(
    followUps.map((f) => f.applicationId),
    meter,
  );
  return followUpStatus({ programmeId, asOf, followUps, areas, titles });
};

export interface ReportFile {
  name: string;
  body: string;
}

export interface ReportResult {
  report: Report;
  /** Set when CSV was asked for. */
  file?: ReportFile;
}

export const runReport = async (
  caller: Caller,
  request: ReportBody,
  clock: Clock,
  meter: ReadMeter = newReadMeter(),
): Promise<ReportResult> => {
  const asOf = request.asOf ?? clock.today();
  const started = performance.now();
  const report =
    request.type === 'programme-summary'
      ? await summaryOf(request.programmeId, asOf, meter)
      : await followUpStatusOf(request.programmeId, asOf, meter);
  const table: ReportTable = request.table ?? REPORT_TABLES[request.type][0];
  await putReportRun({
    id: randomUUID(),
    at: clock.now().toISOString(),
    actor: caller.email || caller.sub,
    type: request.type,
    programmeId: request.programmeId,
    asOf,
    format: request.format,
    ...(request.format === 'csv' ? { table } : {}),
  });
  logger.info('report', {
    type: request.type,
    programmeId: request.programmeId,
    consumedReadCapacity: meter.capacityUnits,
    readRequests: meter.requests,
    ms: Math.round(performance.now() - started),
  });
  return request.format === 'csv'
    ? { report, file: { name: reportFileName(report, table), body: toCsv(reportTable(report, table)) } }
    : { report };
};

/** The runs as the API answers them (shared/domain/responses.ts: the form reads the same type). */
export const listRuns = (
  caller: Caller,
  query: { limit: number; nextToken?: string | undefined },
): Promise<Page<ReportRun>> =>
  listReportRuns({
    limit: query.limit,
    owner: caller.sub,
    ...(query.nextToken ? { nextToken: query.nextToken } : {}),
  });
