import { RetryLater, StaleVersion } from '../domain/errors.ts';
import { VersionConflict, type Versioned, type VersionedStore } from '../ports.ts';

const ATTEMPTS = 3;

/**
 * PUT semantics for programmes and areas: create, or replace the current version. With `ifMatch`
 * the caller's version must still be current (412 otherwise); without it a concurrent writer simply
 * makes us read again and build on the newer version.
 */
export const createOrReplace = async <T extends Versioned>(
  store: VersionedStore<T>,
  id: string,
  ifMatch: number | undefined,
  build: (previous: T | undefined) => T,
): Promise<{ created: boolean; resource: T }> => {
  for (let attempt = 1; ; attempt++) {
    const previous = await store.get(id);
    if (ifMatch !== undefined && previous?.version !== ifMatch) throw new StaleVersion();
    const next = build(previous);
    try {
      await store.save(next, previous);
      return { created: previous === undefined, resource: next };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      if (ifMatch !== undefined) throw new StaleVersion();
      if (attempt >= ATTEMPTS) throw new RetryLater('Resursen ändras av någon annan just nu. Försök igen.');
    }
  }
};

/** The next version of a resource built from a request body at `now`. */
export const nextVersion = <S extends object>(
  id: string,
  spec: S,
  previous: (Versioned & { createdAt: string }) | undefined,
  now: Date,
): S & { id: string; version: number; createdAt: string; updatedAt: string } => ({
  ...spec,
  id,
  version: (previous?.version ?? 0) + 1,
  createdAt: previous?.createdAt ?? now.toISOString(),
  updatedAt: now.toISOString(),
});
