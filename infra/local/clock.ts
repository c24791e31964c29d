import { stockholmDate } from '../../shared/domain/dates.ts';
import type { Clock } from '../../shared/ports.ts';

/**
 * The clock of the local stack and the tests: the system clock until someone fixes it
 * (`PUT /local/clock`, `fixClock` in a test). It replaces shared/adapters/clock.ts wherever that is
 * imported — by the resolve hook of `npm start` and the `localModules` plugin of vitest.config.ts
 * (./local-modules.mjs) — so handlers see it without any hook in deployed code.
 */
let fixedNow: Date | undefined;

export const clock: Clock = {
  now: () => (fixedNow ? new Date(fixedNow) : new Date()),
  today: () => stockholmDate(clock.now()),
};

/** Fixes the clock (undefined returns to real time). */
export const fixClock = (instant: Date | undefined): void => {
  fixedNow = instant;
};
