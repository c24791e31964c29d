import { applicationsTable } from '../adapters/dynamodb/applications-table.ts';
import { areasTable } from '../adapters/dynamodb/areas-table.ts';
import type { StoredFollowUp } from '../adapters/dynamodb/follow-ups-table.ts';
import { outboxPut } from '../adapters/dynamodb/outbox.ts';
import { programmesTable } from '../adapters/dynamodb/programmes-table.ts';
import { dueForReminder, ReminderNotNeeded, recordReminder } from '../adapters/dynamodb/reminders-table.ts';
import { config } from '../config.ts';
import { followUpReminder } from '../domain/email.ts';
import { nextReminderOn, stepToSend } from '../domain/reminders.ts';
import { logger } from '../observability.ts';

export interface ReminderSummary {
  today: string;
  candidates: number;
  sent: number;
  skipped: number;
}

/** Raised after a run in which some obligations could not be handled; they are retried next run. */
export class ReminderRunIncomplete extends Error {
  constructor(readonly summary: ReminderSummary & { failed: number }) {
    super(`Reminder run for ${summary.today}: ${summary.failed} of ${summary.candidates} obligations failed`);
  }
}

const CONCURRENCY = 8;

/** Loads each distinct thing once per run: many obligations share an area and a programme. */
const memo = <T>(load: (id: string) => Promise<T>) => {
  const cache = new Map<string, Promise<T>>();
  return (id: string) => {
    let value = cache.get(id);
    if (!value) {
      value = load(id);
      cache.set(id, value);
    }
    return value;
  };
};

/**
 * The daily reminder run for `today` (Europe/Stockholm): for each pending obligation whose next
 * reminder day has come, send the latest step due and not sent yet. Each obligation is its own
 * transaction, so a run that crashes half-way leaves the rest for the next run, and a run that
 * overlaps another sends nothing twice.
 */
export const runReminders = async (today: string, now: Date): Promise<ReminderSummary> => {
  const candidates = await dueForReminder(today);
  const applications = memo(applicationsTable.get);
  const areas = memo(areasTable.get);
  const programmes = memo(programmesTable.get);
  let sent = 0;
  let skipped = 0;

  const remind = async (followUp: StoredFollowUp): Promise<void> => {
    const step = stepToSend(followUp.dueOn, followUp.reminderOffsetsDays, followUp.remindersSent, today);
    const [app, area, programme] = await Promise.all([
      applications(followUp.applicationId),
      areas(followUp.areaId),
      programmes(followUp.programmeId),
    ]);
    if (step === undefined || !app || !area || !programme) {
      skipped++;
      return;
    }
    const email = followUpReminder({
      followUp,
      step,
      today,
      app,
      area,
      managementEmails: programme.managementEmails,
      formUrl: config.FORM_URL,
    });
    const next = nextReminderOn(followUp.dueOn, followUp.reminderOffsetsDays, [
      ...followUp.remindersSent,
      step,
    ]);
    try {
      await recordReminder(
        followUp,
        step,
        next,
        outboxPut(email, now, { followUpId: followUp.id, kind: `reminder${step}` }),
        now,
      );
      sent++;
    } catch (error) {
      if (!(error instanceof ReminderNotNeeded)) throw error;
      skipped++;
    }
  };

  // One obligation's failure does not stop the others; the run then fails as a whole, so that
  // Lambda's retry and on-failure destination see it. Retrying is safe: steps are claimed once.
  let failed = 0;
  const queue = [...candidates];
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await remind(next).catch((error: unknown) => {
        failed++;
        logger.error('reminder failed', { followUpId: next.id, errorName: (error as Error)?.name });
      });
    }
  });
  await Promise.all(workers);
  const summary = { today, candidates: candidates.length, sent, skipped };
  logger.info('reminder run', { ...summary, failed });
  if (failed > 0) throw new ReminderRunIncomplete({ ...summary, failed });
  return summary;
};
