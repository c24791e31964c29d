import { stockholmDate } from '../domain/dates.ts';
import type { Clock } from '../ports.ts';

let fixedNow: Date | undefined;

/**
 * The clock every handler and job reads. Deployed it is the system clock; the local stack may fix
 * it (PUT /local/clock) so that deadlines can be walked through by hand and in tests.
 */
export const clock: Clock = {
  now: () => (fixedNow ? new Date(fixedNow) : new Date()),
  today: () => stockholmDate(clock.now()),
};

/** Local stack and tests only: fix the clock (undefined returns to real time). */
export const fixClock = (instant: Date | undefined): void => {
  fixedNow = instant;
};
