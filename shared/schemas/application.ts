import * as z from 'zod';
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
  description: Paragraph(5000, 'Beskriv aktiviteten').optional(),
  plannedStart: DateField('Ange när aktiviteten börjar').optional(),
  plannedEnd: DateField('Ange när aktiviteten slutar').optional(),
  themes: z.array(Line(200, 'Skriv temat')).max(20).optional(),
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
  description: Line(500, 'Beskriv kostnaden').optional(),
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
  areaId: Id.optional(),
  title: Line(200, 'Skriv en titel för ansökan').optional(),
  activities: z
    .array(ActivityBody)
    .max(2)
    .refine(
      (list) => new Set(list.map((a) => a.type)).size === list.length,
      'Varje aktivitetstyp får finnas en gång',
    )
    .optional(),
  partners: z.array(PartnerBody).max(20).optional(),
  userInvolvement: z
    .strictObject({
      consulted: z.boolean({ error: 'Svara ja eller nej' }),
      organisations: z.array(Line(200, 'Skriv organisationens namn')).max(20).optional(),
    })
    .optional(),
  coordinationAssociation: Line(200, 'Skriv samordningsförbundets namn').optional(),
  managementAnchored: z.boolean().optional(),
  budget: z.array(BudgetLineBody).max(200).optional(),
  goals: z
    .array(GoalBody)
    .min(1, 'Ange minst ett mål')
    .max(MAX_GOALS, `Ange högst ${MAX_GOALS} mål`)
    .optional(),
});
export type ApplicationBody = z.infer<typeof ApplicationBody>;

export const DecisionBody = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES, { error: 'Välj beslut: bevilja, avslå eller skicka tillbaka' }),
  grantedByYear: z
    .record(z.string().regex(/^\d{4}$/, 'Ange året med fyra siffror'), Sek)
    .refine((map) => Object.keys(map).length <= 20, 'Högst 20 år')
    .optional(),
  comment: Paragraph(2000, 'Skriv en kommentar').optional(),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const ApplicationListQuery = z.strictObject({
  programmeId: Id.optional(),
  areaId: Id.optional(),
  status: z.enum(['draft', 'submitted', 'approved', 'rejected', 'returned', 'completed']).optional(),
  limit: PageLimit,
  nextToken: z.string().max(2000).optional(),
});

export const CompletionBody = z.strictObject({
  activities: z
    .array(
      z.strictObject({
        type: z.enum(ACTIVITY_TYPES, { error: 'Välj typ av aktivitet' }),
        endedOn: DateField('Ange när aktiviteten avslutades'),
        participants: z
          .int({ error: 'Ange antalet deltagare som ett heltal' })
          .min(0, 'Antalet kan inte vara negativt')
          .max(100_000, 'Ange högst 100 000')
          .optional(),
      }),
    )
    .min(1)
    .max(2)
    .refine(
      (list) => new Set(list.map((a) => a.type)).size === list.length,
      'Varje aktivitet rapporteras en gång',
    ),
  costs: z.array(BudgetLineBody.omit({ description: true })).max(200),
});
export type CompletionBody = z.infer<typeof CompletionBody>;

/** `POST /applications/{id}/underspend`: money of a year the application will not use. */
export const UnderspendBody = z.strictObject({
  year: Year,
  amount: Sek.min(1, 'Ange ett belopp på minst 1 krona'),
  reason: Paragraph(2000, 'Skriv varför medlen inte kommer att användas'),
});
export type UnderspendBody = z.infer<typeof UnderspendBody>;
