import type { ScheduledEvent } from 'aws-lambda';

/**
 * Scheduled functions the local stack can run on demand (POST /local/reminders/run). The gateway
 * calls `jobs.reminders` with a scheduled event whose `time` is the clock's now and answers its
 * summary. Until the reminder function exists, the placeholder below answers an empty run; the
 * issue that adds the function replaces it here (or passes `jobs` to startGateway).
 */

export interface ReminderSummary {
  candidates: number;
  sent: number;
  skipped: number;
}

export type Job<Summary> = (event: ScheduledEvent) => Promise<Summary>;

export interface LocalJobs {
  reminders: Job<ReminderSummary>;
}

export const defaultJobs = (): LocalJobs => ({
  reminders: async () => ({ candidates: 0, sent: 0, skipped: 0 }),
});

/** The event EventBridge Scheduler hands a function, at the given instant. */
export const scheduledEvent = (time: Date, name: string): ScheduledEvent => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '000000000000',
  time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: process.env.AWS_REGION ?? 'eu-north-1',
  resources: [
    `arn:aws:scheduler:${process.env.AWS_REGION ?? 'eu-north-1'}:000000000000:schedule/default/${name}`,
  ],
  detail: {},
});
