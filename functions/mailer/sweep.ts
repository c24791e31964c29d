import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { outboxDelivery } from '../../shared/composition.ts';
import { logger, observability } from '../../shared/observability.ts';
import type { OutboxDelivery, SweepSummary } from '../../shared/usecases/deliver-outbox.ts';

/** Stop taking new items this long before the Lambda timeout: a send in flight must finish. */
const RESERVE_MS = 30_000;

/** Scheduled: sends the outbox items the stream did not (older than 15 minutes); answers a summary. */
export const sweepHandler = (delivery: () => OutboxDelivery) =>
  middy<ScheduledEvent, SweepSummary>()
    .use(observability<ScheduledEvent, SweepSummary>((event) => event.id))
    .handler(async (_event, context) => {
      const summary = await delivery().sweep({
        shouldStop: () => context.getRemainingTimeInMillis() < RESERVE_MS,
      });
      // Anything found here was missed by the stream path: worth a look, hence a warning.
      if (summary.found > 0) logger.warn('outbox sweep found unsent e-mails', { ...summary });
      return summary;
    });

export const handler = sweepHandler(outboxDelivery);
