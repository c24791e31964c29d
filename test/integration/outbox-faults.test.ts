import { createRequire } from 'node:module';
import { SESClient, SESServiceException, SendEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { streamHandler } from '../../functions/mailer/stream.ts';
import { clock } from '../../infra/local/clock.ts';
import { lambdaContext } from '../../infra/local/event.ts';
import { outboxPendingKeys } from '../../shared/adapters/dynamodb/keys.ts';
import { sesMailer } from '../../shared/adapters/ses/mailer.ts';
import { logger } from '../../shared/observability.ts';
import { MAX_SEND_ATTEMPTS, OUTBOX_GAVE_UP } from '../../shared/usecases/deliver-outbox.ts';
import {
  readOutboxItem,
  sentEmails,
  startTestOutboxDrain,
  testEmail,
  unsentListing,
  writeOutbox,
} from '../support/outbox.ts';
import { deliverOutboxItem, deliveryWith } from '../support/outbox-delivery.ts';

/**
 * SES faults, injected with aws-sdk-client-mock on a client of our own. The client points at a
 * port nothing listens on: a call the mock does not catch fails with a connection error instead of
 * quietly reaching the emulator.
 */
const DEAD_ENDPOINT = 'http://127.0.0.1:9';
const ses = new SESClient({
  endpoint: DEAD_ENDPOINT,
  region: 'eu-north-1',
  maxAttempts: 1,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const sesMock = mockClient(ses);
const mailer = sesMailer(ses, { MAIL_FROM: 'kur@example.se', SES_CONFIGURATION_SET: 'kur-mail' });

const throttled = () =>
  new SESServiceException({
    name: 'Throttling',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Maximum sending rate exceeded.',
  });

/** SendEmail refuses the first `failures` calls, then accepts; counts every call. */
const sesThatRecoversAfter = (failures: number) => {
  const calls = { total: 0, refused: 0, accepted: [] as string[] };
  sesMock.on(SendEmailCommand).callsFake(async (input: SendEmailCommand['input']) => {
    calls.total++;
    if (calls.total <= failures) {
      calls.refused++;
      throw throttled();
    }
    calls.accepted.push(input.Message?.Subject?.Data ?? '');
    return { MessageId: `mock-${calls.total}` };
  });
  return calls;
};

beforeEach(() => {
  sesMock.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the test set-up', () => {
  it('has one copy of @smithy/types for the SDK clients and the mock (else the mock silently does nothing)', () => {
    const require = createRequire(import.meta.url);
    const from = (pkg: string) => createRequire(require.resolve(pkg)).resolve('@smithy/types');
    const copies = new Set(
      [
        '@aws-sdk/client-ses',
        '@aws-sdk/client-dynamodb',
        '@aws-sdk/lib-dynamodb',
        '@aws-sdk/client-dynamodb-streams',
      ].map(from),
    );
    copies.add(require.resolve('@smithy/types'));
    expect([...copies]).toHaveLength(1);
  });

  it('fails loudly when a call escapes the mock', async () => {
    const unmocked = new SESClient({
      endpoint: DEAD_ENDPOINT,
      region: 'eu-north-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await expect(sesMailer(unmocked).send(testEmail())).rejects.toThrow(/ECONNREFUSED/);
    unmocked.destroy();
  });
});

describe('the SES adapter', () => {
  it('sends every address, both parts and the subject as UTF-8, from MAIL_FROM, in the configuration set', async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const email = testEmail({
      to: ['anna.andersson@forsakringskassan.se', 'samverkan.karlstad@forsakringskassan.se'],
      cc: ['omradeschef.karlstad@forsakringskassan.se', 'kur@forsakringskassan.se'],
      subject: 'Påminnelse: uppföljning förfaller 2015-06-30 (LFC Karlstad)',
    });
    expect(await mailer.send(email)).toBe('m-1');
    expect(sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        Source: 'kur@example.se',
        Destination: { ToAddresses: email.to, CcAddresses: email.cc },
        Message: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: email.text, Charset: 'UTF-8' },
            Html: { Data: email.html, Charset: 'UTF-8' },
          },
        },
        ConfigurationSetName: 'kur-mail',
      },
    ]);
  });

  it('names no configuration set when none is configured', async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-2' });
    await sesMailer(ses, { MAIL_FROM: 'kur@example.se', SES_CONFIGURATION_SET: undefined }).send(testEmail());
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty(
      'ConfigurationSetName',
    );
  });

  it('never lets the SDK retry a send by itself (no idempotency token at SES)', async () => {
    const { createSesClient } = await import('../../shared/adapters/ses/mailer.ts');
    expect(await createSesClient().config.maxAttempts()).toBe(1);
  });
});

