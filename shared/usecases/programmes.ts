import { Forbidden, RuleViolation, StaleVersion } from '../domain/errors.ts';
import { programmeEditGuards, programmeEditViolations } from '../domain/guards.ts';
import { type Programme, type ProgrammeSpec, withDefaults } from '../domain/programme.ts';
import type { AreaTotals, ProgrammeBudget } from '../domain/responses.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { AreaStore, Clock, ProgrammeStore } from '../ports.ts';
import type { ProgrammeBody } from '../schemas/programme.ts';
import { nextVersion } from './create-or-replace.ts';
import { found, retryLostRaces } from './support.ts';

export interface ProgrammePorts {
  programmes: ProgrammeStore;
  areas: AreaStore;
  clock: Clock;
}

/** Programmes: written by administrators against what is already granted from them, read by everyone. */
export const makeProgrammes = ({ programmes, areas, clock }: ProgrammePorts) => {
  const load = (id: string) => found(programmes.get(id), 'Programmet finns inte.');

  /**
   * Create or replace. What is granted is read first and checked in code (a year's appropriation,
   * the per-area cap); the write then carries a `grants-unchanged` guard per year, old and new,
   * so an approval that commits in between makes it read and check again — for any number of
   * areas, in a transaction of at most 1 + 2 × 20 actions.
   */
  const put = (id: string, ifMatch: number | undefined, body: ProgrammeBody) =>
    retryLostRaces(async () => {
      const previous = await programmes.get(id);
      if (ifMatch !== undefined && previous?.version !== ifMatch) throw new StaleVersion();
      const next: Programme = nextVersion(id, withDefaults(body) as ProgrammeSpec, previous, clock.now());
      const years = [...next.years, ...(previous?.years ?? [])].map((y) => y.year);
      const snapshot = await programmes.grantsSnapshot(id, years);
      const violations = programmeEditViolations(next, snapshot);
      if (violations.length > 0) throw new RuleViolation(violations);
      await programmes.save(next, previous?.version ?? 0, programmeEditGuards(id, snapshot));
      return { created: previous === undefined, programme: next };
    });

  /** Per year: the appropriation, what is granted and disbursed from it, and what remains to grant. */
  const budget = async (id: string): Promise<ProgrammeBudget> => {
    const programme = await load(id);
    const totals = await programmes.yearTotals(
      id,
      programme.years.map((y) => y.year),
    );
    return {
      programmeId: id,
      items: programme.years.map(({ year, appropriation }) => {
        const { granted, disbursed } = totals[String(year)] ?? { granted: 0, disbursed: 0 };
        return { year, appropriation, granted, disbursed, remaining: appropriation - granted };
      }),
    };
  };

  /** What an area has been granted in the programme and what remains under the cap; a coordinator asks for their own. */
  const areaTotals = async (caller: Caller, programmeId: string, areaId: string): Promise<AreaTotals> => {
    if (!isAdmin(caller) && caller.areaId !== areaId) {
      throw new Forbidden('Du kan bara se beloppen för ditt eget område.');
    }
    const [programme, , granted] = await Promise.all([
      load(programmeId),
      found(areas.get(areaId), 'Området finns inte.'),
      programmes.grantedToArea(programmeId, areaId),
    ]);
    return {
      programmeId,
      areaId,
      granted,
      maxGrantPerArea: programme.maxGrantPerArea,
      remaining: Math.max(0, programme.maxGrantPerArea - granted),
    };
  };

  return { put, get: load, list: () => programmes.list(), budget, areaTotals };
};

export type Programmes = ReturnType<typeof makeProgrammes>;
