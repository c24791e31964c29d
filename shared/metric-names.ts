/**
 * The business metrics the service emits (Powertools Metrics deployed, namespace `KurGrants/<stage>`)
 * and the alarms and dashboard of infra/constructs/monitoring.ts read. One list, so a renamed metric
 * cannot leave an alarm watching nothing. No imports: the CDK app reads it too.
 */
export const METRIC = {
  /** An application was submitted (count). */
  applicationSubmitted: 'ApplicationSubmitted',
  /** An application was approved (count). */
  applicationApproved: 'ApplicationApproved',
  /** SEK granted by an approval, all years together. */
  sekGranted: 'SekGranted',
  /** A reminder e-mail was put into the outbox by the reminder job. */
  reminderSent: 'ReminderSent',
  /** SES accepted an outbox e-mail. */
  emailSent: 'EmailSent',
  /** SES refused an outbox e-mail (one attempt; it is retried until given up). */
  emailFailed: 'EmailFailed',
  /** The reminder job finished a run: the heartbeat its alarm misses after 26 hours. */
  reminderJobSucceeded: 'ReminderJobSucceeded',
  /** Age in seconds of the oldest unsent outbox e-mail the sweeper sees (0 when none is overdue). */
  oldestUnsentEmailAge: 'OldestUnsentEmailAgeSeconds',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** The Powertools service names (the `service` dimension of every metric), by function group. */
export const SERVICE = {
  api: 'kur-api',
  mailer: 'kur-mailer',
  reminders: 'kur-reminders',
} as const;

/** The metrics namespace of a stage: two stages in one account never mix their figures. */
export const metricsNamespace = (stage: string): string => `KurGrants/${stage}`;
