import {
  type Application,
  type ApplicationContent,
  type CostCategory,
  INELIGIBLE_COST_CATEGORIES,
  PARTNER_TYPES,
  requestedByYear,
  sumValues,
} from './application.ts';
import type { Violation } from './errors.ts';
import { goalsMissing } from './goals.ts';
import { areaCapViolation, budgetViolation } from './guards.ts';
import type { ActivityType, Programme } from './programme.ts';
import { ACTIVITY_LABEL, CATEGORY_LABEL, capitalised, listed, PARTNER_LABEL } from './vocabulary.ts';

/**
 * The programme's rules, each a named function found by its `rule` name from API.md. Rules never
 * throw: they return every violation, so that a coordinator sees all problems at once.
 */

/** What an incomplete application lacks, in words, by the last part of its path. */
const MISSING: Record<string, string> = {
  title: 'titel',
  activities: 'minst en aktivitet',
  description: 'beskrivning av aktiviteten',
  plannedStart: 'startdatum',
  plannedEnd: 'slutdatum',
  userInvolvement: 'svar om användarnas medverkan',
  budget: 'budget',
};

export const incomplete = (app: ApplicationContent): Violation[] => {
  const paths: string[] = [];
  if (!app.title) paths.push('title');
  if (!app.activities?.length) paths.push('activities');
  app.activities?.forEach((activity, index) => {
    for (const field of ['description', 'plannedStart', 'plannedEnd'] as const) {
      if (!activity[field]) paths.push(`activities.${index}.${field}`);
    }
  });
  if (!app.userInvolvement) paths.push('userInvolvement');
  if (!app.budget?.length) paths.push('budget');
  const missing = [...new Set(paths.map((path) => MISSING[path.split('.').at(-1) ?? path] ?? path))];
  return paths.length === 0
    ? []
    : [
        {
          rule: 'incomplete',
          message: `Ansökan är inte komplett. Det saknas ${listed(missing)}.`,
          paths,
        },
      ];
};

export const missingPartner = (app: ApplicationContent): Violation[] => {
  const present = new Set((app.partners ?? []).map((p) => p.type));
  const missing = PARTNER_TYPES.filter((type) => !present.has(type));
  return missing.length === 0
    ? []
    : [
        {
          rule: 'missing-partner',
          message: `Alla fyra huvudmän ska delta. Lägg till ${listed(missing.map((t) => PARTNER_LABEL[t]))}.`,
          paths: ['partners'],
        },
      ];
};

export const ineligibleCost = (app: ApplicationContent): Violation[] => {
  const paths = (app.budget ?? []).flatMap((line, index) =>
    (INELIGIBLE_COST_CATEGORIES as readonly string[]).includes(line.category)
      ? [`budget.${index}.category`]
      : [],
  );
  return paths.length === 0
    ? []
    : [
        {
          rule: 'ineligible-cost',
          message: `${capitalised(listed(INELIGIBLE_COST_CATEGORIES.map((c) => CATEGORY_LABEL[c])))} kan inte beviljas medel.`,
          paths,
        },
      ];
};

export const yearOutsideProgramme = (app: ApplicationContent, programme: Programme): Violation[] => {
  const years = new Set(programme.years.map((y) => y.year));
  const paths = (app.budget ?? []).flatMap((line, index) =>
    years.has(line.year) ? [] : [`budget.${index}.year`],
  );
  return paths.length === 0
    ? []
    : [
        {
          rule: 'year-outside-programme',
          message: `Budgetåren måste ligga inom programmets år (${[...years].join(', ')}).`,
          paths,
        },
      ];
};

export const activityTypeNotOffered = (app: ApplicationContent, programme: Programme): Violation[] => {
  const offered = (type: ActivityType) => programme.activityTypes.includes(type);
  const paths = (app.activities ?? []).flatMap((activity, index) =>
    offered(activity.type) ? [] : [`activities.${index}.type`],
  );
  const notOffered = [...new Set((app.activities ?? []).map((a) => a.type).filter((type) => !offered(type)))];
  return paths.length === 0
    ? []
    : [
        {
          rule: 'activity-type-not-offered',
          message: `Programmet ger inte medel till ${listed(notOffered.map((type) => ACTIVITY_LABEL[type]))}.`,
          paths,
        },
      ];
};

