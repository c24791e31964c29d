import type { Context, ScheduledEvent } from 'aws-lambda';
import { clock } from '../../shared/adapters/clock.ts';
import { createSesClient, sesMailer } from '../../shared/adapters/ses/mailer.ts';
import { logger } from '../../shared/observability.ts';
import { type DeliveryDeps, type SweepSummary, sweepOutbox } from '../../shared/usecases/deliver-outbox.ts';

/** Stop taking new items this long before the Lambda timeout: a send in flight must finish. */
const RESERVE_MS = 30_000;

/** Scheduled: sends the outbox items the stream did not (older than 15 minutes); answers a summary. */
export const sweepHandler =
  (deps: DeliveryDeps) =>
  async (
    _event: ScheduledEvent,
    context?: Pick<Context, 'getRemainingTimeInMillis'>,
  ): Promise<SweepSummary> => {
    const summary = await sweepOutbox(deps, {
      shouldStop: () => (context ? context.getRemainingTimeInMillis() < RESERVE_MS : false),
    });
    // Anything found here was missed by the stream path: worth a look, hence a warning.
    if (summary.found > 0) logger.warn('outbox sweep found unsent e-mails', { ...summary });
    return summary;
  };

export const handler = sweepHandler({ mailer: sesMailer(createSesClient()), clock });
