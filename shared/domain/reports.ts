import type { ApplicationStatus } from './application.ts';
import type { Region } from './area.ts';
import { REGIONS } from './area.ts';
import type { CsvTable } from './csv.ts';
import { daysBetween, type IsoDate } from './dates.ts';
import type { FollowUpStatus } from './follow-ups.ts';
import {
  GOALS_REPORT_TABLES,
  type Goal,
  type GoalAchieved,
  type GoalOutcome,
  type GoalsReport,
  goalsCell,
  goalsTable,
} from './goals.ts';
import type { ActivityType, FollowUpKind, ProgrammeYear } from './programme.ts';
import { type RepaymentRiskReport, RISK_REPORT_TABLES, repaymentRiskTable } from './repayment-risk.ts';
import { SURVEY_REPORT_TABLES, type SurveyResultsReport, surveyResultsTable } from './survey-results.ts';
import {
  COLUMN_LABEL,
  capitalised,
  FOLLOW_UP_STATUS_LABEL,
  GOAL_COLUMN_LABEL,
  KIND_LABEL,
  REGION_LABEL,
  REPORT_LABEL,
  REPORT_TABLE_LABEL,
} from './vocabulary.ts';

/**
 * The reports administrators trigger (API.md "Report programme-summary", "Report
 * follow-up-status"), modelled on KUR 2's final report to the ministry (seed 002_…, "Genomförande",
 * "Medel"). Pure computations over what the report reads; no I/O.
 */

