import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { outboxIdToDeliver, handler as streamHandlerOfMailer } from '../../functions/mailer/stream.ts';
import { clock } from '../../infra/local/clock.ts';
import { lambdaContext } from '../../infra/local/event.ts';
import { startOutboxDrain } from '../../infra/local/outbox-drain.ts';
import { tableName } from '../../shared/adapters/dynamodb/client.ts';
import { outboxKey, programmeKey } from '../../shared/adapters/dynamodb/keys.ts';
import { claimOutboxItem, outboxPut } from '../../shared/adapters/dynamodb/outbox.ts';
import { transactWrite } from '../../shared/adapters/dynamodb/transact.ts';
import { createSesClient, sesMailer } from '../../shared/adapters/ses/mailer.ts';
import type { Clock, Mailer } from '../../shared/ports.ts';
import { OUTBOX_LEASE_MS } from '../../shared/usecases/deliver-outbox.ts';
import {
  drainOutbox,
  readOutboxItem,
  sentWithSubject,
  startTestOutboxDrain,
  testEmail,
  unsentListing,
  writeOutbox,
} from '../support/outbox.ts';
import { deliverOutboxItem } from '../support/outbox-delivery.ts';

/** The real mailer on the run's SES emulator. */
const emulator = sesMailer(createSesClient());

/** Holds each send a moment, so that two deliveries overlap for sure. */
const slow = (mailer: Mailer, ms = 100): Mailer => ({
  send: async (email) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return mailer.send(email);
  },
});

const fixedClock = (now: Date): Clock => ({
  now: () => new Date(now),
  today: () => now.toISOString().slice(0, 10),
});

describe('the outbox on the stream', () => {
  it('sends an e-mail written in a state change transaction exactly once, with every part intact', async () => {
    // Several addresses in each list: the escalation case (coordinators; manager and management in cc).
    const email = testEmail({
      to: ['anna.andersson@forsakringskassan.se', 'bo.berg@forsakringskassan.se'],
      cc: ['omradeschef.karlstad@forsakringskassan.se', 'kur@forsakringskassan.se'],
    });
    const put = outboxPut(email, clock.now(), { applicationId: 'app-1', kind: 'submitted' });
    // The change and its e-mail commit together, as every use case writes them.
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: { ...programmeKey('outbox-a'), entity: 'programme', name: 'KUR 2' },
        },
      },
      put,
    ]);

    const drained = await drainOutbox();
    expect(drained).toMatchObject({ unsent: 0, timedOut: false });

    const sent = await sentWithSubject(email.subject);
    expect(sent).toEqual([
      {
        from: 'kur@example.se',
        to: email.to,
        cc: email.cc,
        bcc: [],
        subject: email.subject,
        text: email.text,
        html: email.html,
        at: expect.any(String),
      },
    ]);
    const stored = await readOutboxItem(put.Put.Item.id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 0, messageId: expect.any(String) });
    expect(stored?.sentAt).toEqual(expect.any(String));
    // Out of the sweeper's sparse list, and no claim left behind.
    expect(unsentListing(stored)).toEqual({});
    expect(stored).not.toHaveProperty('claimToken');

    // Its stream records (the INSERT and the mailer's own updates) are never sent again.
    await drainOutbox();
    expect(await sentWithSubject(email.subject)).toHaveLength(1);
  });

  it('sends once when the stream delivers the same record twice, also twice at the same time', async () => {
    const seen: DynamoDBRecord[] = [];
    // At-least-once: every batch arrives twice concurrently, then once more.
    const drain = await startTestOutboxDrain({
      handler: async (event: DynamoDBStreamEvent, context) => {
        seen.push(...event.Records);
        const [first, second] = await Promise.all([
          streamHandlerOfMailer(event, context),
          streamHandlerOfMailer(event, context),
        ]);
        const third = await streamHandlerOfMailer(event, context);
        return {
          batchItemFailures: [
            ...first.batchItemFailures,
            ...second.batchItemFailures,
            ...third.batchItemFailures,
          ],
        };
      },
    });
    const email = testEmail();
    const [id] = await writeOutbox([email]);

    expect(await drain.drain()).toMatchObject({ unsent: 0, timedOut: false });

    expect(seen.filter((r) => r.eventName === 'INSERT' && outboxIdToDeliver(r) === id)).toHaveLength(1);
    expect(await sentWithSubject(email.subject)).toHaveLength(1);
    expect(await readOutboxItem(id ?? '')).toMatchObject({ status: 'sent' });
  });

  it('hands a real stream event to the handler: INSERT with new and old images, keys and sequence numbers', async () => {
    const seen: DynamoDBRecord[] = [];
    const drain = await startTestOutboxDrain({
      handler: async (event, context) => {
        seen.push(...event.Records);
        return streamHandlerOfMailer(event, context);
      },
    });
    const [id] = await writeOutbox([testEmail()]);
    const ofItem = () => seen.filter((r) => r.dynamodb?.NewImage?.id?.S === id);
    // The drain returns once the e-mail is sent; the mailer's own updates reach the stream just after.
    const deadline = Date.now() + 5_000;
    while (ofItem().length < 3 && Date.now() < deadline) {
      await drain.drain();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const records = ofItem();
    expect(records.map((r) => [r.eventName, r.dynamodb?.NewImage?.status?.S])).toEqual([
      ['INSERT', 'pending'],
      ['MODIFY', 'sending'],
      ['MODIFY', 'sent'],
    ]);
    expect(records[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: expect.stringContaining(`table/${tableName()}/stream/`),
      dynamodb: {
        Keys: { pk: { S: outboxKey(id ?? '').pk }, sk: { S: outboxKey(id ?? '').sk } },
        SequenceNumber: expect.any(String),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        ApproximateCreationDateTime: expect.any(Number),
      },
    });
    expect(records[0]?.dynamodb?.NewImage?.email?.M?.to?.L).toHaveLength(1);
    expect(records[1]?.dynamodb?.OldImage?.status).toEqual({ S: 'pending' });
  });

  it('sends e-mails left unsent before a drain started from LATEST, once, at its start', async () => {
    const email = testEmail();
    const [id] = await writeOutbox([email]);
    const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
    const drain = await startOutboxDrain({ tableName: tableName(), endpoint, startingPosition: 'LATEST' });
    try {
      expect(await drain.drain()).toMatchObject({ unsent: 0, timedOut: false });
    } finally {
      await drain.close();
    }
    expect(await sentWithSubject(email.subject)).toHaveLength(1);
    expect(await readOutboxItem(id ?? '')).toMatchObject({ status: 'sent' });
  });
});

