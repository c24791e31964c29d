import type { CompletionDue } from '../../domain/completion-due.ts';
import { stockholmDate } from '../../domain/dates.ts';
import { nextReminderOn } from '../../domain/reminders.ts';
import { tableName } from './client.ts';
import type { GuardedAction } from './guarded-write.ts';
import { withoutKeys } from './items.ts';
import { completionDueIndexKeys, completionDueKey, reminderIndexKeys } from './keys.ts';

/**
 * An approved application's completion reminder (`APPLICATION#id / COMPLETION`): written with the
 * approval, in the sparse reminder index while pending; closed by the completion.
 */
export const completionDueOpenAction = (completion: CompletionDue, at: Date): GuardedAction => {
  const next = nextReminderOn(
    completion.reminderFrom,
    completion.reminderOffsetsDays,
    completion.remindersSent,
    stockholmDate(at),
  );
  return {
    // Two approvals racing both write it: the loser's put fails as its lost race.
    guard: { name: 'version', entity: 'completionDue', id: completion.applicationId, version: 0 },
    action: {
      Put: {
        TableName: tableName(),
        Item: {
          ...completionDueKey(completion.applicationId),
          ...completionDueIndexKeys(completion),
          ...(next ? reminderIndexKeys(next) : {}),
          entity: 'completionDue',
          ...completion,
        },
        // Written once, by the approval.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
};

/**
 * Closes the completion reminder: done, out of the reminder index, so no reminder follows. Only
 * for applications whose approval wrote one (they have `completionDueOn`).
 */
export const completionDueCloseAction = (applicationId: string, at: Date): GuardedAction => ({
  guard: { name: 'version', entity: 'completionDue', id: applicationId, version: -1 },
  action: {
    Update: {
      TableName: tableName(),
      Key: completionDueKey(applicationId),
      UpdateExpression:
        'SET #status = :done, updatedAt = :now, version = version + :one REMOVE reminderPk, nextReminderOn, gsi5pk, gsi5sk, gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':now': at.toISOString(), ':one': 1 },
    },
  },
});

export const toCompletionDue = (item: Record<string, unknown>): CompletionDue => {
  const { reminderPk: _pk, nextReminderOn: _next, ...rest } = withoutKeys<Record<string, unknown>>(item);
  return rest as unknown as CompletionDue;
};
