import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Reminded } from '../../ports.ts';
import { tableName } from './client.ts';
import { toCompletionDue } from './completion-due-table.ts';
import { toFollowUp } from './follow-ups-table.ts';
import { cancellationCodes } from './items.ts';
import {
  completionDueKey,
  completionReminderClaimKey,
  followUpKey,
  REMINDER_PARTITION,
  reminderClaimKey,
} from './keys.ts';
import { queryAll } from './pages.ts';
import { transactWrite } from './transact.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * P8: pending obligations and completion reports whose next reminder day has come. A key range on
 * the sparse index, so what this reads grows with what is due, never with how many exist.
 */
export const dueForReminder = async (today: string): Promise<Reminded[]> =>
  (await queryAll({ index: 'reminders', partition: REMINDER_PARTITION, to: today })).map(
    (item): Reminded =>
      item.entity === 'completionDue'
        ? { type: 'completion', completion: toCompletionDue(item) }
        : { type: 'followUp', followUp: toFollowUp(item) },
  );

/** Raised when the step was already claimed, the thing closed, or a new round began, by the time we write. */
export class ReminderNotNeeded extends Error {}

const keysOf = (reminded: Reminded, round: number, step: number) =>
  reminded.type === 'followUp'
    ? {
        item: followUpKey(reminded.followUp.id),
        claim: reminderClaimKey(reminded.followUp.id, round, step),
        owner: { followUpId: reminded.followUp.id },
      }
    : {
        item: completionDueKey(reminded.completion.applicationId),
        claim: completionReminderClaimKey(reminded.completion.applicationId, round, step),
        owner: { applicationId: reminded.completion.applicationId },
      };

/**
 * Records one reminder step of one round in one transaction: the claim of (thing, round, step) —
 * a conditional put, so that overlapping or repeated runs can never send a step twice — the step
 * in its `remindersSent` with its next reminder day (or its exit from the reminder index),
 * conditioned on it still being pending and still in that round (a step of an old round is never
 * recorded after a new one began), and the e-mail in the outbox.
 */
export const recordReminder = async (
  reminded: Reminded,
  step: number,
  next: string | undefined,
  email: TransactItem,
  now: Date,
): Promise<void> => {
  const { reminderRound: round, reminderFrom } =
    reminded.type === 'followUp' ? reminded.followUp : reminded.completion;
  const keys = keysOf(reminded, round, step);
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.claim,
            entity: 'reminderClaim',
            ...keys.owner,
            round,
            step,
            claimedAt: now.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: keys.item,
          UpdateExpression: `SET remindersSent = list_append(if_not_exists(remindersSent, :none), :step), reminderRound = :round, reminderFrom = if_not_exists(reminderFrom, :from)${
            next ? ', nextReminderOn = :next' : ' REMOVE reminderPk, nextReminderOn'
          }`,
          // Stored before rounds existed: no round attribute, round 1.
          ConditionExpression: `#status = :pending AND ${
            round === 1
              ? '(attribute_not_exists(reminderRound) OR reminderRound = :round)'
              : 'reminderRound = :round'
          }`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':none': [],
            ':step': [step],
            ':pending': 'pending',
            ':round': round,
            ':from': reminderFrom,
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
