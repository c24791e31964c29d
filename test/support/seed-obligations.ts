import { randomUUID } from 'node:crypto';
import { followUpWriteAction } from '../../shared/adapters/dynamodb/follow-ups-table.ts';
import { goalSheetItem } from '../../shared/adapters/dynamodb/goal-sheet-items.ts';
import type { Application } from '../../shared/domain/application.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { type FollowUp, newFollowUp } from '../../shared/domain/follow-ups.ts';
import { GOAL_ACHIEVED, type GoalOutcome } from '../../shared/domain/goals.ts';
import { DEFAULT_REMINDER_OFFSETS_DAYS, KUR2_FOLLOW_UP_RULES } from '../../shared/domain/programme.ts';
import { type AppVariation, appItem, type Table, writeAll } from './seed-applications.ts';

/**
 * Approved and completed applications with one obligation each, for the follow-up-status report's
 * capacity test and benchmark: the obligation is made as an approval makes it (newFollowUp: it
 * carries the application's title, status and goals) and stored as the follow-up store stores it
 * (followUpWriteAction: with every index key). Every third one was handed in, with a summary and
 * the reviews and goal outcomes a real one has, so the whole items weigh what real ones do. An
 * application with goals has its goal sheet, as its approval and hand-in write it.
 */

const STAMP = new Date('2015-04-01T10:00:00.000Z');
const competencePlan = KUR2_FOLLOW_UP_RULES.find((rule) => rule.kind === 'competencePlan');

export const obligationOf = (app: Application, index: number): FollowUp => {
  const dueOn = addDays('2015-06-30', index % 200);
  const made = newFollowUp({
    id: randomUUID(),
    application: app,
    rule: competencePlan ?? (KUR2_FOLLOW_UP_RULES[0] as NonNullable<typeof competencePlan>),
    dueOn,
    anchor: app.status === 'completed' ? 'actual' : 'planned',
    reminderOffsetsDays: DEFAULT_REMINDER_OFFSETS_DAYS,
    now: STAMP,
  });
  if (index % 3 !== 0) return made;
  const submittedOn = addDays(dueOn, (index % 7) - 3);
  // As a hand-in must: how each of the application's goals went (none without goals).
  const goalOutcomes: GoalOutcome[] = (app.goals ?? []).map((_, goal) => ({
    goal,
    achieved: GOAL_ACHIEVED[(index + goal) % GOAL_ACHIEVED.length] ?? 'yes',
    comment: 'Enkäten efter utbildningen visar att de flesta deltagarna nådde målet.',
  }));
  const outcomes = goalOutcomes.length > 0 ? { goalOutcomes } : {};
  return {
    ...made,
    status: 'submitted',
    submittedOn,
    summary: 'Planen är klar och förankrad hos alla fyra huvudmän; den följs upp vid nästa möte.',
    submissions: [
      {
        submittedOn,
        submittedBy: 'samverkan@forsakringskassan.se',
        summary: 'Planen är klar och förankrad hos alla fyra huvudmän; den följs upp vid nästa möte.',
        ...outcomes,
      },
    ],
    ...outcomes,
    version: 2,
  };
};

export const obligationItem = (followUp: FollowUp): Record<string, unknown> =>
  (followUpWriteAction({ next: followUp }, STAMP).action.Put as { Item: Record<string, unknown> }).Item;

/**
 * Applications `from`…`to` of a programme (as seed-applications.ts makes them, changed by `vary`:
 * with goals, say) and one obligation each, written with BatchWriteItem. `transform` may change an
 * obligation's stored item (to make one as it was stored before it carried its application's title).
 */
export const seedObligations = async (
  table: Table,
  programmeId: string,
  from: number,
  to: number,
  transform: (item: Record<string, unknown>, index: number) => Record<string, unknown> = (item) => item,
  vary?: AppVariation,
): Promise<void> => {
  const apps = Array.from({ length: to - from }, (_, i) => appItem(programmeId, from + i, vary));
  const made = apps.map((item, i) => obligationOf(item as unknown as Application, from + i));
  const obligations = made.map((followUp, i) => transform(obligationItem(followUp), from + i));
  // The goal sheets an approval and the hand-ins write for an application with goals.
  const sheets = apps.flatMap((item, i) => {
    const app = item as unknown as Application;
    return (app.goals?.length ?? 0) > 0 ? [goalSheetItem(app, made[i]?.submissions ?? [])] : [];
  });
  await writeAll(table, [...apps, ...obligations, ...sheets]);
};
