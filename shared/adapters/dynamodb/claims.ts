import type { OutgoingEmail } from '../../ports.ts';
import { tableName } from './client.ts';
import { cancellationCodes } from './items.ts';
import { outboxPut } from './outbox.ts';
import { transactWrite } from './transact.ts';

/**
 * An e-mail sent at most once: a claim item put only if absent, and the e-mail in the outbox, in
 * one transaction. Repeated and overlapping runs of a job send it once. False when it was claimed
 * before.
 */
export const claimAndSend = async (
  key: { pk: string; sk: string },
  claim: Record<string, unknown>,
  email: OutgoingEmail,
  at: Date,
): Promise<boolean> => {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: { ...key, ...claim, claimedAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      outboxPut(email.email, at, email.source),
    ]);
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
};
