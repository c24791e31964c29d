import type { AreaStore, Clock } from '../ports.ts';
import type { AreaBody } from '../schemas/area.ts';
import { createOrReplace, nextVersion } from './create-or-replace.ts';
import { found } from './support.ts';

export interface AreaPorts {
  areas: AreaStore;
  clock: Clock;
}

/** Areas: written by administrators, read by everyone signed in. */
export const makeAreas = ({ areas, clock }: AreaPorts) => ({
  put: (id: string, ifMatch: number | undefined, body: AreaBody) =>
    createOrReplace(areas, id, ifMatch, (previous) => nextVersion(id, body, previous, clock.now())),
  get: (id: string) => found(areas.get(id), 'Området finns inte.'),
  list: () => areas.list(),
});

export type Areas = ReturnType<typeof makeAreas>;
