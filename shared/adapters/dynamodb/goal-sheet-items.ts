import type { Application } from '../../domain/application.ts';
import type { FollowUp, FollowUpSubmission } from '../../domain/follow-ups.ts';
import {
  GOAL_ACHIEVED,
  type Goal,
  type GoalAchieved,
  type GoalOutcome,
  type ReportedGoalOutcomes,
} from '../../domain/goals.ts';
import { tableName } from './client.ts';
import type { TransactItem } from './guarded-write.ts';
import { goalSheetKey, goalSheetsCompleteKey } from './keys.ts';

/**
 * P14, the goal sheets (keys.ts): one item per approved application with goals, holding its title,
 * its goals and every hand-in's outcomes, which is all the goals report reads. Before them the
 * report read which applications count (P11) and every obligation's entry in P7r, which carries the
 * application's title and goal texts once per obligation: 0.114 RCU per application with one
 * obligation each, three times the texts with KUR's three.
 *
 * Every report run reads every byte of every sheet, and DynamoDB counts attribute names as bytes,
 * so names are one letter (defined here once) and goals and hand-ins are lists, not maps:
 * - `t`: the application's title;
 * - `g`: its goals, each `[description, indicator, target]`;
 * - `h`: its hand-ins, each `[submittedOn, outcomes, ...comments]`, where `outcomes` has one
 *   letter per goal (`y`es, `p`artly, `n`o; `-` for a goal the hand-in did not report) and the
 *   comments follow in goal order.
 * The application and area are in the sort key (`areaId#applicationId`).
 */

const LETTER: Record<GoalAchieved, string> = { yes: 'y', partly: 'p', no: 'n' };
const ACHIEVED = new Map(GOAL_ACHIEVED.map((a) => [LETTER[a], a]));
const NOT_REPORTED = '-';

type StoredGoal = [description: string, indicator: string, target: string];
type StoredHandIn = [submittedOn: string, outcomes: string, ...comments: string[]];

const storedGoals = (goals: readonly Goal[]): StoredGoal[] =>
  goals.map((g) => [g.description, g.indicator, g.target]);

const storedHandIn = (submittedOn: string, outcomes: readonly GoalOutcome[]): StoredHandIn => {
  const byGoal = new Map(outcomes.map((o) => [o.goal, o]));
  const goals = Array.from({ length: Math.max(-1, ...byGoal.keys()) + 1 }, (_, goal) => byGoal.get(goal));
  return [
    submittedOn,
    goals.map((o) => (o ? LETTER[o.achieved] : NOT_REPORTED)).join(''),
    ...goals.map((o) => o?.comment ?? ''),
  ];
};

/** An approved application's sheet, with the hand-ins given (none when the approval writes it). */
export const goalSheetItem = (
  app: Pick<Application, 'id' | 'programmeId' | 'areaId' | 'title' | 'goals'>,
  handIns: readonly Pick<FollowUpSubmission, 'submittedOn' | 'goalOutcomes'>[] = [],
): Record<string, unknown> => ({
  ...goalSheetKey(app.programmeId, { areaId: app.areaId, applicationId: app.id }),
  t: app.title,
  g: storedGoals(app.goals ?? []),
  ...(handIns.length > 0
    ? { h: handIns.map((handIn) => storedHandIn(handIn.submittedOn, handIn.goalOutcomes ?? [])) }
    : {}),
});

/** The approval writes the sheet of an application with goals: title and goals, no hand-in yet. */
export const goalSheetPut = (app: Application): TransactItem | undefined =>
  (app.goals?.length ?? 0) === 0 ? undefined : { Put: { TableName: tableName(), Item: goalSheetItem(app) } };

/**
 * A hand-in with goal outcomes adds them to the sheet. The title and goals are set only if the
 * sheet has none: an application approved before the sheets existed starts one with this hand-in
 * alone, which the daily job writes again whole (goal-sheet-fill.ts) before its programme is
 * marked complete, the report reading no sheet of the programme until then.
 */
export const goalSheetHandIn = (followUp: FollowUp, submission: FollowUpSubmission): TransactItem => {
  const goals = followUp.applicationGoals;
  return {
    Update: {
      TableName: tableName(),
      Key: goalSheetKey(followUp.programmeId, followUp),
      UpdateExpression: [
        'SET h = list_append(if_not_exists(h, :none), :handIn)',
        ...(followUp.applicationTitle ? ['t = if_not_exists(t, :title)'] : []),
        ...(goals ? ['g = if_not_exists(g, :goals)'] : []),
      ].join(', '),
      ExpressionAttributeValues: {
        ':none': [],
        ':handIn': [storedHandIn(submission.submittedOn, submission.goalOutcomes ?? [])],
        ...(followUp.applicationTitle ? { ':title': followUp.applicationTitle } : {}),
        ...(goals ? { ':goals': storedGoals(goals) } : {}),
      },
    },
  };
};

/** A new programme's marker: every approval in it writes a sheet, so its sheets are complete. */
export const goalSheetsCompletePut = (programmeId: string): TransactItem => ({
  Put: { TableName: tableName(), Item: goalSheetsCompleteKey(programmeId) },
});

const handInOf = (applicationId: string, [submittedOn, outcomes, ...comments]: StoredHandIn) => ({
  applicationId,
  submittedOn,
  goalOutcomes: [...outcomes].flatMap((letter, goal): GoalOutcome[] => {
    const achieved = ACHIEVED.get(letter);
    return achieved ? [{ goal, achieved, comment: comments[goal] ?? '' }] : [];
  }),
});

export interface GoalSheets {
  /** False for a programme created before the sheets: some of its approved applications may lack one. */
  complete: boolean;
  applications: { id: string; areaId: string; title: string; goals: Goal[] }[];
  handIns: ReportedGoalOutcomes[];
}

/** A programme's sheets as read from its partition (the completeness marker among them). */
export const toGoalSheets = (programmeId: string, items: readonly Record<string, unknown>[]): GoalSheets => {
  const sheets: GoalSheets = { complete: false, applications: [], handIns: [] };
  for (const item of items) {
    const sk = String(item.sk);
    if (sk === goalSheetsCompleteKey(programmeId).sk) {
      sheets.complete = true;
      continue;
    }
    const split = sk.lastIndexOf('#');
    const id = sk.slice(split + 1);
    sheets.applications.push({
      id,
      areaId: sk.slice(0, split),
      title: typeof item.t === 'string' ? item.t : '',
      goals: ((item.g ?? []) as StoredGoal[]).map(([description, indicator, target]) => ({
        description,
        indicator,
        target,
      })),
    });
    for (const handIn of (item.h ?? []) as StoredHandIn[]) sheets.handIns.push(handInOf(id, handIn));
  }
  return sheets;
};
