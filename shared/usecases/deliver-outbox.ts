import { randomUUID } from 'node:crypto';
import type { Clock, Log, Mailer, OutboxStore } from '../ports.ts';

/**
 * How long a claim holds. Far above one SES call (the client gives up after 15 s) and the mailer's
 * Lambda timeout, so a live sender never loses its claim; a crashed one blocks its e-mail for at
 * most this long before the sweeper takes it over.
 */
export const OUTBOX_LEASE_MS = 5 * 60_000;

/** Unsent items older than this are the sweeper's: the stream has had ample time and retries. */
export const SWEEP_AFTER_MS = 15 * 60_000;

/**
 * Send attempts before an item is `failed` (out of the sweeper's list, logged as an error for the
 * alarm). With the stream's quick retries and a sweep every 5 minutes, that is roughly half an hour
 * of SES refusing one e-mail; `failed` items are re-driven by setting them back to `pending`.
 */
export const MAX_SEND_ATTEMPTS = 10;

/** Logged at error level when an e-mail is given up: the alarm's metric filter matches it. */
export const OUTBOX_GAVE_UP = 'outbox e-mail failed permanently';

export interface DeliveryPorts {
  outbox: OutboxStore;
  mailer: Mailer;
  clock: Clock;
  log: Log;
}

/**
 * - `sent`: this call sent it.
 * - `skipped`: nothing to do here: already sent or failed, gone, or another sender holds it.
 * - `retry`: SES refused; the item is `pending` again with the attempt counted: retry later.
 * - `failed`: SES refused the last allowed attempt; the item is `failed`.
 */
export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed';

/** Error name only: SES messages quote addresses. */
const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'UnknownError');

export interface SweepSummary {
  /** Unsent items older than the sweep age. */
  found: number;
  sent: number;
  /** Send attempts SES refused (retried next sweep, or given up after MAX_SEND_ATTEMPTS). */
  failed: number;
  /** Held by a live sender, or sent meanwhile. */
  skipped: number;
}

/** The mailer: delivers one outbox item (from the table's stream), and sweeps up what the stream missed. */
export const makeOutboxDelivery = ({ outbox, mailer, clock, log }: DeliveryPorts) => {
  /** Claims one outbox item, sends it, and marks it sent: at most one sender per item and lease. */
  const deliver = async (id: string): Promise<DeliveryOutcome> => {
    const token = randomUUID();
    const claimedAt = clock.now();
    const item = await outbox.claim(id, {
      token,
      now: claimedAt.toISOString(),
      staleBefore: new Date(claimedAt.getTime() - OUTBOX_LEASE_MS).toISOString(),
    });
    if (!item) {
      log.debug('outbox item not claimed: sent, failed or held by another sender', { outboxId: id });
      return 'skipped';
    }
    const context = { outboxId: id, kind: item.source.kind, applicationId: item.source.applicationId };

    let messageId: string;
    try {
      messageId = await mailer.send(item.email);
    } catch (error) {
      const attempts = item.attempts + 1;
      const giveUp = attempts >= MAX_SEND_ATTEMPTS;
      const released = await outbox.release(id, token, {
        now: clock.now().toISOString(),
        attempts,
        error: errorName(error),
        giveUp,
      });
      if (!released) {
        log.warn('outbox claim lost while SES refused; the new holder sends', context);
        return 'skipped';
      }
      if (giveUp) {
        log.error(OUTBOX_GAVE_UP, { ...context, attempts, error: errorName(error) });
        return 'failed';
      }
      log.warn('outbox e-mail not sent; will retry', { ...context, attempts, error: errorName(error) });
      return 'retry';
    }

    const marked = await outbox.markSent(id, token, { now: clock.now().toISOString(), messageId });
    if (!marked) {
      // Only after a send that outlasted the lease: the item may go out twice; say so.
      log.warn('outbox e-mail sent after its claim had been taken over', { ...context, messageId });
    }
    log.info('outbox e-mail sent', {
      ...context,
      messageId,
      recipients: item.email.to.length + item.email.cc.length,
    });
    return 'sent';
  };

  /**
   * The safety net behind the stream: delivers every unsent item created more than SWEEP_AFTER_MS
   * ago (lost stream records, records whose retries ran out, senders that crashed). Reads the sparse
   * GSI3 list by key range, so it costs what is overdue, never the table. One at a time: a backlog
   * after an outage is sent at a pace SES accepts.
   */
  const sweep = async (
    options: { shouldStop?: () => boolean; pageSize?: number } = {},
  ): Promise<SweepSummary> => {
    const now = clock.now();
    const createdBefore = new Date(now.getTime() - SWEEP_AFTER_MS).toISOString();
    const leaseStaleBefore = new Date(now.getTime() - OUTBOX_LEASE_MS).toISOString();
    const summary: SweepSummary = { found: 0, sent: 0, failed: 0, skipped: 0 };
    for await (const page of outbox.unsent(createdBefore, options.pageSize)) {
      for (const item of page) {
        if (options.shouldStop?.()) {
          log.warn('outbox sweep stopped before its time ran out; the next run continues', { ...summary });
          return summary;
        }
        summary.found++;
        if (item.status === 'sending' && (item.claimedAt ?? '') >= leaseStaleBefore) {
          summary.skipped++;
          continue;
        }
        try {
          const outcome = await deliver(item.id);
          if (outcome === 'sent') summary.sent++;
          else if (outcome === 'skipped') summary.skipped++;
          else summary.failed++;
        } catch (error) {
          log.error('outbox sweep could not deliver an item', {
            outboxId: item.id,
            error: errorName(error),
          });
          summary.failed++;
        }
      }
    }
    return summary;
  };

  return { deliver, sweep };
};

export type OutboxDelivery = ReturnType<typeof makeOutboxDelivery>;
