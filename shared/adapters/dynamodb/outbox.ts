import { randomUUID } from 'node:crypto';
import type { Email } from '../../domain/email.ts';
import { tableName } from './client.ts';
import { outboxKey, outboxPendingKeys } from './keys.ts';

export type OutboxStatus = 'pending' | 'sending' | 'sent';

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

export const OUTBOX_ENTITY = 'outbox';

/** The transaction action that puts one e-mail into the outbox. */
export const outboxPut = (email: Email, now: Date, source: OutboxItem['source']) => {
  const id = randomUUID();
  const createdAt = now.toISOString();
  const item: OutboxItem = { id, status: 'pending', email, createdAt, attempts: 0, source };
  return {
    Put: {
      TableName: tableName,
      Item: { ...outboxKey(id), ...outboxPendingKeys(createdAt, id), entity: OUTBOX_ENTITY, ...item },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};
