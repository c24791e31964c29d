import type { Violation } from './errors.ts';
import type { Programme } from './programme.ts';
import { listed, sek } from './vocabulary.ts';

/**
 * What a write must guarantee, named once. The domain says which guards a change needs; one
 * adapter (shared/adapters/dynamodb/guarded-write.ts) turns each guard into a condition on the
 * item it protects, and hands the guards whose conditions failed back by name. The wording of the
 * money rules lives here and nowhere else: the submit-time check, the approval, the programme edit
 * and the form all say the same thing.
 *
 * - `year-budget`: grant `amount` from a programme year; afterwards `granted ≤ appropriation`.
 * - `area-cap`: grant `amount` to an area; afterwards its total in the programme `≤ cap`.
 * - `year-disbursement`: disburse `amount` from a programme year that has grants.
 * - `year-release`, `area-release`: give `amount` back to a programme year and from an area's total
 *   (a declared underspend); each still holds at least `amount`. A release bumps the year's grant
 *   sequence like a grant, so a programme edit that read the year before it decides again.
 * - `version`: the item is still at `version` (absent when `version` is 0) — a lost race otherwise.
 * - `grants-unchanged`: no grant has changed the year since it was read at `sequence` — a lost race
 *   otherwise. A programme edit checks what is granted in code and then writes only if nothing was
 *   granted meanwhile, so the check holds for any number of areas: approvals always touch a year.
 */
export type Guard =
  | { name: 'year-budget'; programmeId: string; year: number; appropriation: number; amount: number }
  | { name: 'area-cap'; programmeId: string; areaId: string; cap: number; amount: number }
  | { name: 'year-disbursement'; programmeId: string; year: number; amount: number }
  | { name: 'year-release'; programmeId: string; year: number; amount: number }
  | { name: 'area-release'; programmeId: string; areaId: string; amount: number }
  | {
      name: 'version';
      entity: 'programme' | 'application' | 'followUp' | 'completionDue';
      id: string;
      version: number;
    }
  | { name: 'grants-unchanged'; programmeId: string; year: number; sequence: number };

export type GuardName = Guard['name'];

/** Guards whose failure means someone else wrote first: read again and decide again. */
export const isRaceGuard = (guard: Guard): boolean =>
  guard.name === 'version' || guard.name === 'grants-unchanged';

/** The one wording of the per-area cap. */
export const areaCapViolation = (
  cap: number,
  situation:
    | { kind: 'request'; granted: number; requested: number; paths?: string[] }
    | { kind: 'approval' }
    | { kind: 'lowered'; areas: { areaId: string; granted: number }[] },
): Violation => {
  const base = `Ett område kan få högst ${sek(cap)} i programmet`;
  switch (situation.kind) {
    case 'request': {
      const over = situation.granted + situation.requested - cap;
      return {
        rule: 'area-cap-exceeded',
        message: `${base}. Området har redan beviljats ${sek(situation.granted)} och söker nu ${sek(situation.requested)}. Det är ${sek(over)} över taket. Minska budgeten med minst ${sek(over)}.`,
        ...(situation.paths ? { paths: situation.paths } : {}),
      };
    }
    case 'approval':
      return {
        rule: 'area-cap-exceeded',
        message: `${base}. Med det här beslutet skulle området få mer än så. Bevilja ett lägre belopp.`,
      };
    case 'lowered':
      return {
        rule: 'area-cap-exceeded',
        message: `${base}, men ${situation.areas
          .map((a) => `${a.areaId} har redan fått ${sek(a.granted)}`)
          .join(', ')}. Taket kan inte bli lägre än det.`,
        paths: ['maxGrantPerArea'],
      };
  }
};

/** The one wording of a year's budget. */
export const budgetViolation = (
  situation:
    | { kind: 'approval'; years: number[] }
    | { kind: 'lowered'; years: { year: number; granted: number; index: number }[] },
): Violation =>
  situation.kind === 'approval'
    ? {
        rule: 'budget-exceeded',
        message: `Anslaget för ${listed(situation.years.map(String))} räcker inte till det beviljade beloppet. Bevilja mindre för ${situation.years.length === 1 ? 'det året' : 'de åren'}.`,
        paths: situation.years.map((year) => `grantedByYear.${year}`),
      }
    : {
        rule: 'budget-exceeded',
        message: situation.years
          .map(
            (y) =>
              `Anslaget för ${y.year} kan inte bli lägre än det som redan är beviljat: ${sek(y.granted)}.`,
          )
          .join(' '),
        paths: situation.years.map((y) => (y.index >= 0 ? `years.${y.index}.appropriation` : 'years')),
      };