/** The programme's first and last year (its years need not follow each other). */
const programmeSpan = (programme: Programme): { first: number; last: number } | undefined => {
  const years = programme.years.map((y) => y.year);
  return years.length === 0 ? undefined : { first: Math.min(...years), last: Math.max(...years) };
};

const yearsText = (first: number, last: number) => (first === last ? String(first) : `${first}–${last}`);

/** True when an ISO date lies outside 1 January of `first` … 31 December of `last`. */
const outsideYears = (date: string | undefined, first: number, last: number): boolean =>
  !!date && (date < `${first}-01-01` || date > `${last}-12-31`);

/**
 * Activities are planned within the programme's years: a start in year 1 or an end in 2115 is a
 * typing mistake that would later put the follow-ups' due dates (and their reminders) anywhere.
 */
export const activityDatesOutsideProgramme = (app: ApplicationContent, programme: Programme): Violation[] => {
  const span = programmeSpan(programme);
  if (!span) return [];
  const paths = (app.activities ?? []).flatMap((activity, index) =>
    (['plannedStart', 'plannedEnd'] as const)
      .filter((field) => outsideYears(activity[field], span.first, span.last))
      .map((field) => `activities.${index}.${field}`),
  );
  return paths.length === 0
    ? []
    : [
        {
          rule: 'year-outside-programme',
          message: `Aktiviteterna ska genomföras under programmets år, ${yearsText(span.first, span.last)}.`,
          paths,
        },
      ];
};

export const managementAnchoringMissing = (app: ApplicationContent): Violation[] => {
  const hasPlan = (app.activities ?? []).some((a) => a.type === 'collaborationPlan');
  return hasPlan && app.managementAnchored !== true
    ? [
        {
          rule: 'management-anchoring-missing',
          message: 'En plan för samarbete ska vara förankrad hos den lokala ledningen.',
          paths: ['managementAnchored'],
        },
      ]
    : [];
};

export const endBeforeStart = (app: ApplicationContent): Violation[] => {
  const paths = (app.activities ?? []).flatMap((a, index) =>
    a.plannedStart && a.plannedEnd && a.plannedEnd < a.plannedStart ? [`activities.${index}.plannedEnd`] : [],
  );
  return paths.length === 0
    ? []
    : [{ rule: 'end-before-start', message: 'Slutdatum kan inte ligga före startdatum.', paths }];
};

/** The year `today` falls in: every year before it has ended, and its funds cannot be used any more. */
const currentYear = (today: string): number => Number(today.slice(0, 4));

/**
 * The one wording of a closed year, at submit (`request`: the coordinator moves the budget lines)
 * and at the decision (`grant`: the administrator grants nothing from it, or returns the
 * application so that the area can move its costs). Says what to do, not only what is wrong.
 */
const yearClosedViolation = (
  years: readonly number[],
  situation: 'request' | 'grant',
  today: string,
  paths: string[],
): Violation => {
  const named = listed(years.map(String));
  const ended = years.length === 1 ? `Året ${named} är avslutat` : `Åren ${named} är avslutade`;
  const open = `${currentYear(today)} eller senare`;
  const verb = situation === 'request' ? 'sökas' : 'beviljas';
  const remedy =
    situation === 'request'
      ? `Ändra året till ${open}, eller ta bort ${paths.length === 1 ? 'raden' : 'raderna'}.`
      : `Ange 0 kr för ${named}, eller skicka tillbaka ansökan för komplettering så att området kan flytta kostnaderna till ${open}.`;
  return {
    rule: 'year-closed',
    message: `${ended}, och medel kan inte ${verb} för ett avslutat år. ${remedy}`,
    paths,
  };
};

/** Funds cannot be carried over: at submit, no budget line is for a year that has already ended. */
export const budgetYearClosed = (app: ApplicationContent, today: string): Violation[] => {
  const lines = (app.budget ?? []).flatMap((line, index) =>
    line.year < currentYear(today) ? [{ year: line.year, path: `budget.${index}.year` }] : [],
  );
  if (lines.length === 0) return [];
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  return [
    yearClosedViolation(
      years,
      'request',
      today,
      lines.map((l) => l.path),
    ),
  ];
};