describe('delivering one outbox item', () => {
  it('sends once when two deliveries of the same item race', async () => {
    const email = testEmail();
    const [id = ''] = await writeOutbox([email]);
    const deps = { mailer: slow(emulator), clock };

    const outcomes = await Promise.all([deliverOutboxItem(id, deps), deliverOutboxItem(id, deps)]);

    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(await sentWithSubject(email.subject)).toHaveLength(1);
  });

  it('sends once when ten deliveries race', async () => {
    const email = testEmail();
    const [id = ''] = await writeOutbox([email]);
    const deps = { mailer: slow(emulator, 20), clock };

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => deliverOutboxItem(id, deps)));

    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(9);
    expect(await sentWithSubject(email.subject)).toHaveLength(1);
  });

  it('skips an item that was sent already', async () => {
    const email = testEmail();
    const [id = ''] = await writeOutbox([email]);
    expect(await deliverOutboxItem(id, { mailer: emulator, clock })).toBe('sent');
    expect(await deliverOutboxItem(id, { mailer: emulator, clock })).toBe('skipped');
    expect(await sentWithSubject(email.subject)).toHaveLength(1);
  });

  it('leaves an item to the sender holding its claim, and takes it over once the claim is 5 minutes old', async () => {
    const email = testEmail();
    const claimedAt = new Date('2030-01-10T09:00:00.000Z');
    const [id = ''] = await writeOutbox([email], { now: claimedAt });
    // A sender claimed it and crashed before sending.
    const crashed = await claimOutboxItem(id, {
      token: 'crashed-sender',
      now: claimedAt.toISOString(),
      staleBefore: new Date(claimedAt.getTime() - OUTBOX_LEASE_MS).toISOString(),
    });
    expect(crashed?.status).toBe('sending');

    const justBefore = fixedClock(new Date(claimedAt.getTime() + OUTBOX_LEASE_MS - 1));
    expect(await deliverOutboxItem(id, { mailer: emulator, clock: justBefore })).toBe('skipped');
    expect(await sentWithSubject(email.subject)).toHaveLength(0);

    const after = fixedClock(new Date(claimedAt.getTime() + OUTBOX_LEASE_MS + 1));
    expect(await deliverOutboxItem(id, { mailer: emulator, clock: after })).toBe('sent');
    expect(await sentWithSubject(email.subject)).toHaveLength(1);
  });

  it('skips ids that are no outbox item', async () => {
    expect(await deliverOutboxItem('no-such-item', { mailer: emulator, clock })).toBe('skipped');
  });
});

describe('which stream records the mailer takes', () => {
  const record = (
    eventName: DynamoDBRecord['eventName'],
    status: string | undefined,
    before?: string,
    entity = 'outbox',
  ): DynamoDBRecord => ({
    eventName,
    dynamodb: {
      SequenceNumber: '1',
      ...(status ? { NewImage: { entity: { S: entity }, id: { S: 'o-1' }, status: { S: status } } } : {}),
      ...(before ? { OldImage: { entity: { S: entity }, id: { S: 'o-1' }, status: { S: before } } } : {}),
    },
  });

  it('takes a new pending outbox item', () => {
    expect(outboxIdToDeliver(record('INSERT', 'pending'))).toBe('o-1');
  });

  it('takes an item put back to pending by hand (re-driven from failed, or re-sent)', () => {
    expect(outboxIdToDeliver(record('MODIFY', 'pending', 'failed'))).toBe('o-1');
    expect(outboxIdToDeliver(record('MODIFY', 'pending', 'sent'))).toBe('o-1');
  });

  it('leaves a failed attempt going back to pending to the retry of its own record', () => {
    expect(outboxIdToDeliver(record('MODIFY', 'pending', 'sending'))).toBeUndefined();
  });

  it('ignores the mailer’s own updates, removals and other entities', () => {
    expect(outboxIdToDeliver(record('MODIFY', 'sending', 'pending'))).toBeUndefined();
    expect(outboxIdToDeliver(record('MODIFY', 'sent', 'sending'))).toBeUndefined();
    expect(outboxIdToDeliver(record('MODIFY', 'pending', 'pending'))).toBeUndefined();
    expect(outboxIdToDeliver(record('REMOVE', undefined, 'pending'))).toBeUndefined();
    expect(outboxIdToDeliver(record('INSERT', 'pending', undefined, 'application'))).toBeUndefined();
  });

  it('answers no failures for a batch without outbox records', async () => {
    const event = { Records: [record('INSERT', 'draft', undefined, 'application')] };
    expect(await streamHandlerOfMailer(event, lambdaContext('mailer/stream'))).toEqual({
      batchItemFailures: [],
    });
  });
});