/** The guards of an approval: the appropriations read are current, each year and the area keep their limits. */
export const grantGuards = (
  programme: Programme,
  areaId: string,
  grantedByYear: Record<string, number>,
): Guard[] => {
  const years = programme.years.filter((y) => (grantedByYear[String(y.year)] ?? 0) > 0);
  const total = years.reduce((sum, y) => sum + (grantedByYear[String(y.year)] ?? 0), 0);
  return [
    { name: 'version', entity: 'programme', id: programme.id, version: programme.version },
    ...years.map(
      (y): Guard => ({
        name: 'year-budget',
        programmeId: programme.id,
        year: y.year,
        appropriation: y.appropriation,
        amount: grantedByYear[String(y.year)] ?? 0,
      }),
    ),
    ...(total > 0
      ? [
          {
            name: 'area-cap',
            programmeId: programme.id,
            areaId,
            cap: programme.maxGrantPerArea,
            amount: total,
          } as const,
        ]
      : []),
  ];
};

/** The guards of a completion: each year's actual costs are disbursed from its grant. */
export const disbursementGuards = (programmeId: string, disbursedByYear: Record<string, number>): Guard[] =>
  Object.entries(disbursedByYear)
    .filter(([, amount]) => amount > 0)
    .map(([year, amount]) => ({ name: 'year-disbursement', programmeId, year: Number(year), amount }));

/** The guards of a declared underspend: the year's and the area's granted totals fall by `amount`. */
export const releaseGuards = (programmeId: string, areaId: string, year: number, amount: number): Guard[] => [
  { name: 'year-release', programmeId, year, amount },
  { name: 'area-release', programmeId, areaId, amount },
];

/** The rule violations of failed rule guards (race guards are retried, never reported). */
export const violationsOf = (failed: readonly Guard[]): Violation[] => {
  const years = failed.flatMap((g) => (g.name === 'year-budget' ? [g.year] : []));
  const cap = failed.find((g) => g.name === 'area-cap');
  const disbursed = failed.filter((g) => g.name === 'year-disbursement');
  const released = failed.find((g) => g.name === 'year-release' || g.name === 'area-release');
  return [
    ...(years.length > 0 ? [budgetViolation({ kind: 'approval', years })] : []),
    ...(cap ? [areaCapViolation(cap.cap, { kind: 'approval' })] : []),
    ...(disbursed.length > 0
      ? [
          {
            rule: 'cost-exceeds-grant' as const,
            message: `Inget är beviljat för ${disbursed.map((g) => g.year).join(' och ')}.`,
          },
        ]
      : []),
    // The application's own grant bounds a release, so a counter short of it is out of step with
    // the grants; refuse rather than let a total go below zero.
    ...(released
      ? [
          {
            rule: 'underspend-exceeds-grant' as const,
            message: 'Det beviljade beloppet räcker inte till det som lämnas tillbaka.',
          },
        ]
      : []),
  ];
};

/** What a programme edit reads first: each year's granted total and its grant sequence, each area's total. */
export interface GrantsSnapshot {
  years: { year: number; granted: number; sequence: number }[];
  areas: { areaId: string; granted: number }[];
}

/**
 * A programme edit may not take away money already granted: no year's appropriation below what is
 * granted from it (a removed year has none), no cap below an area's total.
 */
export const programmeEditViolations = (next: Programme, snapshot: GrantsSnapshot): Violation[] => {
  const shortYears = snapshot.years.flatMap((counter) => {
    const index = next.years.findIndex((y) => y.year === counter.year);
    const appropriation = index >= 0 ? (next.years[index]?.appropriation ?? 0) : 0;
    return counter.granted > appropriation ? [{ year: counter.year, granted: counter.granted, index }] : [];
  });
  const overCap = snapshot.areas.filter((a) => a.granted > next.maxGrantPerArea);
  return [
    ...(shortYears.length > 0 ? [budgetViolation({ kind: 'lowered', years: shortYears })] : []),
    ...(overCap.length > 0
      ? [areaCapViolation(next.maxGrantPerArea, { kind: 'lowered', areas: overCap })]
      : []),
  ];
};

/** The guards of a programme edit: nothing granted from any of its years, old or new, since the snapshot. */
export const programmeEditGuards = (programmeId: string, snapshot: GrantsSnapshot): Guard[] =>
  snapshot.years.map(({ year, sequence }) => ({ name: 'grants-unchanged', programmeId, year, sequence }));
