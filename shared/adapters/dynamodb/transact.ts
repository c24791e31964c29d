import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { RetryLater } from '../../domain/errors.ts';
import { dynamo } from './client.ts';
import { cancellationCodes } from './items.ts';

const ATTEMPTS = 5;
const BASE_DELAY_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a write transaction. The SDK does not retry a transaction cancelled by a conflicting
 * concurrent transaction, so we do, with full jitter; a conflict that outlasts the retries is a
 * 503 `retry-later`, never a 500. Condition failures are the caller's to interpret, by position.
 */
export const transactWrite = async (items: TransactWriteCommandInput['TransactItems']): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const codes = cancellationCodes(error);
      const conflictOnly =
        codes?.includes('TransactionConflict') === true && !codes.includes('ConditionalCheckFailed');
      if (!conflictOnly) throw error;
      if (attempt >= ATTEMPTS)
        throw new RetryLater('Många ändringar pågår samtidigt. Försök igen om en stund.');
      await sleep(Math.random() * BASE_DELAY_MS * 2 ** attempt);
    }
  }
};
