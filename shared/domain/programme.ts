import type { SurveySettings } from './surveys.ts';

/** Programmes (KUR rounds) are data: years and money, activity types, follow-up and reminder rules. */

export const ACTIVITY_TYPES = ['knowledge', 'collaborationPlan'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const FOLLOW_UP_KINDS = [
  'collaborationPlan',
  'sixMonthFollowUp',
  'competencePlan',
  'developmentPlan',
  'participantSurvey',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Which applications a follow-up rule applies to, by the activity types they were approved for. */
export const APPLIES_TO = ['any', 'knowledgeOnly', 'withCollaborationPlan'] as const;
export type AppliesTo = (typeof APPLIES_TO)[number];

export interface FollowUpRule {
  kind: FollowUpKind;
  appliesTo: AppliesTo;
  /** The activity whose `endedOn` the offset counts from. */
  anchor: ActivityType;
  /** ISO-8601 duration in days, weeks, months or years: `P0D`, `P6W`, `P3M`, `P6M`. */
  offset: string;
}

export interface ProgrammeYear {
  year: number;
  /** SEK. */
  appropriation: number;
}

export interface ProgrammeSpec {
  name: string;
  years: ProgrammeYear[];
  maxGrantPerArea: number;
  activityTypes: ActivityType[];
  managementEmails: string[];
  followUpRules: FollowUpRule[];
  reminderOffsetsDays: number[];
  /** Days after the latest planned end by which completion is to be reported. */
  completionReportDays: number;
  /** Days a returned follow-up gets to be handed in again. */
  resubmissionDays: number;
  /** Applications must state measurable goals to be submitted (shared/domain/goals.ts). */
  requiresGoals?: boolean;
  /** Participant surveys of the knowledge activities (shared/domain/surveys.ts); absent: none. */
  surveys?: SurveySettings;
  /** The area manager and every partner confirm an application before head office sees it (shared/domain/confirmations.ts). */
  requiresConfirmation?: boolean;
}

export interface Programme extends ProgrammeSpec {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** KUR 2's follow-up rules (DOMAIN.md; seed 000, slide 14): used when a programme names none. */
export const KUR2_FOLLOW_UP_RULES: readonly FollowUpRule[] = [
  {
    kind: 'collaborationPlan',
    appliesTo: 'withCollaborationPlan',
    anchor: 'collaborationPlan',
    offset: 'P0D',
  },
  {
    kind: 'sixMonthFollowUp',
    appliesTo: 'withCollaborationPlan',
    anchor: 'collaborationPlan',
    offset: 'P6M',
  },
  { kind: 'competencePlan', appliesTo: 'knowledgeOnly', anchor: 'knowledge', offset: 'P3M' },
];

/** Days relative to the due date: coming up, due today, overdue, second escalation. */
export const DEFAULT_REMINDER_OFFSETS_DAYS: readonly number[] = [-14, 0, 7, 30];

export const DEFAULT_COMPLETION_REPORT_DAYS = 30;
export const DEFAULT_RESUBMISSION_DAYS = 14;

/** What a programme body may leave out. */
type Defaulted = 'followUpRules' | 'reminderOffsetsDays' | 'completionReportDays' | 'resubmissionDays';

/** Fills what the body may omit, so a stored programme always states the rules it runs by. */
export const withDefaults = (
  spec: Omit<ProgrammeSpec, Defaulted> & Partial<Pick<ProgrammeSpec, Defaulted>>,
): ProgrammeSpec => ({
  ...spec,
  completionReportDays: spec.completionReportDays ?? DEFAULT_COMPLETION_REPORT_DAYS,
  resubmissionDays: spec.resubmissionDays ?? DEFAULT_RESUBMISSION_DAYS,
  years: [...spec.years].sort((a, b) => a.year - b.year),
  followUpRules: spec.followUpRules ?? KUR2_FOLLOW_UP_RULES.map((rule) => ({ ...rule })),
  reminderOffsetsDays: [...(spec.reminderOffsetsDays ?? DEFAULT_REMINDER_OFFSETS_DAYS)].sort((a, b) => a - b),
});

/** A programme stored before these fields existed runs by their defaults. */
export const completionReportDaysOf = (programme: Partial<Pick<ProgrammeSpec, 'completionReportDays'>>) =>
  programme.completionReportDays ?? DEFAULT_COMPLETION_REPORT_DAYS;
export const resubmissionDaysOf = (programme: Partial<Pick<ProgrammeSpec, 'resubmissionDays'>>) =>
  programme.resubmissionDays ?? DEFAULT_RESUBMISSION_DAYS;
