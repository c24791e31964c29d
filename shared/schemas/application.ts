import * as z from 'zod/mini';
import { COST_CATEGORIES, DECISION_OUTCOMES, PARTNER_TYPES } from '../domain/application.ts';
import { MAX_GOALS } from '../domain/goals.ts';
import { ACTIVITY_TYPES } from '../domain/programme.ts';
import { DateField, Email, Id, Line, PageLimit, Paragraph, Sek, Year } from './common.ts';
import './locale.ts';

/**
 * A draft may be incomplete, so create and replace check only the shape; the programme's rules
 * are checked at submit (422). Ineligible cost categories are valid shape on purpose: they are a
 * rule violation (`ineligible-cost`), never a 400.
 */
export const ActivityBody = z.strictObject({
  type: z.enum(ACTIVITY_TYPES, { error: 'Välj typ av aktivitet' }),
  description: z.optional(Paragraph(5000, 'Beskriv aktiviteten')),
  plannedStart: z.optional(DateField('Ange när aktiviteten börjar')),
  plannedEnd: z.optional(DateField('Ange när aktiviteten slutar')),
  themes: z.optional(z.array(Line(200, 'Skriv temat')).check(z.maxLength(20))),
});

export const PartnerBody = z.strictObject({
  type: z.enum(PARTNER_TYPES, { error: 'Välj vilken huvudman det är' }),
  name: Line(200, 'Skriv huvudmannens namn'),
  contactName: Line(200, 'Skriv kontaktpersonens namn'),
  contactEmail: Email,
});

export const BudgetLineBody = z.strictObject({
  year: Year,
  category: z.enum(COST_CATEGORIES, { error: 'Välj vad kostnaden gäller' }),
  description: z.optional(Line(500, 'Beskriv kostnaden')),
  amount: Sek,
});

/** A measurable goal: what, how it is measured, and what counts as reached. */
export const GoalBody = z.strictObject({
  description: Paragraph(1000, 'Beskriv målet'),
  indicator: Line(300, 'Skriv hur målet mäts'),
  target: Line(300, 'Skriv vad som räknas som uppnått'),
});

export const ApplicationBody = z.strictObject({
  programmeId: Id,
  areaId: z.optional(Id),
  title: z.optional(Line(200, 'Skriv en titel för ansökan')),
  activities: z.optional(
    z.array(ActivityBody).check(
      z.maxLength(2),
      z.refine(
        (list) => new Set(list.map((a) => a.type)).size === list.length,
        'Varje aktivitetstyp får finnas en gång',
      ),
    ),
  ),
  partners: z.optional(z.array(PartnerBody).check(z.maxLength(20))),
  userInvolvement: z.optional(
    z.strictObject({
      consulted: z.boolean({ error: 'Svara ja eller nej' }),
      organisations: z.optional(z.array(Line(200, 'Skriv organisationens namn')).check(z.maxLength(20))),
    }),
  ),
  coordinationAssociation: z.optional(Line(200, 'Skriv samordningsförbundets namn')),
  managementAnchored: z.optional(z.boolean()),
  budget: z.optional(z.array(BudgetLineBody).check(z.maxLength(200))),
  goals: z.optional(
    z
      .array(GoalBody)
      .check(z.minLength(1, 'Ange minst ett mål'), z.maxLength(MAX_GOALS, `Ange högst ${MAX_GOALS} mål`)),
  ),
});
export type ApplicationBody = z.infer<typeof ApplicationBody>;

export const DecisionBody = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES, { error: 'Välj beslut: bevilja, avslå eller skicka tillbaka' }),
  grantedByYear: z.optional(
    z
      .record(z.string().check(z.regex(/^\d{4}$/, 'Ange året med fyra siffror')), Sek)
      .check(z.refine((map) => Object.keys(map).length <= 20, 'Högst 20 år')),
  ),
  comment: z.optional(Paragraph(2000, 'Skriv en kommentar')),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const ApplicationListQuery = z.strictObject({
  programmeId: z.optional(Id),
  areaId: z.optional(Id),
  status: z.optional(z.enum(['draft', 'submitted', 'approved', 'rejected', 'returned', 'completed'])),
  limit: PageLimit,
  nextToken: z.optional(z.string().check(z.maxLength(2000))),
});

export const CompletionBody = z.strictObject({
  activities: z
    .array(
      z.strictObject({
        type: z.enum(ACTIVITY_TYPES, { error: 'Välj typ av aktivitet' }),
        endedOn: DateField('Ange när aktiviteten avslutades'),
        participants: z.optional(
          z
            .int({ error: 'Ange antalet deltagare som ett heltal' })
            .check(z.minimum(0, 'Antalet kan inte vara negativt'), z.maximum(100_000, 'Ange högst 100 000')),
        ),
      }),
    )
    .check(
      z.minLength(1),
      z.maxLength(2),
      z.refine(
        (list) => new Set(list.map((a) => a.type)).size === list.length,
        'Varje aktivitet rapporteras en gång',
      ),
    ),
  costs: z.array(z.omit(BudgetLineBody, { description: true })).check(z.maxLength(200)),
});
export type CompletionBody = z.infer<typeof CompletionBody>;

/** `POST /applications/{id}/underspend`: money of a year the application will not use. */
export const UnderspendBody = z.strictObject({
  year: Year,
  amount: Sek.check(z.minimum(1, 'Ange ett belopp på minst 1 krona')),
  reason: Paragraph(2000, 'Skriv varför medlen inte kommer att användas'),
});
export type UnderspendBody = z.infer<typeof UnderspendBody>;
