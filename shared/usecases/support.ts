import { NotFound, RetryLater } from '../domain/errors.ts';
import { LostRace } from '../ports.ts';

/** A random pause that grows with each lost race, so that writers who collided do not collide again. */
const backOff = (lost: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** lost));

/**
 * Runs `attempt` again when it lost a race (someone else wrote first), reading and deciding anew
 * each time after a short random pause; a change that no longer fits then surfaces as the
 * domain's own error. Races that outlast the attempts are a 503 `retry-later`, never a 500.
 * (Transaction conflicts are retried below this, in the DynamoDB adapter's transact.ts.)
 */
export const retryLostRaces = async <T>(
  attempt: () => Promise<T>,
  { attempts = 4, busy = 'Någon annan ändrar samma sak just nu. Försök igen om en stund.' } = {},
): Promise<T> => {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      if (n >= attempts) throw new RetryLater(busy);
      await backOff(n);
    }
  }
};

/** The value, or a 404 saying what does not exist. */
export const found = async <T>(value: Promise<T | undefined>, missing: string): Promise<T> => {
  const resolved = await value;
  if (resolved === undefined) throw new NotFound(missing);
  return resolved;
};
