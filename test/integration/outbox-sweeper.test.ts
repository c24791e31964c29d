import { describe, expect, it } from 'vitest';
import { handler as sweep } from '../../functions/mailer/sweep.ts';
import { clock } from '../../infra/local/clock.ts';
import { lambdaContext } from '../../infra/local/event.ts';
import { scheduledEvent } from '../../infra/local/jobs.ts';
import { outboxPendingKeys } from '../../shared/adapters/dynamodb/keys.ts';
import { claimOutboxItem } from '../../shared/adapters/dynamodb/outbox.ts';
import { createSesClient, sesMailer } from '../../shared/adapters/ses/mailer.ts';
import { OUTBOX_LEASE_MS, SWEEP_AFTER_MS } from '../../shared/usecases/deliver-outbox.ts';
import { readOutboxItem, sentWithSubject, testEmail, unsentListing, writeOutbox } from '../support/outbox.ts';
import { deliverOutboxItem, sweepOutbox } from '../support/outbox-delivery.ts';

/**
 * The sweeper, on its own table: nothing drains this file's stream, as if every stream delivery
 * had been lost. Each test leaves the list of unsent items as it found it (sent or fresh only).
 */
const minutesAgo = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000);

describe('the outbox sweeper', () => {
  it('sends an e-mail older than 15 minutes whose stream delivery was lost, and leaves a fresh one to the stream', async () => {
    const old = testEmail();
    const fresh = testEmail();
    const [oldId = ''] = await writeOutbox([old], { now: minutesAgo(20) });
    const [freshId = ''] = await writeOutbox([fresh], { now: minutesAgo(14) });

    const summary = await sweep(
      scheduledEvent(clock.now(), 'outbox-sweep'),
      lambdaContext('mailer/sweep', undefined, 120_000),
    );

    expect(summary).toEqual({ found: 1, sent: 1, failed: 0, skipped: 0 });
    expect(await sentWithSubject(old.subject)).toHaveLength(1);
    expect(await sentWithSubject(fresh.subject)).toHaveLength(0);
    expect(await readOutboxItem(oldId)).toMatchObject({ status: 'sent' });
    const unsent = await readOutboxItem(freshId);
    expect(unsent).toMatchObject({ status: 'pending' });
    expect(unsentListing(unsent)).toEqual(outboxPendingKeys(unsent?.createdAt ?? '', freshId ?? ''));

    // The next run finds nothing more: the sent item left the sparse list.
    expect(
      await sweep(
        scheduledEvent(clock.now(), 'outbox-sweep'),
        lambdaContext('mailer/sweep', undefined, 120_000),
      ),
    ).toEqual({
      found: 0,
      sent: 0,
      failed: 0,
      skipped: 0,
    });

    // The stream's job, done here so that later tests start from an empty list.
    expect(await deliverOutboxItem(freshId, { mailer: sesMailer(createSesClient()), clock })).toBe('sent');
  });

  it('takes over an old item whose sender crashed more than 5 minutes ago, and leaves one being sent now', async () => {
    const crashed = testEmail();
    const busy = testEmail();
    const [crashedId = '', busyId = ''] = await Promise.all([
      writeOutbox([crashed], { now: minutesAgo(30) }).then(([id]) => id),
      writeOutbox([busy], { now: minutesAgo(30) }).then(([id]) => id),
    ]);
    const claim = (id: string, at: Date) =>
      claimOutboxItem(id, {
        token: `sender-${id}`,
        now: at.toISOString(),
        staleBefore: new Date(at.getTime() - OUTBOX_LEASE_MS).toISOString(),
      });
    await claim(crashedId, minutesAgo(6));
    await claim(busyId, minutesAgo(1));

    const summary = await sweep(
      scheduledEvent(clock.now(), 'outbox-sweep'),
      lambdaContext('mailer/sweep', undefined, 120_000),
    );

    expect(summary).toEqual({ found: 2, sent: 1, failed: 0, skipped: 1 });
    expect(await sentWithSubject(crashed.subject)).toHaveLength(1);
    expect(await sentWithSubject(busy.subject)).toHaveLength(0);
    expect(await readOutboxItem(busyId)).toMatchObject({ status: 'sending', claimToken: `sender-${busyId}` });

    // Its sender finishing (here: never) is not the sweeper's business until the lease ends.
    const later = { now: () => new Date(clock.now().getTime() + OUTBOX_LEASE_MS), today: clock.today };
    const mailer = sesMailer(createSesClient());
    expect(await sweepOutbox({ mailer, clock: later })).toMatchObject({ found: 1, sent: 1 });
    expect(await sentWithSubject(busy.subject)).toHaveLength(1);
  });

  it('reads the overdue items page by page, oldest first', async () => {
    const emails = Array.from({ length: 5 }, () => testEmail());
    await writeOutbox(emails, { now: minutesAgo(16) });
    const sent: string[] = [];
    const mailer = {
      send: async (email: { subject: string }) => {
        sent.push(email.subject);
        return `m-${sent.length}`;
      },
    };

    const summary = await sweepOutbox({ mailer, clock }, { pageSize: 2 });

    expect(summary).toMatchObject({ found: 5, sent: 5 });
    expect(sent.sort()).toEqual(emails.map((e) => e.subject).sort());
  });

  it('stops taking items when the function is about to time out', async () => {
    await writeOutbox([testEmail(), testEmail()], { now: minutesAgo(SWEEP_AFTER_MS / 60_000 + 1) });
    const summary = await sweep(scheduledEvent(clock.now(), 'outbox-sweep'), {
      ...lambdaContext('mailer/sweep', undefined, 120_000),
      getRemainingTimeInMillis: () => 10_000,
    });
    expect(summary).toEqual({ found: 0, sent: 0, failed: 0, skipped: 0 });
    // Left for the next run.
    expect(
      await sweep(
        scheduledEvent(clock.now(), 'outbox-sweep'),
        lambdaContext('mailer/sweep', undefined, 120_000),
      ),
    ).toMatchObject({ found: 2, sent: 2 });
  });
});
