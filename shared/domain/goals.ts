import type { Region } from './area.ts';
import type { CsvTable } from './csv.ts';
import type { IsoDate } from './dates.ts';
import { RuleViolation, ValidationFailed, type Violation } from './errors.ts';
import { COLUMN_LABEL, capitalised, GOAL_ACHIEVED_LABEL, GOAL_COLUMN_LABEL } from './vocabulary.ts';

/**
 * Measurable goals (issue 15; seed 002_…, "Tydligare mål och uppföljning": goals were vague and the
 * follow-up could not show results). An application states 1–5 goals, each with how it is
 * measured and what counts as reached; every follow-up handed in says, per goal, whether it was
 * reached. The programme decides whether goals are required (`requiresGoals`).
 */

export const MAX_GOALS = 5;
export const GOAL_ACHIEVED = ['yes', 'partly', 'no'] as const;
export type GoalAchieved = (typeof GOAL_ACHIEVED)[number];

export interface Goal {
  description: string;
  /** How it is measured. */
  indicator: string;
  /** What counts as reached. */
  target: string;
}

export interface GoalOutcome {
  /** The goal's index in the application's `goals`. */
  goal: number;
  achieved: GoalAchieved;
  comment: string;
}

/** A programme that asks for goals: an application without any is incomplete at submit. */
export const goalsMissing = (
  app: { goals?: readonly Goal[] | undefined },
  programme: { requiresGoals?: boolean | undefined },
): Violation[] =>
  programme.requiresGoals === true && (app.goals?.length ?? 0) === 0
    ? [
        {
          rule: 'incomplete',
          message:
            'Ansökan är inte komplett. Det saknas mål: ange minst ett mål med hur det mäts och målvärde.',
          paths: ['goals'],
        },
      ]
    : [];

/**
 * A follow-up handed in for an application with goals says how each went, once each: a goal left
 * out is `incomplete`, an outcome for a goal the application does not have or given twice is a
 * malformed answer (its paths name it).
 */
export const goalOutcomeViolations = (
  goals: readonly Goal[],
  outcomes: readonly GoalOutcome[],
): { missing: Violation[]; unknown: { path: string; message: string }[] } => {
  const seen = new Set<number>();
  const unknown: { path: string; message: string }[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.goal >= goals.length)
      unknown.push({ path: `goalOutcomes.${index}.goal`, message: 'Ansökan har inget sådant mål' });
    else if (seen.has(outcome.goal))
      unknown.push({ path: `goalOutcomes.${index}.goal`, message: 'Varje mål redovisas en gång' });
    seen.add(outcome.goal);
  });
  const left = goals.map((_, index) => index).filter((index) => !seen.has(index));
  return {
    unknown,
    missing:
      left.length === 0
        ? []
        : [
            {
              rule: 'incomplete',
              message: `Redovisa hur det gick med ${left.length === 1 ? 'målet' : 'målen'}: ${left
                .map((index) => `”${goals[index]?.description}”`)
                .join(', ')}.`,
              paths: left.map((index) => `goalOutcomes.${index}`),
            },
          ],
  };
};

/** Refuses a hand-in whose outcomes do not match the application's goals (400 for a wrong index, 422 for one left out). */
export const checkGoalOutcomes = (goals: readonly Goal[], outcomes: readonly GoalOutcome[]): void => {
  const { unknown, missing } = goalOutcomeViolations(goals, outcomes);
  if (unknown.length > 0) throw new ValidationFailed(unknown);
  if (missing.length > 0) throw new RuleViolation(missing);
};

// ---------------------------------------------------------------------------------------------
// The goals report: per programme, how the goals went, per area and in total.

export interface GoalCounts {
  goals: number;
  yes: number;
  partly: number;
  no: number;
  /** Goals no follow-up has reported on yet (by `asOf`). */
  notReported: number;
}

export interface GoalRow {
  applicationId: string;
  title: string;
  areaId: string;
  areaName: string;
  goal: number;
  description: string;
  indicator: string;
  target: string;
  achieved: GoalAchieved | null;
  comment: string | null;
}

export interface GoalsReport {
  type: 'goals';
  programmeId: string;
  asOf: IsoDate;
  total: GoalCounts;
  byArea: ({ areaId: string; areaName: string; region: Region | null } & GoalCounts)[];
  goals: GoalRow[];
}

/** A follow-up as the goals report reads it: what it reported of each goal, and when. */
export interface ReportedGoalOutcomes {
  applicationId: string;
  submittedOn?: IsoDate;
  goalOutcomes?: readonly GoalOutcome[];
}