describe('SES refusing for a while', () => {
  it('keeps throttled e-mails pending with their attempts counted, then sends each exactly once', async () => {
    const refuseAll = sesThatRecoversAfter(Number.POSITIVE_INFINITY);
    const handler = streamHandler(deliveryWith({ mailer, clock }));
    const drain = await startTestOutboxDrain({ handler });
    const emails = [testEmail(), testEmail(), testEmail()];
    const ids = await writeOutbox(emails);

    // SES throttles everything: the drain retries the reported records, then gives up waiting.
    // (The wait is generous: on a loaded machine the first attempts alone can take most of it.)
    const during = await drain.drain({ timeoutMs: 1_500 });
    expect(during).toMatchObject({ timedOut: true, unsent: 3 });
    expect(refuseAll.accepted).toEqual([]);
    for (const id of ids) {
      const item = await readOutboxItem(id);
      expect(item).toMatchObject({ status: 'pending', lastError: 'Throttling' });
      expect(unsentListing(item)).toEqual(outboxPendingKeys(item?.createdAt ?? '', id));
      expect(item?.attempts).toBeGreaterThanOrEqual(1);
      expect(item?.attempts).toBeLessThan(MAX_SEND_ATTEMPTS);
    }
    const attemptsBefore = await Promise.all(
      ids.map(async (id) => (await readOutboxItem(id))?.attempts ?? 0),
    );

    // SES refuses two more calls, then recovers.
    sesMock.reset();
    const recovering = sesThatRecoversAfter(2);
    expect(await drain.drain()).toMatchObject({ timedOut: false, unsent: 0 });

    expect(recovering.accepted.sort()).toEqual(emails.map((e) => e.subject).sort());
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(recovering.total);
    expect(recovering.total).toBe(2 + emails.length);
    const after = await Promise.all(ids.map((id) => readOutboxItem(id)));
    for (const [i, item] of after.entries()) {
      expect(item).toMatchObject({ status: 'sent', messageId: expect.stringMatching(/^mock-/) });
      expect(item?.attempts).toBeGreaterThanOrEqual(attemptsBefore[i] ?? 0);
    }
    // The refused attempts of the second phase are counted too.
    const counted = after.reduce((sum, item) => sum + (item?.attempts ?? 0), 0);
    expect(counted).toBe(attemptsBefore.reduce((a, b) => a + b, 0) + 2);
    // Nothing reached the real emulator: the mock caught every call.
    const subjects = new Set(emails.map((e) => e.subject));
    expect((await sentEmails()).filter((e) => subjects.has(e.subject))).toEqual([]);
  });

  it('reports a refused record as a batch item failure by its sequence number', async () => {
    sesThatRecoversAfter(Number.POSITIVE_INFINITY);
    const [id = ''] = await writeOutbox([testEmail()]);
    const handler = streamHandler(deliveryWith({ mailer, clock }));
    const record = {
      eventName: 'INSERT' as const,
      dynamodb: {
        SequenceNumber: '4200',
        NewImage: { entity: { S: 'outbox' }, id: { S: id }, status: { S: 'pending' } },
      },
    };
    expect(await handler({ Records: [record] }, lambdaContext('mailer/stream'))).toEqual({
      batchItemFailures: [{ itemIdentifier: '4200' }],
    });
  });

  it(`gives an e-mail up after ${MAX_SEND_ATTEMPTS} refused attempts: failed, off the pending list, logged as an error`, async () => {
    sesThatRecoversAfter(Number.POSITIVE_INFINITY);
    const errors = vi.spyOn(logger, 'error');
    const [id = ''] = await writeOutbox([testEmail()]);

    const outcomes: string[] = [];
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) outcomes.push(await deliverOutboxItem(id, { mailer, clock }));

    expect(outcomes).toEqual([...Array(MAX_SEND_ATTEMPTS - 1).fill('retry'), 'failed']);
    const item = await readOutboxItem(id);
    expect(item).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS, lastError: 'Throttling' });
    expect(unsentListing(item)).toEqual({});
    expect(errors).toHaveBeenCalledWith(OUTBOX_GAVE_UP, expect.objectContaining({ outboxId: id }));
    // A failed item is not tried again by a late stream record or the sweeper.
    expect(await deliverOutboxItem(id, { mailer, clock })).toBe('skipped');
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(MAX_SEND_ATTEMPTS);
  });

  it('logs ids and error names, never addresses, subjects or bodies', async () => {
    const lines: string[] = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      vi.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
        lines.push(JSON.stringify(args));
      });
    }
    const email = testEmail();
    const [failing = '', succeeding = ''] = await writeOutbox([email, email]);
    sesMock.on(SendEmailCommand).callsFake(async () => {
      // SES quotes the address in a rejection: that message must not reach the log.
      throw new SESServiceException({
        name: 'MessageRejected',
        $fault: 'client',
        $metadata: {},
        message: `Email address is not verified: ${email.to[0]}`,
      });
    });
    await deliverOutboxItem(failing, { mailer, clock });
    sesMock.reset();
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-3' });
    await deliverOutboxItem(succeeding, { mailer, clock });

    expect(lines.length).toBeGreaterThan(0);
    const logged = lines.join('\n');
    expect(logged).toContain(failing);
    expect(logged).toContain('MessageRejected');
    expect(logged).not.toContain('@');
    expect(logged).not.toContain(email.subject);
    expect(logged).not.toContain('Gemensam grund');
  });
});
