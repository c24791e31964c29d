import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { reminders } from '../../shared/composition.ts';
import { stockholmDate } from '../../shared/domain/dates.ts';
import { logger } from '../../shared/observability.ts';

/**
 * The daily reminder job (EventBridge Scheduler, 06:00 Europe/Stockholm). "Today" comes from the
 * event's `time` in Europe/Stockholm, never from the Lambda's UTC clock: a retried or delayed
 * invocation still works on the day it was scheduled for.
 */
export const handler = middy<ScheduledEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const at = new Date(event.time);
    return reminders().run(stockholmDate(at), at);
  });
