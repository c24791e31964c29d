import {
  type Application,
  type CostCategory,
  PARTNER_TYPES,
  type PartnerType,
} from '../../domain/application.ts';
import { ACTIVITY_TYPES, type ActivityType } from '../../domain/programme.ts';
import type { ApplicationBody } from '../../schemas/application.ts';
import { ACTIVITY, categoryChoice, PARTNER } from './labels.ts';

/**
 * The application form's state as typed (strings, so that nothing typed is lost, not even an
 * amount that is not yet a number), and its translation to the API body. The translation also
 * says which form control each body path came from, so that errors reported by path — zod's in
 * the browser, the API's 400 `errors` and 422 `violations` — land next to the right field.
 */

export interface ActivityDraft {
  on: boolean;
  description: string;
  plannedStart: string;
  plannedEnd: string;
  /** One theme per line. */
  themes: string;
}

export interface PartnerDraft {
  name: string;
  contactName: string;
  contactEmail: string;
}

export interface BudgetDraft {
  year: string;
  category: CostCategory;
  description: string;
  amount: string;
}

export interface GoalDraft {
  description: string;
  indicator: string;
  target: string;
}

export interface FormDraft {
  programmeId: string;
  title: string;
  activities: Record<ActivityType, ActivityDraft>;
  partners: Record<PartnerType, PartnerDraft>;
  consulted: '' | 'yes' | 'no';
  /** One organisation per line. */
  organisations: string;
  coordinationAssociation: string;
  managementAnchored: boolean;
  budget: BudgetDraft[];
  goals: GoalDraft[];
}

const byKey = <K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;

export const emptyBudgetLine = (year: number | undefined): BudgetDraft => ({
  year: year === undefined ? '' : String(year),
  category: 'lecturer',
  description: '',
  amount: '',
});

export const emptyDraft = (programmeId: string): FormDraft => ({
  programmeId,
  title: '',
  activities: byKey(ACTIVITY_TYPES, () => ({
    on: false,
    description: '',
    plannedStart: '',
    plannedEnd: '',
    themes: '',
  })),
  partners: byKey(PARTNER_TYPES, () => ({ name: '', contactName: '', contactEmail: '' })),
  consulted: '',
  organisations: '',
  coordinationAssociation: '',
  managementAnchored: false,
  budget: [],
  goals: [],
});

export const fromApplication = (app: Application): FormDraft => {
  const draft = emptyDraft(app.programmeId);
  draft.title = app.title ?? '';
  for (const a of app.activities ?? []) {
    draft.activities[a.type] = {
      on: true,
      description: a.description ?? '',
      plannedStart: a.plannedStart ?? '',
      plannedEnd: a.plannedEnd ?? '',
      themes: (a.themes ?? []).join('\n'),
    };
  }
  for (const p of app.partners ?? []) {
    draft.partners[p.type] = { name: p.name, contactName: p.contactName, contactEmail: p.contactEmail };
  }
  draft.consulted = app.userInvolvement ? (app.userInvolvement.consulted ? 'yes' : 'no') : '';
  draft.organisations = (app.userInvolvement?.organisations ?? []).join('\n');
  draft.coordinationAssociation = app.coordinationAssociation ?? '';
  draft.managementAnchored = app.managementAnchored === true;
  draft.budget = (app.budget ?? []).map((line) => ({
    year: String(line.year),
    category: line.category,
    description: line.description ?? '',
    amount: String(line.amount),
  }));
  draft.goals = (app.goals ?? []).map((goal) => ({ ...goal }));
  return draft;
};

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Whole kronor as typed ("120 000" too); undefined when empty, NaN when not a number (zod says so). */
export const parseAmount = (text: string): number | undefined => {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (compact === '') return undefined;
  return /^\d+$/.test(compact) ? Number(compact) : Number.NaN;
};

const optional = <K extends string>(key: K, text: string) =>
  text.trim() ? ({ [key]: text.trim() } as Record<K, string>) : {};

/** The control id of each field; `activities`, `partners`, `budget` name their fieldsets. */
export const ids = {
  activity: (type: ActivityType, name?: string) => `f-act-${type}${name ? `-${name}` : ''}`,
  partner: (type: PartnerType, name?: string) => `f-partner-${type}${name ? `-${name}` : ''}`,
  budget: (index: number, name?: string) => `f-budget-${index}${name ? `-${name}` : ''}`,
  goal: (index: number, name?: string) => `f-goal-${index}${name ? `-${name}` : ''}`,
};

export interface Translated {
  body: ApplicationBody;
  /** Body path → control id. */
  fields: Map<string, string>;
}