/** At submit: what is requested, on top of what the area has already been granted, within the cap. */
export const areaCapExceeded = (
  requested: number,
  grantedToArea: number,
  programme: Programme,
): Violation[] =>
  grantedToArea + requested > programme.maxGrantPerArea
    ? [
        areaCapViolation(programme.maxGrantPerArea, {
          kind: 'request',
          granted: grantedToArea,
          requested,
          paths: ['budget'],
        }),
      ]
    : [];

/** Every rule a submitted application must meet, checked at submit and again at decision. */
export const applicationRules = (app: ApplicationContent, programme: Programme): Violation[] => [
  ...incomplete(app),
  ...missingPartner(app),
  ...ineligibleCost(app),
  ...yearOutsideProgramme(app, programme),
  ...activityTypeNotOffered(app, programme),
  ...activityDatesOutsideProgramme(app, programme),
  ...managementAnchoringMissing(app),
  ...endBeforeStart(app),
];

/** Checked at submit, on the day `today`: the decision checks the same calendar again for its grant. */
export const submitRules = (
  app: ApplicationContent,
  programme: Programme,
  grantedToArea: number,
  today: string,
): Violation[] => [
  ...applicationRules(app, programme),
  ...goalsMissing(app, programme),
  ...budgetYearClosed(app, today),
  ...areaCapExceeded(sumValues(requestedByYear(app.budget)), grantedToArea, programme),
];

export const grantExceedsRequest = (app: Application, grantedByYear: Record<string, number>): Violation[] => {
  const requested = requestedByYear(app.budget);
  const over = Object.entries(grantedByYear).filter(([year, amount]) => amount > (requested[year] ?? 0));
  return over.length === 0
    ? []
    : [
        {
          rule: 'grant-exceeds-request',
          message: `Beviljat belopp överstiger det sökta för ${over.map(([year]) => year).join(', ')}.`,
          paths: over.map(([year]) => `grantedByYear.${year}`),
        },
      ];
};

export const grantYearOutsideProgramme = (
  grantedByYear: Record<string, number>,
  programme: Programme,
): Violation[] => {
  const years = new Set(programme.years.map((y) => String(y.year)));
  const outside = Object.keys(grantedByYear).filter((year) => !years.has(year));
  return outside.length === 0
    ? []
    : [
        {
          rule: 'year-outside-programme',
          message: `Programmet har inga medel för ${outside.join(', ')}.`,
          paths: outside.map((year) => `grantedByYear.${year}`),
        },
      ];
};

/** Funds cannot be carried over: a year that has ended by the decision date grants nothing more. */
export const yearClosed = (grantedByYear: Record<string, number>, today: string): Violation[] => {
  const closed = Object.entries(grantedByYear)
    .filter(([year, amount]) => amount > 0 && Number(year) < currentYear(today))
    .map(([year]) => Number(year))
    .sort((a, b) => a - b);
  return closed.length === 0
    ? []
    : [
        yearClosedViolation(
          closed,
          'grant',
          today,
          closed.map((year) => `grantedByYear.${year}`),
        ),
      ];
};

/**
 * What can be known before the transaction: a grant larger than a whole year's appropriation or
 * than the area cap. Whether the *remaining* room suffices is decided by the transaction itself.
 */
export const grantExceedsLimits = (
  grantedByYear: Record<string, number>,
  programme: Programme,
): Violation[] => {
  const overYears = programme.years.filter((y) => (grantedByYear[String(y.year)] ?? 0) > y.appropriation);
  return [
    ...(overYears.length > 0
      ? [budgetViolation({ kind: 'approval', years: overYears.map((y) => y.year) })]
      : []),
    ...(sumValues(grantedByYear) > programme.maxGrantPerArea
      ? [areaCapViolation(programme.maxGrantPerArea, { kind: 'approval' })]
      : []),
  ];
};

export const approvalRules = (
  app: Application,
  grantedByYear: Record<string, number>,
  programme: Programme,
  today: string,
): Violation[] => [
  ...applicationRules(app, programme),
  ...grantExceedsRequest(app, grantedByYear),
  ...grantYearOutsideProgramme(grantedByYear, programme),
  ...yearClosed(grantedByYear, today),
  ...grantExceedsLimits(grantedByYear, programme),
];

