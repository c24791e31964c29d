import { METRIC } from './metric-names.ts';
import type { Clock, Mailer, Metrics, OutboxStore, ReminderStore } from './ports.ts';
import type { Applications } from './usecases/applications.ts';

/**
 * The business metrics, counted around the use cases and ports by the composition root rather than
 * inside them: the use cases stay as they are, and each count sits where its fact is certain (after
 * the write that made it true).
 */

/** Submissions, approvals and the SEK an approval grants (all years together), once written. */
export const countApplications = (applications: Applications, metrics: Metrics): Applications => ({
  ...applications,
  submit: async (...args: Parameters<Applications['submit']>) => {
    const submitted = await applications.submit(...args);
    metrics.count(METRIC.applicationSubmitted);
    return submitted;
  },
  decide: async (...args: Parameters<Applications['decide']>) => {
    const decided = await applications.decide(...args);
    if (decided.status === 'approved') {
      metrics.count(METRIC.applicationApproved);
      const granted = Object.values(decided.grantedByYear ?? {}).reduce((sum, amount) => sum + amount, 0);
      metrics.count(METRIC.sekGranted, granted);
    }
    return decided;
  },
});

/** Each send attempt: accepted by SES, or refused (the outbox retries it). */
export const countSends = (mailer: Mailer, metrics: Metrics): Mailer => ({
  send: async (email) => {
    try {
      const messageId = await mailer.send(email);
      metrics.count(METRIC.emailSent);
      return messageId;
    } catch (error) {
      metrics.count(METRIC.emailFailed);
      throw error;
    }
  },
});

/** Reminders put into the outbox (a step already claimed by an earlier run is not counted again). */
export const countReminders = (reminders: ReminderStore, metrics: Metrics): ReminderStore => ({
  ...reminders,
  record: async (step) => {
    const recorded = await reminders.record(step);
    if (recorded) metrics.count(METRIC.reminderSent);
    return recorded;
  },
});

/**
 * The age of the oldest unsent e-mail the sweeper lists (the list is oldest first), 0 when none is
 * overdue: one figure per sweep, which the "oldest unsent e-mail" alarm watches.
 */
export const measureOldestUnsent = (outbox: OutboxStore, clock: Clock, metrics: Metrics): OutboxStore => ({
  ...outbox,
  unsent: async function* (createdBefore, pageSize) {
    let measured = false;
    for await (const page of outbox.unsent(createdBefore, pageSize)) {
      const oldest = page[0];
      if (!measured && oldest) {
        const ageMs = clock.now().getTime() - new Date(oldest.createdAt).getTime();
        metrics.seconds(METRIC.oldestUnsentEmailAge, Math.max(0, Math.round(ageMs / 1000)));
        measured = true;
      }
      yield page;
    }
    if (!measured) metrics.seconds(METRIC.oldestUnsentEmailAge, 0);
  },
});
