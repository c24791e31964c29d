import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll } from 'vitest';
import { type OutboxEmail, readOutbox } from '../../infra/local/outbox.ts';
import {
  type DrainResult,
  type OutboxDrain,
  type StreamHandler,
  startOutboxDrain,
} from '../../infra/local/outbox-drain.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { outboxKey, outboxPendingKeys } from '../../shared/adapters/dynamodb/keys.ts';
import { outboxPut, type StoredOutboxItem } from '../../shared/adapters/dynamodb/outbox.ts';
import { transactWrite } from '../../shared/adapters/dynamodb/transact.ts';
import type { Email } from '../../shared/domain/email.ts';

/**
 * The outbox in handler-level integration tests: the same stream path as the local stack (the
 * mailer's stream handler fed from this file's table's stream), without a gateway.
 *
 *   await submit(...);          // a handler that writes an outbox item in its transaction
 *   await drainOutbox();        // the e-mail is in the SES emulator now
 *   expect(await sentEmails()).toContainEqual(expect.objectContaining({ subject: '…' }));
 *
 * Imports shared/config.ts: not for files that start a stack with `ownOutbox` (import it after).
 * The run's SES emulator is shared by all test files: pick your e-mails by subject or recipient.
 */

const drains: OutboxDrain[] = [];
afterAll(async () => {
  await Promise.all(drains.splice(0).map((drain) => drain.close()));
});

/**
 * A drain of this file's table from the stream's start (the table is the file's own, so all of
 * it is this file's doing), invoking `handler` (default: functions/mailer/stream.ts). Closed after
 * the file.
 */
export const startTestOutboxDrain = async (
  options: { handler?: StreamHandler; timeoutMs?: number } = {},
): Promise<OutboxDrain> => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('The outbox drain needs the vitest setup (test/support/table-per-file.ts)');
  const drain = await startOutboxDrain({
    tableName: tableName(),
    endpoint,
    region: process.env.AWS_REGION ?? 'eu-north-1',
    startingPosition: 'TRIM_HORIZON',
    ...options,
  });
  drains.push(drain);
  return drain;
};

let shared: Promise<OutboxDrain> | undefined;

/** Sends what this file's outbox holds through the real stream handler; resolves when it is empty. */
export const drainOutbox = async (options: { timeoutMs?: number } = {}): Promise<DrainResult> => {
  shared ??= startTestOutboxDrain();
  return (await shared).drain(options);
};

/** What the SES emulator received (all test files' e-mails: filter). */
export const sentEmails = (sesEndpoint = process.env.SES_ENDPOINT): Promise<OutboxEmail[]> => {
  if (!sesEndpoint) throw new Error('No SES emulator: SES_ENDPOINT is not set');
  return readOutbox(sesEndpoint);
};

/** Puts e-mails into the outbox in one transaction, as a state change does; answers their ids. */
export const writeOutbox = async (
  emails: Email[],
  options: { now?: Date; kind?: string } = {},
): Promise<string[]> => {
  const actions = emails.map((email) =>
    outboxPut(email, options.now ?? new Date(), { kind: options.kind ?? 'test' }),
  );
  await transactWrite(actions);
  return actions.map((action) => action.Put.Item.id);
};

/** The stored outbox item, as the mailer left it. */
export const readOutboxItem = async (id: string): Promise<StoredOutboxItem | undefined> =>
  (await dynamo.send(new GetCommand({ TableName: tableName(), Key: outboxKey(id), ConsistentRead: true })))
    .Item as StoredOutboxItem | undefined;

/**
 * The attributes by which the sweeper's sparse list of unsent e-mails (keys.ts, P10) lists a stored
 * item: `outboxPendingKeys(createdAt, id)` while it is unsent, `{}` once it left the list.
 */
export const unsentListing = (item: StoredOutboxItem | undefined): Record<string, unknown> => {
  const stored = (item ?? {}) as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(outboxPendingKeys('', ''))
      .filter((name) => name in stored)
      .map((name) => [name, stored[name]]),
  );
};

/** A small e-mail whose subject is unique to the test, so it can be found in the shared emulator. */
export const testEmail = (overrides: Partial<Email> = {}): Email => {
  const tag = crypto.randomUUID().slice(0, 8);
  return {
    to: [`samordnare.${tag}@example.se`],
    cc: [`chef.${tag}@example.se`],
    subject: `Ansökan inskickad: Gemensam grund ${tag} (Karlstad)`,
    text: `Ansökan ”Gemensam grund” från Karlstad har kommit in.\n\nÖppna ansökan: http://localhost:3000/#/ansokningar/${tag}\n`,
    html: `<!doctype html><html lang="sv"><body><p>Ansökan ”Gemensam grund” från Karlstad &amp; Hammarö har kommit in.</p></body></html>`,
    ...overrides,
  };
};

/** The e-mails the emulator received with this subject. */
export const sentWithSubject = async (subject: string): Promise<OutboxEmail[]> =>
  (await sentEmails()).filter((email) => email.subject === subject);
