import { StaleVersion } from '../domain/errors.ts';
import { LostRace, type Versioned, type VersionedStore } from '../ports.ts';
import { retryLostRaces } from './support.ts';

/**
 * PUT semantics for programmes and areas: create, or replace the current version. With `ifMatch`
 * the caller's version must still be current (412 otherwise); without it a concurrent writer simply
 * makes us read again and build on the newer version.
 */
export const createOrReplace = <T extends Versioned>(
  store: VersionedStore<T>,
  id: string,
  ifMatch: number | undefined,
  build: (previous: T | undefined) => T,
): Promise<{ created: boolean; resource: T }> =>
  retryLostRaces(async () => {
    const previous = await store.get(id);
    if (ifMatch !== undefined && previous?.version !== ifMatch) throw new StaleVersion();
    const next = build(previous);
    try {
      await store.save(next, previous);
    } catch (error) {
      // With If-Match the caller built on a version that is gone: theirs to reload.
      if (error instanceof LostRace && ifMatch !== undefined) throw new StaleVersion();
      throw error;
    }
    return { created: previous === undefined, resource: next };
  });

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
