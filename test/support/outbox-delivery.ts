import { outboxDeliveryWith } from '../../shared/composition.ts';
import type { Clock, Mailer } from '../../shared/ports.ts';

/**
 * The mailer's use case on the test table with a sender and clock of the test's choosing (an SES
 * that refuses or is slow, a clock past the lease), as the tests call it.
 */
type Deps = { mailer: Mailer; clock: Clock };

export const deliverOutboxItem = (id: string, deps: Deps) => outboxDeliveryWith(deps).deliver(id);

export const sweepOutbox = (deps: Deps, options?: { shouldStop?: () => boolean; pageSize?: number }) =>
  outboxDeliveryWith(deps).sweep(options);

/** A stream handler's `delivery` built from the given sender and clock. */
export const deliveryWith = (deps: Deps) => () => outboxDeliveryWith(deps);
