import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Email } from '../../domain/email.ts';
import { dynamo, tableName } from './client.ts';
import { withoutKeys } from './items.ts';
import { OUTBOX_PENDING_PARTITION, outboxKey, outboxPendingKeys } from './keys.ts';
import { queryAll } from './pages.ts';

/**
 * `pending` → `sending` (claimed by one sender) → `sent`; a failed send goes back to `pending`, or
 * to `failed` once it has used up its attempts. Only `pending` and `sending` items carry the GSI3
 * keys, so the sweeper's list (P10) holds exactly the unsent ones.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** An e-mail waiting in the table to be sent: written in the same transaction as the change it reports. */
export interface OutboxItem {
  id: string;
  status: OutboxStatus;
  email: Email;
  createdAt: string;
  attempts: number;
  /** What caused it, for tracing; never personal data. */
  source: { applicationId?: string; followUpId?: string; kind: string };
}

/** What the mailer adds to an item while it works on it. */
export interface OutboxDelivery {
  /** While `sending`: when the current sender claimed it, and its private token. */
  claimedAt?: string;
  claimToken?: string;
  sentAt?: string;
  messageId?: string;
  /** The error name of the last failed attempt (never its message: SES messages quote addresses). */
  lastError?: string;
  lastAttemptAt?: string;
  failedAt?: string;
}

export type StoredOutboxItem = OutboxItem & OutboxDelivery;

export const OUTBOX_ENTITY = 'outbox';

/** The transaction action that puts one e-mail into the outbox. */
export const outboxPut = (email: Email, now: Date, source: OutboxItem['source']) => {
  const id = randomUUID();
  const createdAt = now.toISOString();
  const item: OutboxItem = { id, status: 'pending', email, createdAt, attempts: 0, source };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...outboxKey(id), ...outboxPendingKeys(createdAt, id), entity: OUTBOX_ENTITY, ...item },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};

const STATUS = { '#status': 'status' };

/**
 * Claims an item for sending: it must be `pending`, or `sending` under a lease taken before
 * `staleBefore` (its sender crashed). The condition is what makes at-least-once stream delivery and
 * racing senders send once: exactly one claim wins. Answers the claimed item, or undefined when it
 * is gone, sent, failed or held by a live sender.
 */
export const claimOutboxItem = async (
  id: string,
  claim: { token: string; now: string; staleBefore: string },
): Promise<StoredOutboxItem | undefined> => {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: outboxKey(id),
        UpdateExpression: 'SET #status = :sending, claimedAt = :now, claimToken = :token',
        ConditionExpression:
          'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND claimedAt < :staleBefore))',
        ExpressionAttributeNames: STATUS,
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':sending': 'sending',
          ':now': claim.now,
          ':token': claim.token,
          ':staleBefore': claim.staleBefore,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? withoutKeys<StoredOutboxItem>(Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
};

/** Runs a write that only the holder of the claim may make; false when the claim was lost. */
const asClaimHolder = async (command: UpdateCommand): Promise<boolean> => {
  try {
    await dynamo.send(command);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** Marks a claimed item sent and takes it out of the sweeper's list (REMOVE of the GSI3 keys). */
export const markOutboxSent = (id: string, token: string, sent: { now: string; messageId: string }) =>
  asClaimHolder(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKey(id),
      UpdateExpression:
        'SET #status = :sent, sentAt = :now, messageId = :messageId REMOVE gsi3pk, gsi3sk, claimedAt, claimToken',
      ConditionExpression: '#status = :sending AND claimToken = :token',
      ExpressionAttributeNames: STATUS,
      ExpressionAttributeValues: {
        ':sent': 'sent',
        ':sending': 'sending',
        ':token': token,
        ':now': sent.now,
        ':messageId': sent.messageId,
      },
    }),
  );

/**
 * After a failed send: back to `pending` with the attempt counted, or `failed` (out of the
 * sweeper's list) when `giveUp`. `attempts` is computed by the caller from the claimed item: the
 * claim token guarantees nobody else changed it meanwhile.
 */
export const releaseOutboxItem = (
  id: string,
  token: string,
  failure: { now: string; attempts: number; error: string; giveUp: boolean },
) =>
  asClaimHolder(
    new UpdateCommand({
      TableName: tableName(),
      Key: outboxKey(id),
      UpdateExpression: failure.giveUp
        ? 'SET #status = :failed, attempts = :attempts, lastError = :error, lastAttemptAt = :now, failedAt = :now REMOVE gsi3pk, gsi3sk, claimedAt, claimToken'
        : 'SET #status = :pending, attempts = :attempts, lastError = :error, lastAttemptAt = :now REMOVE claimedAt, claimToken',
      ConditionExpression: '#status = :sending AND claimToken = :token',
      ExpressionAttributeNames: STATUS,
      ExpressionAttributeValues: {
        ...(failure.giveUp ? { ':failed': 'failed' } : { ':pending': 'pending' }),
        ':sending': 'sending',
        ':token': token,
        ':now': failure.now,
        ':attempts': failure.attempts,
        ':error': failure.error,
      },
    }),
  );

/** An entry of the sweeper's list: just what it needs to decide whether to try. */
export type UnsentOutboxItem = Pick<
  StoredOutboxItem,
  'id' | 'status' | 'createdAt' | 'attempts' | 'claimedAt'
>;

/**
 * P10: the unsent items (`pending` or `sending`) created before `createdBefore`, oldest first. A
 * key range on GSI3's sort key (`<createdAt>#<id>`), so it reads only what is overdue; the index is
 * sparse, so sent items cost nothing. Read whole (`pageSize` items a request), a few small
 * attributes each: even a backlog of thousands after an outage is a few requests. Handed over as
 * one batch of an async iterable, the shape the sweep consumes.
 */
export async function* unsentOutboxItems(
  createdBefore: string,
  pageSize = 1000,
): AsyncGenerator<UnsentOutboxItem[]> {
  yield (await queryAll(
    {
      index: 'gsi3',
      partition: OUTBOX_PENDING_PARTITION,
      before: createdBefore,
      projection: ['id', 'status', 'createdAt', 'attempts', 'claimedAt'],
    },
    { pageSize },
  )) as UnsentOutboxItem[];
}
