import type { ScheduledEvent } from 'aws-lambda';
import type { ReminderSummary } from '../../shared/usecases/reminders.ts';
import { lambdaContext } from './event.ts';

/**
 * Scheduled functions the local stack can run on demand (POST /local/reminders/run). The gateway
 * calls `jobs.reminders` with a scheduled event whose `time` is the clock's now and answers its
 * summary: the very handler EventBridge Scheduler invokes on AWS.
 */

export type Job<Summary> = (event: ScheduledEvent) => Promise<Summary>;

export interface LocalJobs {
  reminders: Job<ReminderSummary>;
}

export const defaultJobs = (): LocalJobs => ({
  // Imported on first use: handlers read their configuration at load, after the stack set it.
  reminders: async (event) => {
    const { handler } = await import('../../functions/reminders/run.ts');
    return handler(event, lambdaContext('reminders/run', crypto.randomUUID(), 300_000));
  },
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
