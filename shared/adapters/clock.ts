import type { Clock } from '../ports.ts';

const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Europe/Stockholm: the users' calendar, not the Lambda's UTC. */
export const stockholmDay = (instant: Date): string => stockholmDate.format(instant);

let fixedNow: Date | undefined;

/**
 * The clock every handler and job reads. Deployed it is the system clock; the local stack may fix
 * it (PUT /local/clock) so that deadlines can be walked through by hand and in tests.
 */
export const clock: Clock = {
  now: () => (fixedNow ? new Date(fixedNow) : new Date()),
  today: () => stockholmDay(clock.now()),
};

/** Local stack and tests only: fix the clock (undefined returns to real time). */
export const fixClock = (instant: Date | undefined): void => {
  fixedNow = instant;
};