export interface GoalsReportInput {
  programmeId: string;
  asOf: IsoDate;
  /** The programme's approved and completed applications, with their goals. */
  applications: readonly { id: string; title?: string; areaId: string; goals?: readonly Goal[] }[];
  followUps: readonly ReportedGoalOutcomes[];
  areas: readonly { id: string; name: string; region: Region }[];
}

const zero = (): GoalCounts => ({ goals: 0, yes: 0, partly: 0, no: 0, notReported: 0 });

/** Each goal counted once, by the latest outcome handed in on or before `asOf`. */
export const goalsReport = (input: GoalsReportInput): GoalsReport => {
  const latest = new Map<string, { on: string; outcome: GoalOutcome }>();
  for (const f of input.followUps) {
    if (!f.submittedOn || f.submittedOn > input.asOf) continue;
    for (const outcome of f.goalOutcomes ?? []) {
      const key = `${f.applicationId}#${outcome.goal}`;
      const before = latest.get(key);
      if (!before || before.on <= f.submittedOn) latest.set(key, { on: f.submittedOn, outcome });
    }
  }
  const areas = new Map(input.areas.map((a) => [a.id, a]));
  const total = zero();
  const byArea = new Map<string, GoalCounts>();
  const goals: GoalRow[] = [];
  for (const app of input.applications) {
    (app.goals ?? []).forEach((goal, index) => {
      const outcome = latest.get(`${app.id}#${index}`)?.outcome;
      const counts = byArea.get(app.areaId) ?? zero();
      byArea.set(app.areaId, counts);
      for (const c of [counts, total]) {
        c.goals++;
        c[outcome?.achieved ?? 'notReported']++;
      }
      goals.push({
        applicationId: app.id,
        title: app.title ?? '',
        areaId: app.areaId,
        areaName: areas.get(app.areaId)?.name ?? app.areaId,
        goal: index,
        ...goal,
        achieved: outcome?.achieved ?? null,
        comment: outcome?.comment ?? null,
      });
    });
  }
  const name = (id: string) => areas.get(id)?.name ?? id;
  return {
    type: 'goals',
    programmeId: input.programmeId,
    asOf: input.asOf,
    total,
    byArea: [...byArea.entries()]
      .sort(([a], [b]) => name(a).localeCompare(name(b), 'sv'))
      .map(([areaId, counts]) => ({
        areaId,
        areaName: name(areaId),
        region: areas.get(areaId)?.region ?? null,
        ...counts,
      })),
    goals: goals.sort(
      (a, b) =>
        a.areaName.localeCompare(b.areaName, 'sv') || a.title.localeCompare(b.title, 'sv') || a.goal - b.goal,
    ),
  };
};

export const GOALS_REPORT_TABLES = ['goalsByArea', 'goalList'] as const;

const G = GOAL_COLUMN_LABEL;
const achieved = (value: GoalAchieved | null) => (value ? capitalised(GOAL_ACHIEVED_LABEL[value]) : null);

export const goalsTable = (report: GoalsReport, table: (typeof GOALS_REPORT_TABLES)[number]): CsvTable =>
  table === 'goalsByArea'
    ? {
        header: [COLUMN_LABEL.area, G.goals, G.yes, G.partly, G.no, G.notReported],
        rows: [
          ...report.byArea.map((a) => [a.areaName, a.goals, a.yes, a.partly, a.no, a.notReported]),
          [
            G.total,
            report.total.goals,
            report.total.yes,
            report.total.partly,
            report.total.no,
            report.total.notReported,
          ],
        ],
      }
    : {
        header: [
          COLUMN_LABEL.area,
          COLUMN_LABEL.application,
          G.goal,
          G.indicator,
          G.target,
          G.achieved,
          G.comment,
        ],
        rows: report.goals.map((g) => [
          g.areaName,
          g.title,
          g.description,
          g.indicator,
          g.target,
          achieved(g.achieved),
          g.comment,
        ]),
      };

/** The goals and outcomes of one obligation's application, as one cell of the follow-up table. */
export const goalsCell = (goals: readonly Goal[], outcomes: readonly GoalOutcome[] | undefined): string =>
  goals
    .map((goal, index) => {
      const outcome = outcomes?.find((o) => o.goal === index);
      return `${index + 1}. ${goal.description} (${goal.target})${outcome ? `: ${GOAL_ACHIEVED_LABEL[outcome.achieved]}` : ''}`;
    })
    .join('\n');