export const REPORT_TYPES = [
  'programme-summary',
  'follow-up-status',
  'repayment-risk',
  'goals',
  'survey-results',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** The tables a report can be downloaded as (CSV: one table per file); the first is the default. */
export const REPORT_TABLES = {
  'programme-summary': ['funds', 'byRegion'],
  'follow-up-status': ['rows'],
  'repayment-risk': RISK_REPORT_TABLES,
  goals: GOALS_REPORT_TABLES,
  'survey-results': SURVEY_REPORT_TABLES,
} as const satisfies Record<ReportType, readonly string[]>;
export type ReportTable = (typeof REPORT_TABLES)[ReportType][number];

/** Statuses that count as "granted money" in a report; every other status counts nowhere. */
const REPORTED_STATUSES: ReadonlySet<ApplicationStatus> = new Set(['approved', 'completed']);

/** A year has ended by `asOf` when `asOf` is after its 31 December. */
export const yearEnded = (year: number, asOf: IsoDate): boolean => asOf > `${year}-12-31`;

// ---------------------------------------------------------------------------------------------
// programme-summary

/** What the report index (P11) holds per approved or completed application. */
export interface ReportedApplication {
  areaId: string;
  status: ApplicationStatus;
  activityTypes: readonly ActivityType[];
  consulted: boolean;
}

export interface YearTotals {
  granted: number;
  disbursed: number;
}

export interface ProgrammeSummaryInput {
  programme: { id: string; years: readonly ProgrammeYear[] };
  /** Every area in the system (the report's "of 45"). */
  areas: readonly { id: string; region: Region }[];
  applications: readonly ReportedApplication[];
  /** Granted and disbursed per year (keys: the year as a string); a year never granted from is absent. */
  yearTotals: Readonly<Record<string, YearTotals>>;
  asOf: IsoDate;
}

export interface FundsRow {
  year: number;
  appropriation: number;
  granted: number;
  disbursed: number;
  /** `appropriation − disbursed` once the year has ended by `asOf`, else null. */
  repaid: number | null;
}

export interface ProgrammeSummary {
  type: 'programme-summary';
  programmeId: string;
  asOf: IsoDate;
  areas: { total: number; withApprovedApplication: number };
  byRegion: { region: Region; areas: number; withApprovedApplication: number }[];
  activityMix: { knowledgeOnly: number; collaborationPlanOnly: number; both: number };
  userInvolvement: { consulted: number; notConsulted: number };
  funds: FundsRow[];
  totals: { appropriation: number; granted: number; disbursed: number; repaid: number };
}

interface AreaProfile {
  types: Set<ActivityType>;
  consulted: boolean;
}

/**
 * One profile per area with at least one approved or completed application: its activity types
 * are the union over those applications, and it consulted users when any of them did.
 */
export const areaProfiles = (applications: readonly ReportedApplication[]): Map<string, AreaProfile> => {
  const profiles = new Map<string, AreaProfile>();
  for (const app of applications) {
    if (!REPORTED_STATUSES.has(app.status)) continue;
    const profile = profiles.get(app.areaId) ?? { types: new Set<ActivityType>(), consulted: false };
    for (const type of app.activityTypes) profile.types.add(type);
    profile.consulted ||= app.consulted;
    profiles.set(app.areaId, profile);
  }
  return profiles;
};

export const fundsRow = (y: ProgrammeYear, totals: YearTotals | undefined, asOf: IsoDate): FundsRow => {
  const disbursed = totals?.disbursed ?? 0;
  return {
    year: y.year,
    appropriation: y.appropriation,
    granted: totals?.granted ?? 0,
    disbursed,
    repaid: yearEnded(y.year, asOf) ? y.appropriation - disbursed : null,
  };
};

export const programmeSummary = (input: ProgrammeSummaryInput): ProgrammeSummary => {
  const profiles = areaProfiles(input.applications);
  const regionOf = new Map(input.areas.map((a) => [a.id, a.region]));
  const byRegion = REGIONS.map((region) => ({
    region,
    areas: input.areas.filter((a) => a.region === region).length,
    withApprovedApplication: [...profiles.keys()].filter((id) => regionOf.get(id) === region).length,
  }));
  const mix = { knowledgeOnly: 0, collaborationPlanOnly: 0, both: 0 };
  let consulted = 0;
  for (const profile of profiles.values()) {
    const knowledge = profile.types.has('knowledge');
    const plan = profile.types.has('collaborationPlan');
    if (knowledge && plan) mix.both++;
    else if (knowledge) mix.knowledgeOnly++;
    else if (plan) mix.collaborationPlanOnly++;
    if (profile.consulted) consulted++;
  }
  const funds = [...input.programme.years]
    .sort((a, b) => a.year - b.year)
    .map((y) => fundsRow(y, input.yearTotals[String(y.year)], input.asOf));
  const sum = (pick: (row: FundsRow) => number | null) =>
    funds.reduce((total, row) => total + (pick(row) ?? 0), 0);
  return {
    type: 'programme-summary',
    programmeId: input.programme.id,
    asOf: input.asOf,
    areas: { total: input.areas.length, withApprovedApplication: profiles.size },
    byRegion,
    activityMix: mix,
    userInvolvement: { consulted, notConsulted: profiles.size - consulted },
    funds,
    totals: {
      appropriation: sum((r) => r.appropriation),
      granted: sum((r) => r.granted),
      disbursed: sum((r) => r.disbursed),
      // The years that have not ended add nothing (their repaid is null).
      repaid: sum((r) => r.repaid),
    },
  };
};

// ---------------------------------------------------------------------------------------------
// follow-up-status

/** What the report reads per obligation (P7, programme partition). */
export interface ReportedFollowUp {
  id: string;
  applicationId: string;
  areaId: string;
  kind: FollowUpKind;
  dueOn: IsoDate;
  status: FollowUpStatus;
  submittedOn?: IsoDate;
  waivedOn?: IsoDate;
  /** What the latest hand-in said of each of the application's goals. */
  goalOutcomes?: GoalOutcome[];
  /**
   * The application's title and goals as the obligation carries them (written at approval; an
   * approved application's never change). Absent on obligations stored before: the report reads
   * the application for those.
   */
  applicationTitle?: string;
  applicationGoals?: Goal[];
}

export type Compliance = 'onTime' | 'late' | 'overdue' | 'pending' | 'waived';

export interface FollowUpRow {
  followUpId: string;
  applicationId: string;
  applicationTitle: string;
  areaId: string;
  areaName: string;
  region: Region | null;
  kind: FollowUpKind;
  dueOn: IsoDate;
  status: FollowUpStatus;
  submittedOn?: IsoDate;
  daysLate: number;
  /** The application's goals, each with what this obligation's hand-in reported of it (by `asOf`). */
  goals: (Goal & { achieved: GoalAchieved | null; comment: string | null })[];
}

export interface FollowUpStatusReport {
  type: 'follow-up-status';
  programmeId: string;
  asOf: IsoDate;
  rows: FollowUpRow[];
  counts: Record<Compliance, number>;
}

/**
 * The obligation's status on `asOf`: a submission or waiver dated after `asOf` had not happened
 * yet, so the obligation was still pending then. (The report can be run for a past date and gives
 * what head office would have seen that day.) An accepted obligation was handed in on its
 * `submittedOn` like a submitted one.
 */
export const statusOn = (
  f: Pick<ReportedFollowUp, 'status' | 'submittedOn' | 'waivedOn'>,
  asOf: IsoDate,
): FollowUpStatus => {
  if (
    (f.status === 'submitted' || f.status === 'accepted') &&
    f.submittedOn !== undefined &&
    f.submittedOn <= asOf
  )
    return f.status;
  if (f.status === 'waived' && (f.waivedOn === undefined || f.waivedOn <= asOf)) return 'waived';
  return 'pending';
};

/**
 * API.md: `onTime` = submitted (or accepted) on or before `dueOn`; `late` = submitted after it; `overdue` = still
 * pending with `dueOn` before `asOf`; `pending` = still pending with `dueOn` on or after `asOf`.
 * `daysLate` counts from `dueOn` to `submittedOn` (late) or to `asOf` (overdue), else 0.
 */
export const compliance = (
  f: Pick<ReportedFollowUp, 'status' | 'submittedOn' | 'waivedOn' | 'dueOn'>,
  asOf: IsoDate,
): { status: FollowUpStatus; compliance: Compliance; daysLate: number } => {
  const status = statusOn(f, asOf);
  if (status === 'waived') return { status, compliance: 'waived', daysLate: 0 };
  if (status === 'submitted' || status === 'accepted') {
    const late = Math.max(0, daysBetween(f.dueOn, f.submittedOn as IsoDate));
    return { status, compliance: late > 0 ? 'late' : 'onTime', daysLate: late };
  }
  return f.dueOn < asOf
    ? { status, compliance: 'overdue', daysLate: daysBetween(f.dueOn, asOf) }
    : { status, compliance: 'pending', daysLate: 0 };
};

export interface FollowUpStatusInput {
  programmeId: string;
  asOf: IsoDate;
  /** The programme's obligations, in the order the rows should have (by due date). */
  followUps: readonly ReportedFollowUp[];
  areas: readonly { id: string; name: string; region: Region }[];
  /** Application titles by id. */
  titles: ReadonlyMap<string, string>;
  /** Application goals by id (absent: none). */
  goals?: ReadonlyMap<string, readonly Goal[]>;
}

export const followUpStatus = (input: FollowUpStatusInput): FollowUpStatusReport => {
  const areas = new Map(input.areas.map((a) => [a.id, a]));
  const counts: Record<Compliance, number> = { onTime: 0, late: 0, overdue: 0, pending: 0, waived: 0 };
  const rows = input.followUps.map((f): FollowUpRow => {
    const judged = compliance(f, input.asOf);
    counts[judged.compliance]++;
    const area = areas.get(f.areaId);
    return {
      followUpId: f.id,
      applicationId: f.applicationId,
      applicationTitle: input.titles.get(f.applicationId) ?? '',
      areaId: f.areaId,
      areaName: area?.name ?? f.areaId,
      region: area?.region ?? null,
      kind: f.kind,
      dueOn: f.dueOn,
      status: judged.status,
      ...(judged.status === 'submitted' || judged.status === 'accepted'
        ? { submittedOn: f.submittedOn as IsoDate }
        : {}),
      daysLate: judged.daysLate,
      goals: (input.goals?.get(f.applicationId) ?? []).map((goal, index) => {
        const handedIn = judged.status === 'submitted' || judged.status === 'accepted';
        const outcome = handedIn ? f.goalOutcomes?.find((o) => o.goal === index) : undefined;
        return { ...goal, achieved: outcome?.achieved ?? null, comment: outcome?.comment ?? null };
      }),
    };
  });
  return { type: 'follow-up-status', programmeId: input.programmeId, asOf: input.asOf, rows, counts };
};

// ---------------------------------------------------------------------------------------------
// Tables for download (CSV): Swedish column names, one row per item, amounts as plain integers.

export type Report =
  | ProgrammeSummary
  | FollowUpStatusReport
  | RepaymentRiskReport
  | GoalsReport
  | SurveyResultsReport;

/** A table to write out: header row and one row of cells per item (null is an empty cell). */
export type ReportTableData = CsvTable;

const C = COLUMN_LABEL;

export const reportTable = (report: Report, table: ReportTable): ReportTableData => {
  if (report.type === 'repayment-risk' && (table === 'years' || table === 'applications')) {
    return repaymentRiskTable(report, table);
  }
  if (report.type === 'goals' && (table === 'goalsByArea' || table === 'goalList')) {
    return goalsTable(report, table);
  }
  if (report.type === 'survey-results' && (table === 'rounds' || table === 'areas')) {
    return surveyResultsTable(report, table);
  }
  if (report.type === 'programme-summary' && table === 'funds') {
    return {
      header: [C.year, C.appropriation, C.granted, C.disbursed, C.repaid],
      rows: report.funds.map((f) => [f.year, f.appropriation, f.granted, f.disbursed, f.repaid]),
    };
  }
  if (report.type === 'programme-summary' && table === 'byRegion') {
    return {
      header: [C.region, C.areas, C.withApprovedApplication],
      rows: report.byRegion.map((r) => [REGION_LABEL[r.region], r.areas, r.withApprovedApplication]),
    };
  }
  if (report.type === 'follow-up-status' && table === 'rows') {
    return {
      header: [
        C.area,
        C.region,
        C.application,
        C.followUp,
        C.dueOn,
        C.status,
        C.submittedOn,
        C.daysLate,
        GOAL_COLUMN_LABEL.goalsAndOutcomes,
      ],
      rows: report.rows.map((r) => [
        r.areaName,
        r.region ? REGION_LABEL[r.region] : null,
        r.applicationTitle,
        capitalised(KIND_LABEL[r.kind]),
        r.dueOn,
        capitalised(FOLLOW_UP_STATUS_LABEL[r.status]),
        r.submittedOn ?? null,
        r.daysLate,
        r.goals.length > 0
          ? goalsCell(
              r.goals,
              r.goals.flatMap((g, goal) => (g.achieved ? [{ goal, achieved: g.achieved, comment: '' }] : [])),
            )
          : null,
      ]),
    };
  }
  throw new Error(`The ${report.type} report has no table ${table}`);
};

/** A file name in words: lower case, words joined by hyphens (`medel per år` → `medel-per-år`). */
const slug = (words: string): string => words.toLowerCase().replace(/\s+/g, '-');

/**
 * The download's file name, in Swedish: `kur2-programsammanställning-medel-per-år-2016-02-15.csv`;
 * a report with one table is named by the report alone (`kur2-uppföljningsstatus-2016-02-15.csv`).
 */
export const reportFileName = (report: Report, table: ReportTable): string => {
  const tables: readonly string[] = REPORT_TABLES[report.type];
  const parts = [
    report.programmeId,
    slug(REPORT_LABEL[report.type]),
    ...(tables.length > 1 ? [slug(REPORT_TABLE_LABEL[table])] : []),
    report.asOf,
  ];
  return `${parts.join('-')}.csv`;
};

/**
 * The file name for headers and programs that read only ASCII (the `filename` fallback of
 * `Content-Disposition`): å and ä become a, ö becomes o.
 */
export const asciiFileName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]/g, '-');

/**
 * What a recorded run says in the run list: the report's name and how it was taken out, e.g.
 * `Programsammanställning, CSV-fil med områden per region` or `Uppföljningsstatus, visad på skärmen`.
 */
export const reportRunDescription = (run: {
  type: string;
  format: 'json' | 'csv';
  table?: string | undefined;
}): string => {
  const name = capitalised(REPORT_LABEL[run.type as ReportType] ?? run.type);
  if (run.format === 'json') return `${name}, visad på skärmen`;
  const table = run.table ? REPORT_TABLE_LABEL[run.table as ReportTable] : undefined;
  return table ? `${name}, CSV-fil med ${table}` : `${name}, CSV-fil`;
};
