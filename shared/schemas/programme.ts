import * as z from 'zod/mini';
import { ACTIVITY_TYPES, APPLIES_TO, FOLLOW_UP_KINDS } from '../domain/programme.ts';
import { Email, Line, Sek, Year } from './common.ts';
import './locale.ts';

/** Reports each repeated entry at its index (zod runs it once the entries themselves parse). */
const unique =
  <T>(key: (item: T) => unknown, message: string) =>
  (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      if (seen.has(key(item))) ctx.addIssue({ code: 'custom', message, path: [index] });
      seen.add(key(item));
    });
  };

const Offset = z
  .string()
  .check(z.regex(/^P\d{1,3}[DWMY]$/, 'Ange en ISO 8601-period i dagar, veckor, månader eller år, t.ex. P3M'));

export const FollowUpRuleSchema = z.strictObject({
  kind: z.enum(FOLLOW_UP_KINDS),
  appliesTo: z.enum(APPLIES_TO),
  anchor: z.enum(ACTIVITY_TYPES),
  offset: Offset,
});

/** `{ "rounds": ["P0D", "P6M"] }`: KUR 1's two participant surveys, after the end and six months later. */
export const SurveySettingsSchema = z.strictObject({
  rounds: z
    .array(Offset)
    .check(z.minLength(1), z.maxLength(2), z.superRefine(unique((r) => r, 'Omgången finns redan'))),
});

export const ProgrammeBody = z
  .strictObject({
    name: Line(200, 'Skriv programmets namn'),
    years: z
      .array(z.strictObject({ year: Year, appropriation: Sek }))
      .check(z.minLength(1), z.maxLength(20), z.superRefine(unique((y) => y.year, 'Året finns redan'))),
    maxGrantPerArea: Sek,
    activityTypes: z
      .array(z.enum(ACTIVITY_TYPES))
      .check(z.minLength(1), z.superRefine(unique((t) => t, 'Aktivitetstypen finns redan'))),
    managementEmails: z.array(Email).check(z.minLength(1), z.maxLength(20)),
    followUpRules: z.optional(z.array(FollowUpRuleSchema).check(z.maxLength(20))),
    reminderOffsetsDays: z.optional(
      z
        .array(z.int().check(z.minimum(-365), z.maximum(365)))
        .check(z.minLength(1), z.maxLength(10), z.superRefine(unique((d) => d, 'Dagen finns redan'))),
    ),
    /** Days after the latest planned end to report completion (default 30). */
    completionReportDays: z.optional(z.int().check(z.minimum(0), z.maximum(365))),
    /** Days a returned follow-up gets to be handed in again (default 14). */
    resubmissionDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
    /** Applications must state 1–5 measurable goals to be submitted. */
    requiresGoals: z.optional(z.boolean()),
    surveys: z.optional(SurveySettingsSchema),
    /** The area manager and each partner confirm an application by e-mailed link before head office sees it. */
    requiresConfirmation: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((programme, ctx) => {
      programme.followUpRules?.forEach((rule, index) => {
        if (!programme.activityTypes.includes(rule.anchor)) {
          ctx.addIssue({
            code: 'custom',
            path: ['followUpRules', index, 'anchor'],
            message: 'Uppföljningen räknas från en aktivitetstyp som programmet inte erbjuder',
          });
        }
      });
      // Each survey round is a participantSurvey obligation: the programme's rules must make it.
      programme.surveys?.rounds.forEach((offset, index) => {
        const made = programme.followUpRules?.some(
          (rule) =>
            rule.kind === 'participantSurvey' && rule.anchor === 'knowledge' && rule.offset === offset,
        );
        if (!made) {
          ctx.addIssue({
            code: 'custom',
            path: ['surveys', 'rounds', index],
            message: `Lägg till en uppföljningsregel för deltagarenkät med offset ${offset} från kunskapssatsningen`,
          });
        }
      });
    }),
  );

export type ProgrammeBody = z.infer<typeof ProgrammeBody>;