/** One entry per failing rule (API.md): violations of the same rule are merged, their fields joined. */
export const byRule = (violations: readonly Violation[]): Violation[] => {
  const merged = new Map<string, Violation>();
  for (const v of violations) {
    const seen = merged.get(v.rule);
    if (!seen) {
      merged.set(v.rule, { ...v, ...(v.paths ? { paths: [...v.paths] } : {}) });
      continue;
    }
    seen.message = `${seen.message} ${v.message}`;
    if (v.paths) seen.paths = [...(seen.paths ?? []), ...v.paths];
  }
  return [...merged.values()];
};

export interface CompletionInput {
  activities: { type: ActivityType; endedOn: string; participants?: number }[];
  costs: { year: number; category: CostCategory; amount: number }[];
}

/** Every approved activity is reported once, and only those. */
export const completionActivities = (app: Application, input: CompletionInput): Violation[] => {
  const approved = new Set((app.activities ?? []).map((a) => a.type));
  const reported = new Set(input.activities.map((a) => a.type));
  const missing = [...approved].filter((type) => !reported.has(type));
  const extra = input.activities.flatMap((a, index) =>
    approved.has(a.type) ? [] : [`activities.${index}.type`],
  );
  return [
    ...(missing.length > 0
      ? [
          {
            rule: 'incomplete' as const,
            message: 'Rapportera när varje beviljad aktivitet avslutades.',
            paths: ['activities'],
          },
        ]
      : []),
    ...(extra.length > 0
      ? [
          {
            rule: 'activity-type-not-offered' as const,
            message: 'Aktiviteten ingick inte i den beviljade ansökan.',
            paths: extra,
          },
        ]
      : []),
  ];
};

/** Activities cannot be reported as ended on a day that has not come yet. */
export const futureDate = (input: CompletionInput, today: string): Violation[] => {
  const paths = input.activities.flatMap((a, index) =>
    a.endedOn > today ? [`activities.${index}.endedOn`] : [],
  );
  return paths.length === 0
    ? []
    : [{ rule: 'future-date', message: 'Slutdatumet har inte kommit ännu.', paths }];
};

/**
 * An activity ends at the earliest the year before the programme and at the latest the year after
 * it (plans slip, but not by years): an end in year 1 would make every follow-up overdue at once
 * and send escalations to the managers the same night.
 */
export const endedOutsideProgramme = (input: CompletionInput, programme: Programme): Violation[] => {
  const span = programmeSpan(programme);
  if (!span) return [];
  const [first, last] = [span.first - 1, span.last + 1];
  const paths = input.activities.flatMap((a, index) =>
    outsideYears(a.endedOn, first, last) ? [`activities.${index}.endedOn`] : [],
  );
  return paths.length === 0
    ? []
    : [
        {
          rule: 'year-outside-programme',
          message: `Slutdatumet ska ligga under programmets år eller året före eller efter, ${yearsText(first, last)}.`,
          paths,
        },
      ];
};

/** Disbursed per year never exceeds what was granted for that year (a year not granted is 0). */
export const costExceedsGrant = (app: Application, input: CompletionInput): Violation[] => {
  const granted = app.grantedByYear ?? {};
  const spent: Record<string, number> = {};
  for (const cost of input.costs) spent[String(cost.year)] = (spent[String(cost.year)] ?? 0) + cost.amount;
  const over = Object.entries(spent).filter(([year, amount]) => amount > (granted[year] ?? 0));
  return over.length === 0
    ? []
    : [
        {
          rule: 'cost-exceeds-grant',
          message: `Kostnaderna överstiger det beviljade beloppet för ${over.map(([year]) => year).join(', ')}.`,
          paths: input.costs.flatMap((c, index) =>
            over.some(([year]) => year === String(c.year)) ? [`costs.${index}.amount`] : [],
          ),
        },
      ];
};

export const completionRules = (
  app: Application,
  input: CompletionInput,
  programme: Programme,
  today: string,
) =>
  byRule([
    ...completionActivities(app, input),
    ...futureDate(input, today),
    ...endedOutsideProgramme(input, programme),
    ...ineligibleCost({ ...app, budget: input.costs }).map((v) => ({
      ...v,
      paths: v.paths?.map((p) => p.replace(/^budget\./, 'costs.')),
    })),
    ...yearOutsideProgramme({ ...app, budget: input.costs }, programme).map((v) => ({
      ...v,
      paths: v.paths?.map((p) => p.replace(/^budget\./, 'costs.')),
    })),
    ...costExceedsGrant(app, input),
  ]);
