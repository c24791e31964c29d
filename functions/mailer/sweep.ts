import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { clock } from '../../shared/adapters/clock.ts';
import { createSesClient, sesMailer } from '../../shared/adapters/ses/mailer.ts';
import { logger } from '../../shared/observability.ts';
import { type DeliveryDeps, type SweepSummary, sweepOutbox } from '../../shared/usecases/deliver-outbox.ts';

/** Stop taking new items this long before the Lambda timeout: a send in flight must finish. */
const RESERVE_MS = 30_000;

/** Scheduled: sends the outbox items the stream did not (older than 15 minutes); answers a summary. */
export const sweepHandler = (deps: DeliveryDeps) =>
  middy<ScheduledEvent, SweepSummary>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (_event, context) => {
      const summary = await sweepOutbox(deps, {
        shouldStop: () => context.getRemainingTimeInMillis() < RESERVE_MS,
      });
      // Anything found here was missed by the stream path: worth a look, hence a warning.
      if (summary.found > 0) logger.warn('outbox sweep found unsent e-mails', { ...summary });
      return summary;
    });

export const handler = sweepHandler({ mailer: sesMailer(createSesClient()), clock });
