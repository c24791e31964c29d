import { randomUUID } from 'node:crypto';
import type { Region } from '../domain/area.ts';
import { toCsv } from '../domain/csv.ts';
import { NotFound } from '../domain/errors.ts';
import { type Goal, goalsReport } from '../domain/goals.ts';
import { repaymentRisk } from '../domain/repayment-risk.ts';
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
import { monthOf, needsDays, surveyResults } from '../domain/survey-results.ts';
import type { Clock, Log, ReadMeter, ReportStore } from '../ports.ts';
import type { ReportBody } from '../schemas/report.ts';

export interface ReportPorts {
  reports: ReportStore;
  clock: Clock;
  log: Log;
}

export interface ReportFile {
  name: string;
  body: string;
}

export interface ReportResult {
  report: Report;
  /** Set when CSV was asked for. */
  file?: ReportFile;
}

/**
 * Reports are computed on request from what the programme holds now — no stored report to go
 * stale. `asOf` is the date the report judges by: which years have ended (repaid), which
 * obligations are overdue. Every run is recorded: who, when, which report.
 */
export const makeReports = ({ reports, clock, log }: ReportPorts) => {
  const programmeOrNotFound = async (programmeId: string, meter: ReadMeter) => {
    const programme = await reports.programme(programmeId, meter);
    if (!programme) throw new NotFound('Programmet finns inte.');
    return programme;
  };

  /** P1 + P2 in parallel, then P11 (split at the area ids) and P6 for the programme's years. */
  const summaryOf = async (programmeId: string, asOf: string, meter: ReadMeter) => {
    const [programme, areas] = await Promise.all([
      programmeOrNotFound(programmeId, meter),
      reports.areas(meter),
    ]);
    const [applications, yearTotals] = await Promise.all([
      reports.reportedApplications(
        programmeId,
        areas.map((a) => a.id),
        meter,
      ),
      reports.yearTotals(
        programmeId,
        programme.years.map((y) => y.year),
        meter,
      ),
    ]);
    return programmeSummary({ programme, areas, applications, yearTotals, asOf });
  };

  /**
   * P1 + P2 + P7r in parallel. Each obligation carries its application's title and goals; only
   * for obligations stored before they did are those read from the applications (P3).
   */
  const followUpStatusOf = async (programmeId: string, asOf: string, meter: ReadMeter) => {
    const [, areas, followUps] = await Promise.all([
      programmeOrNotFound(programmeId, meter),
      reports.areas(meter),
      reports.programmeFollowUps(programmeId, meter),
    ]);
    const titles = new Map<string, string>();
    const goals = new Map<string, readonly Goal[]>();
    const uncarried: string[] = [];
    for (const f of followUps) {
      if (f.applicationTitle === undefined || f.applicationGoals === undefined) {
        uncarried.push(f.applicationId);
        continue;
      }
      titles.set(f.applicationId, f.applicationTitle);
      goals.set(f.applicationId, f.applicationGoals);
    }
    const missing = uncarried.filter((id) => !titles.has(id));
    if (missing.length > 0) {
      for (const [id, summary] of await reports.applicationSummaries(missing, meter)) {
        titles.set(id, summary.title);
        goals.set(id, summary.goals);
      }
    }
    return followUpStatus({ programmeId, asOf, followUps, areas, titles, goals });
  };

  /**
   * P1 + P2, then P4r: what is granted per year on applications that will not have used it by the
   * year's end (P4r is read in ranges split at the area ids, as P11 is).
   */
  const repaymentRiskOf = async (programmeId: string, asOf: string, meter: ReadMeter) => {
    const [programme, areas] = await Promise.all([
      programmeOrNotFound(programmeId, meter),
      reports.areas(meter),
    ]);
    const applications = await reports.programmeApplications(
      programmeId,
      meter,
      areas.map((a) => a.id),
    );
    return repaymentRisk({ programme, areas, applications, asOf });
  };

  /**
   * P1 + P2, then the programme's goal sheets (P14): each approved application with goals, its
   * title, goals and every hand-in's outcomes, its texts read once. A programme created before the
   * sheets may have approved applications without one: for it, `olderGoalsOf`.
   */
  const goalsOf = async (programmeId: string, asOf: string, meter: ReadMeter) => {
    const [, areas] = await Promise.all([programmeOrNotFound(programmeId, meter), reports.areas(meter)]);
    const sheets = await reports.goalSheets(
      programmeId,
      areas.map((a) => a.id),
      meter,
    );
    if (!sheets.complete) return olderGoalsOf(programmeId, asOf, areas, meter);
    const { applications, handIns: followUps } = sheets;
    return goalsReport({ programmeId, asOf, applications, followUps, areas });
  };

  /**
   * The goals report before the sheets: P11 (which applications are approved or completed, in which
   * area) beside P7r, whose entries carry their application's title and goals (fixed at approval, as
   * the application is) and each hand-in's outcomes; only for an application with no obligation
   * carrying them are they read from the application (P3).
   */
  const olderGoalsOf = async (
    programmeId: string,
    asOf: string,
    areas: { id: string; name: string; region: Region }[],
    meter: ReadMeter,
  ) => {
    const [reported, followUps] = await Promise.all([
      reports.reportedApplicationIds(
        programmeId,
        areas.map((a) => a.id),
        meter,
      ),
      reports.programmeFollowUps(programmeId, meter),
    ]);
    const carried = new Map<string, { title: string; goals: readonly Goal[] }>();
    for (const f of followUps) {
      if (f.applicationTitle !== undefined && f.applicationGoals !== undefined)
        carried.set(f.applicationId, { title: f.applicationTitle, goals: f.applicationGoals });
    }
    const missing = reported.filter((app) => !carried.has(app.id)).map((app) => app.id);
    if (missing.length > 0) {
      for (const [id, summary] of await reports.applicationSummaries(missing, meter))
        carried.set(id, summary);
    }
    const applications = reported.map((app) => ({ ...app, ...carried.get(app.id) }));
    return goalsReport({ programmeId, asOf, applications, followUps, areas });
  };

  /**
   * P1 + P2, then the programme's survey sums per area, round and month, kept as each answer is
   * stored, so the report reads a few items per area and month, not every answer; the day sums
   * only for a report as of a past day within its month.
   */
  const surveyResultsOf = async (programmeId: string, asOf: string, meter: ReadMeter) => {
    const [, areas] = await Promise.all([programmeOrNotFound(programmeId, meter), reports.areas(meter)]);
    const today = clock.today();
    const sums = await reports.surveyResults(
      programmeId,
      areas.map((a) => a.id),
      meter,
      needsDays(asOf, today) ? monthOf(asOf) : undefined,
    );
    return surveyResults({ programmeId, asOf, today, ...sums, areas });
  };

  const COMPUTE = {
    'programme-summary': summaryOf,
    'follow-up-status': followUpStatusOf,
    'repayment-risk': repaymentRiskOf,
    goals: goalsOf,
    'survey-results': surveyResultsOf,
  } as const;

  /** Computes the report now, records the run, and answers it (with its CSV file when asked for). */
  const run = async (
    caller: Caller,
    request: ReportBody,
    meter: ReadMeter = { capacityUnits: 0, requests: 0 },
  ): Promise<ReportResult> => {
    const asOf = request.asOf ?? clock.today();
    const started = performance.now();
    const report: Report = await COMPUTE[request.type as keyof typeof COMPUTE](
      request.programmeId,
      asOf,
      meter,
    );
    const table: ReportTable = request.table ?? REPORT_TABLES[request.type][0];
    await reports.saveRun({
      id: randomUUID(),
      at: clock.now().toISOString(),
      actor: caller.email || caller.sub,
      type: request.type,
      programmeId: request.programmeId,
      asOf,
      format: request.format,
      ...(request.format === 'csv' ? { table } : {}),
    });
    log.info('report', {
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
  const runs = (
    caller: Caller,
    query: { limit: number; nextToken?: string | undefined },
  ): Promise<Page<ReportRun>> =>
    reports.runs({
      limit: query.limit,
      owner: caller.sub,
      ...(query.nextToken ? { nextToken: query.nextToken } : {}),
    });

  return { run, runs };
};

export type Reports = ReturnType<typeof makeReports>;
