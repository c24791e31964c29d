import type { ApplicationStatus } from './application.ts';
import type { CsvTable } from './csv.ts';
import { daysBetween, type IsoDate } from './dates.ts';
import type { ProgrammeYear } from './programme.ts';
import { COLUMN_LABEL, capitalised, RISK_COLUMN_LABEL, RISK_REASON_LABEL } from './vocabulary.ts';

/**
 * Money at risk (issue 15; seed 002_…: 7 241 876 of 2014's 10 000 000 SEK came back, because areas
 * applied in 2014 but ran their activities in 2015, and nobody saw it in time). Money not
 * disbursed by a year's end is repaid, and nothing is disbursed before completion, so what is
 * granted for a year on an application not completed is at risk when
 *
 * - `ends-after-year`: its latest planned end is after the year's 31 December, or
 * - `not-completed-near-year-end`: the year ends within 60 days of `asOf`.
 *
 * Everything is judged as of `asOf` from the applications themselves — granted by a decision on or
 * before it, disbursed by a completion on or before it — so a report for a past day says what
 * head office could have seen that day. A year that has ended by `asOf` has nothing at risk: its
 * money is repaid already (the programme summary says how much).
 */

export const RISK_REASONS = ['ends-after-year', 'not-completed-near-year-end'] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

/** Days before a year's end from which an application not completed puts its money at risk. */
export const NEAR_YEAR_END_DAYS = 60;

/** What the report reads per approved or completed application of the programme. */
export interface RiskApplication {
  id: string;
  title?: string;
  areaId: string;
  status: ApplicationStatus;
  grantedByYear?: Record<string, number>;
  disbursedByYear?: Record<string, number>;
  activities?: readonly { plannedEnd?: string }[];
  decision?: { decidedOn: string };
  completion?: { reportedOn: string };
}

export interface RiskRow {
  applicationId: string;
  title: string;
  areaId: string;
  areaName: string;
  /** The latest planned end of its activities (empty when none was planned). */
  plannedEnd: IsoDate | null;
  /** Granted for the year: what is at risk. */
  granted: number;
  reason: RiskReason;
}

export interface RiskYear {
  year: number;
  appropriation: number;
  granted: number;
  disbursed: number;
  atRisk: number;
  applications: RiskRow[];
}

export interface RepaymentRiskReport {
  type: 'repayment-risk';
  programmeId: string;
  asOf: IsoDate;
  years: RiskYear[];
}

export const latestPlannedEnd = (app: Pick<RiskApplication, 'activities'>): IsoDate | null =>
  (app.activities ?? [])
    .map((a) => a.plannedEnd)
    .filter((end): end is string => typeof end === 'string')
    .sort()
    .at(-1) ?? null;

const grantedOn = (app: RiskApplication, asOf: IsoDate) =>
  app.decision !== undefined && app.decision.decidedOn <= asOf;
const completedOn = (app: RiskApplication, asOf: IsoDate) =>
  app.completion !== undefined && app.completion.reportedOn <= asOf;

/** Why the application's grant for `year` is at risk on `asOf`, if it is. */
export const riskReason = (app: RiskApplication, year: number, asOf: IsoDate): RiskReason | undefined => {
  const yearEnd = `${year}-12-31`;
  if (asOf > yearEnd || !grantedOn(app, asOf) || completedOn(app, asOf)) return undefined;
  if ((app.grantedByYear?.[String(year)] ?? 0) <= 0) return undefined;
  const end = latestPlannedEnd(app);
  if (end !== null && end > yearEnd) return 'ends-after-year';
  return daysBetween(asOf, yearEnd) <= NEAR_YEAR_END_DAYS ? 'not-completed-near-year-end' : undefined;
};

export interface RepaymentRiskInput {
  programme: { id: string; years: readonly ProgrammeYear[] };
  applications: readonly RiskApplication[];
  areas: readonly { id: string; name: string }[];
  asOf: IsoDate;
}

export const repaymentRisk = (input: RepaymentRiskInput): RepaymentRiskReport => {
  const areaName = new Map(input.areas.map((a) => [a.id, a.name]));
  const years = [...input.programme.years]
    .sort((a, b) => a.year - b.year)
    .map((y): RiskYear => {
      const key = String(y.year);
      let granted = 0;
      let disbursed = 0;
      const applications: RiskRow[] = [];
      for (const app of input.applications) {
        if (!grantedOn(app, input.asOf)) continue;
        const amount = app.grantedByYear?.[key] ?? 0;
        granted += amount;
        if (completedOn(app, input.asOf)) disbursed += app.disbursedByYear?.[key] ?? 0;
        const reason = riskReason(app, y.year, input.asOf);
        if (reason) {
          applications.push({
            applicationId: app.id,
            title: app.title ?? '',
            areaId: app.areaId,
            areaName: areaName.get(app.areaId) ?? app.areaId,
            plannedEnd: latestPlannedEnd(app),
            granted: amount,
            reason,
          });
        }
      }
      applications.sort(
        (a, b) =>
          b.granted - a.granted ||
          a.areaName.localeCompare(b.areaName, 'sv') ||
          a.applicationId.localeCompare(b.applicationId),
      );
      const atRisk = applications.reduce((sum, row) => sum + row.granted, 0);
      return { year: y.year, appropriation: y.appropriation, granted, disbursed, atRisk, applications };
    });
  return { type: 'repayment-risk', programmeId: input.programme.id, asOf: input.asOf, years };
};

/** Whether anything is at risk: what the weekly e-mails wait for. */
export const anythingAtRisk = (report: RepaymentRiskReport): boolean =>
  report.years.some((y) => y.atRisk > 0);

export const RISK_REPORT_TABLES = ['years', 'applications'] as const;

const R = RISK_COLUMN_LABEL;

export const repaymentRiskTable = (
  report: RepaymentRiskReport,
  table: (typeof RISK_REPORT_TABLES)[number],
): CsvTable =>
  table === 'years'
    ? {
        header: [
          COLUMN_LABEL.year,
          COLUMN_LABEL.appropriation,
          COLUMN_LABEL.granted,
          COLUMN_LABEL.disbursed,
          R.atRisk,
        ],
        rows: report.years.map((y) => [y.year, y.appropriation, y.granted, y.disbursed, y.atRisk]),
      }
    : {
        header: [
          COLUMN_LABEL.year,
          COLUMN_LABEL.area,
          COLUMN_LABEL.application,
          R.plannedEnd,
          R.atRisk,
          R.reason,
        ],
        rows: report.years.flatMap((y) =>
          y.applications.map((a) => [
            y.year,
            a.areaName,
            a.title,
            a.plannedEnd,
            a.granted,
            capitalised(RISK_REASON_LABEL[a.reason]),
          ]),
        ),
      };
