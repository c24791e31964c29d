import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import {
  confirmationReminders,
  goalSheets,
  reminders,
  riskAlerts,
  surveys,
} from '../../shared/composition.ts';
import { stockholmDate } from '../../shared/domain/dates.ts';
import { METRIC } from '../../shared/metric-names.ts';
import { metricsPort, observability } from '../../shared/observability.ts';

/**
 * The daily reminder job (EventBridge Scheduler, 06:00 Europe/Stockholm). "Today" comes from the
 * event's `time` in Europe/Stockholm, never from the Lambda's UTC clock: a retried or delayed
 * invocation still works on the day it was scheduled for.
 */
export const handler = middy<ScheduledEvent>()
  // The schedule's execution id (the same on every retry of one run) correlates its log lines.
  .use(observability<ScheduledEvent>((event) => event.id))
  .handler(async (event) => {
    const at = new Date(event.time);
    const today = stockholmDate(at);
    // Survey rounds first: a round that closed with answers is handed in before it could be reminded.
    const surveyRun = await surveys()
      .run(today, at)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const summary = await reminders().run(today, at);
    // From 1 October: this week's e-mails about money at risk (each claimed once a week).
    await riskAlerts().run(today, at);
    // Confirmation links not answered yet: the confirmer before the link runs out, the area after.
    await confirmationReminders().run(today, at);
    // Programmes created before the goal sheets get theirs (nothing to do once they have them).
    await goalSheets().run();
    // The reminders went out all the same; the failed survey part fails the run, which is retried.
    if (surveyRun) throw surveyRun;
    // The heartbeat: its alarm fires when no run has succeeded for 26 hours (a run that failed,
    // was never started, or stopped being scheduled all look the same: no heartbeat).
    metricsPort.count(METRIC.reminderJobSucceeded);
    return summary;
  });
