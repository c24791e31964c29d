import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableName } from './client.ts';
import type { StoredFollowUp } from './follow-ups-table.ts';
import { cancellationCodes, withoutKeys } from './items.ts';
import { followUpKey, REMINDER_PARTITION, reminderClaimKey } from './keys.ts';
import { queryAll } from './pages.ts';
import { transactWrite } from './transact.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * P8: pending obligations whose next reminder day has come. A key range on the sparse index, so
 * what this reads grows with what is due, never with how many obligations exist.
 */
export const dueForReminder = async (today: string): Promise<StoredFollowUp[]> =>
  (await queryAll({ index: 'reminders', partition: REMINDER_PARTITION, to: today })).map((item) => {
    const {
      reminderPk: _pk,
      nextReminderOn: _next,
      ...followUp
    } = withoutKeys<Record<string, unknown>>(item);
    return followUp as unknown as StoredFollowUp;
  });

/** Raised when the step was already claimed, or the obligation closed, by the time we write. */
export class ReminderNotNeeded extends Error {}

/**
 * Records one reminder step in one transaction: the claim of (obligation, step) — a conditional
 * put, so that overlapping or repeated runs can never send a step twice — the step in the
 * obligation's `remindersSent` with its next reminder day (or its exit from the reminder index),
 * conditioned on the obligation still being pending, and the e-mail in the outbox.
 */
export const recordReminder = async (
  followUp: StoredFollowUp,
  step: number,
  next: string | undefined,
  email: TransactItem,
  now: Date,
): Promise<void> => {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...reminderClaimKey(followUp.id, step),
            entity: 'reminderClaim',
            followUpId: followUp.id,
            step,
            claimedAt: now.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: followUpKey(followUp.id),
          UpdateExpression: `SET remindersSent = list_append(if_not_exists(remindersSent, :none), :step)${
            next ? ', nextReminderOn = :next' : ' REMOVE reminderPk, nextReminderOn'
          }`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':none': [],
            ':step': [step],
            ':pending': 'pending',
            ...(next ? { ':next': next } : {}),
          },
        },
      },
      email,
    ]);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed' || codes?.[1] === 'ConditionalCheckFailed')
      throw new ReminderNotNeeded();
    throw error;
  }
};