export const toBody = (draft: FormDraft): Translated => {
  const fields = new Map<string, string>([
    ['programmeId', 'f-programmeId'],
    ['areaId', 'f-programmeId'],
    ['title', 'f-title'],
    ['activities', 'f-activities'],
    ['partners', 'f-partners'],
    ['userInvolvement', 'f-consulted'],
    ['userInvolvement.organisations', 'f-organisations'],
    ['coordinationAssociation', 'f-coordinationAssociation'],
    ['managementAnchored', 'f-managementAnchored'],
    ['budget', 'f-budget'],
  ]);
  const activities = ACTIVITY_TYPES.filter((type) => draft.activities[type].on).map((type, index) => {
    const a = draft.activities[type];
    fields.set(`activities.${index}`, ids.activity(type));
    for (const name of ['description', 'plannedStart', 'plannedEnd', 'themes'] as const) {
      fields.set(`activities.${index}.${name}`, ids.activity(type, name));
    }
    const themes = lines(a.themes);
    return {
      type,
      ...optional('description', a.description),
      ...optional('plannedStart', a.plannedStart),
      ...optional('plannedEnd', a.plannedEnd),
      ...(themes.length > 0 ? { themes } : {}),
    };
  });
  const partners = PARTNER_TYPES.filter((type) =>
    Object.values(draft.partners[type]).some((v) => v.trim() !== ''),
  ).map((type, index) => {
    const p = draft.partners[type];
    fields.set(`partners.${index}`, ids.partner(type));
    for (const name of ['name', 'contactName', 'contactEmail'] as const) {
      fields.set(`partners.${index}.${name}`, ids.partner(type, name));
    }
    return {
      type,
      name: p.name.trim(),
      contactName: p.contactName.trim(),
      contactEmail: p.contactEmail.trim(),
    };
  });
  // A line with neither amount nor description is one the user has not started on yet: a draft
  // saves without it rather than refusing to save (the form keeps showing it).
  const started = draft.budget
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.amount.trim() !== '' || line.description.trim() !== '');
  const budget = started.map(({ line, index: formIndex }, index) => {
    fields.set(`budget.${index}`, ids.budget(formIndex));
    for (const name of ['year', 'category', 'description', 'amount'] as const) {
      fields.set(`budget.${index}.${name}`, ids.budget(formIndex, name));
    }
    return {
      year: Number(line.year),
      category: line.category,
      ...optional('description', line.description),
      amount: parseAmount(line.amount) as number,
    };
  });
  for (const type of PARTNER_TYPES) fields.set(`missing.${type}`, ids.partner(type));
  fields.set('goals', 'f-goals');
  // A goal with nothing typed in it is not one yet: a draft saves without it.
  const goals = (draft.goals ?? [])
    .map((goal, formIndex) => ({ goal, formIndex }))
    .filter(({ goal }) => Object.values(goal).some((v) => v.trim() !== ''))
    .map(({ goal, formIndex }, index) => {
      for (const name of ['description', 'indicator', 'target'] as const) {
        fields.set(`goals.${index}.${name}`, ids.goal(formIndex, name));
      }
      return {
        description: goal.description.trim(),
        indicator: goal.indicator.trim(),
        target: goal.target.trim(),
      };
    });
  const organisations = lines(draft.organisations);
  const body: ApplicationBody = {
    programmeId: draft.programmeId,
    ...optional('title', draft.title),
    activities,
    partners,
    ...(draft.consulted
      ? {
          userInvolvement: {
            consulted: draft.consulted === 'yes',
            ...(organisations.length > 0 ? { organisations } : {}),
          },
        }
      : {}),
    ...optional('coordinationAssociation', draft.coordinationAssociation),
    managementAnchored: draft.managementAnchored,
    budget,
    ...(goals.length > 0 ? { goals } : {}),
  };
  return { body, fields };
};

/** SEK per year and in all, as typed so far (lines that are not yet amounts count as 0). */
export const budgetTotals = (budget: readonly BudgetDraft[]) => {
  const byYear = new Map<string, number>();
  let total = 0;
  for (const line of budget) {
    const amount = parseAmount(line.amount);
    const sum = amount === undefined || Number.isNaN(amount) ? 0 : amount;
    byYear.set(line.year, (byYear.get(line.year) ?? 0) + sum);
    total += sum;
  }
  return { byYear, total };
};

/** The draft as plain text, for a user to copy when someone else changed the application meanwhile. */
export const asText = (draft: FormDraft): string => {
  const out: string[] = [`Titel: ${draft.title}`];
  for (const type of ACTIVITY_TYPES) {
    const a = draft.activities[type];
    if (!a.on) continue;
    out.push(
      `${ACTIVITY[type]}: ${a.plannedStart} – ${a.plannedEnd}`,
      `  Beskrivning: ${a.description}`,
      `  Teman: ${lines(a.themes).join(', ')}`,
    );
  }
  for (const type of PARTNER_TYPES) {
    const p = draft.partners[type];
    if (p.name || p.contactName || p.contactEmail) {
      out.push(`${PARTNER[type]}: ${p.name}, ${p.contactName} <${p.contactEmail}>`);
    }
  }
  out.push(
    `Brukarinflytande: ${draft.consulted === 'yes' ? 'ja' : draft.consulted === 'no' ? 'nej' : ''} ${lines(draft.organisations).join(', ')}`,
    `Samordningsförbund: ${draft.coordinationAssociation}`,
    `Förankrad hos den lokala ledningen: ${draft.managementAnchored ? 'ja' : 'nej'}`,
    ...draft.budget.map(
      (line) =>
        `Budget ${line.year}, ${categoryChoice(line.category)}: ${line.amount} kr – ${line.description}`,
    ),
    ...(draft.goals ?? []).map(
      (g, i) => `Mål ${i + 1}: ${g.description} (mäts med: ${g.indicator}; målvärde: ${g.target})`,
    ),
  );
  return out.join('\n');
};
