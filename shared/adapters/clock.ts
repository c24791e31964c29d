import { stockholmDate } from '../domain/dates.ts';
import type { Clock } from '../ports.ts';

/**
 * The system clock, the only one deployed. The local stack and the tests put a clock they can fix
 * in its place when modules are resolved (infra/local/clock.ts), so no deployed bundle carries a
 * way to move time.
 */
export const clock: Clock = {
  now: () => new Date(),
  today: () => stockholmDate(new Date()),
};
