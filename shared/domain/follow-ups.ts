import { addDuration, daysBetween, type IsoDate } from './dates.ts';
import type { FollowUpDocument } from './documents.ts';
import type { Goal, GoalOutcome } from './goals.ts';
import type { ActivityType, FollowUpKind, FollowUpRule, Programme } from './programme.ts';
import { firstRound, nextRound, type ReminderBookkeeping } from './reminders.ts';

export const FOLLOW_UP_STATUSES = ['pending', 'submitted', 'accepted', 'waived'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Whose end dates an obligation's due date counts from: the planned ones until completion. */
export const FOLLOW_UP_ANCHORS = ['planned', 'actual'] as const;
export type FollowUpAnchor = (typeof FOLLOW_UP_ANCHORS)[number];

/** What an area handed in, one entry per submission (a returned obligation is handed in again). */
export interface FollowUpSubmission {
  submittedOn: IsoDate;
  submittedBy: string;
  summary: string;
  documentIds?: string[];
  documentUrl?: string;
  goalOutcomes?: GoalOutcome[];
}

/** Head office's verdict on what came in. */
export interface FollowUpReview {
  outcome: 'accepted' | 'returned';
  comment?: string;
  reviewedOn: IsoDate;
  reviewedBy: string;
}

/** An area's request to move the due date. */
export interface DeferralRequest {
  dueOn: IsoDate;
  reason: string;
  requestedOn: IsoDate;
  requestedBy: string;
}

/** A deferral request as head office answered it. */
export interface Deferral extends DeferralRequest {
  outcome: 'approved' | 'rejected';
  comment?: string;
  decidedOn: IsoDate;
  decidedBy: string;
  /** The due date the request asked to move. */
  previousDueOn: IsoDate;
}

/**
 * A document an area owes (plan, follow-up, survey…), as stored: known from the approval, due from
 * the planned end of its rule's anchor activity, moved to the real end by the completion. Besides
 * the resource it carries the reminder bookkeeping, which never leaves the server.
 */
export interface FollowUp extends ReminderBookkeeping {
  id: string;
  applicationId: string;
  applicationTitle: string;
  programmeId: string;
  areaId: string;
  kind: FollowUpKind;
  /**
   * The programme rule that made it: re-anchoring recomputes the due date from it. Absent on
   * obligations stored before they were made at approval (made at completion, never moved).
   */
  rule?: FollowUpRule;
  /** The agreed due date; lateness is measured against it. */
  dueOn: IsoDate;
  /** The first due date on the actual dates (an approved deferral moves `dueOn`, never this). */
  originalDueOn: IsoDate;
  anchor: FollowUpAnchor;
  status: FollowUpStatus;
  /** The date of the latest submission. */
  submittedOn?: IsoDate;
  summary?: string;
  documentUrl?: string;
  /** What the latest hand-in said of each of the application's goals. */
  goalOutcomes?: GoalOutcome[];
  waivedOn?: IsoDate;
  waiverReason?: string;
  submissions: FollowUpSubmission[];
  /** Every review, oldest first; the answer's `review` is the latest. */
  reviews: FollowUpReview[];
  deferralRequest?: DeferralRequest;
  deferrals: Deferral[];
  /** After a return: the date to hand in again (reminders count from it; lateness does not). */
  resubmitBy?: IsoDate;
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * Copies of what the application is, so that the reminder job and the follow-up-status report
   * read them with the obligation instead of reading the whole application (issue 16). An approved
   * application's title and goals never change (only a draft or a returned application is
   * edited), its status changes once more, to `completed`, in the completion's transaction, which
   * writes every obligation of the application (shared/usecases/applications.ts). Absent on
   * obligations stored before they were kept: readers fall back to the application for those.
   * Never in the API's answer (its own `applicationTitle` is).
   */
  applicationStatus?: 'approved' | 'completed';
  applicationGoals?: Goal[];
}

/** What of the application an obligation carries besides its title (server-side only). */
type ApplicationCopies = 'applicationStatus' | 'applicationGoals';

/** The obligation as the API answers it: lateness as of today, its documents, no bookkeeping. */
export type FollowUpView = Omit<FollowUp, keyof ReminderBookkeeping | 'rule' | ApplicationCopies> & {
  daysLate: number;
  documents: FollowUpDocument[];
  review?: FollowUpReview;
};

export interface CompletedActivity {
  type: ActivityType;
  endedOn: IsoDate;
  participants?: number;
}

const applies = (rule: FollowUpRule, types: ReadonlySet<ActivityType>): boolean => {
  switch (rule.appliesTo) {
    case 'any':
      return true;
    case 'knowledgeOnly':
      return types.has('knowledge') && !types.has('collaborationPlan');
    case 'withCollaborationPlan':
      return types.has('collaborationPlan');
  }
};

/**
 * The obligations an application owes for activities ending on the given dates (planned or
 * actual): one per programme rule that applies to its activity mix, due `offset` after the end of
 * the rule's anchor activity, with the rule that made it.
 */
export const dueDatesFor = (
  ended: readonly { type: ActivityType; endedOn: IsoDate }[],
  rules: readonly FollowUpRule[],
): { rule: FollowUpRule; dueOn: IsoDate }[] => {
  const types = new Set(ended.map((a) => a.type));
  return rules.flatMap((rule) => {
    const anchor = ended.find((a) => a.type === rule.anchor);
    if (!anchor || !applies(rule, types)) return [];
    return [{ rule: { ...rule }, dueOn: addDuration(anchor.endedOn, rule.offset) }];
  });
};

/** The obligations an application owes once its activities have ended (kind and due date). */
export const obligationsFor = (
  ended: readonly CompletedActivity[],
  programme: Programme,
): { kind: FollowUpKind; dueOn: IsoDate }[] =>
  dueDatesFor(ended, programme.followUpRules).map(({ rule, dueOn }) => ({ kind: rule.kind, dueOn }));

/** The same rule: two obligations may share a kind (KUR 1's survey rounds), never a rule. */
export const sameRule = (a: FollowUpRule, b: FollowUpRule): boolean =>
  a.kind === b.kind && a.anchor === b.anchor && a.offset === b.offset;

/**
 * What an obligation carries of its application as of now: its status (only an approved or a
 * completed application has obligations) and its goals.
 */
export const applicationCopies = (application: {
  status: string;
  goals?: readonly Goal[] | undefined;
}): Pick<FollowUp, ApplicationCopies> => ({
  ...(application.status === 'approved' || application.status === 'completed'
    ? { applicationStatus: application.status }
    : {}),
  applicationGoals: [...(application.goals ?? [])],
});

/** A new pending obligation, due on `dueOn` from `anchor` ends, reminded from its due date. */
export const newFollowUp = (fields: {
  id: string;
  application: {
    id: string;
    title?: string | undefined;
    programmeId: string;
    areaId: string;
    status: string;
    goals?: readonly Goal[] | undefined;
  };
  rule: FollowUpRule;
  dueOn: IsoDate;
  anchor: FollowUpAnchor;
  reminderOffsetsDays: readonly number[];
  now: Date;
}): FollowUp => ({
  id: fields.id,
  applicationId: fields.application.id,
  applicationTitle: fields.application.title ?? '',
  ...applicationCopies(fields.application),
  programmeId: fields.application.programmeId,
  areaId: fields.application.areaId,
  kind: fields.rule.kind,
  rule: fields.rule,
  dueOn: fields.dueOn,
  originalDueOn: fields.dueOn,
  anchor: fields.anchor,
  status: 'pending',
  submissions: [],
  reviews: [],
  deferrals: [],
  version: 1,
  createdAt: fields.now.toISOString(),
  updatedAt: fields.now.toISOString(),
  ...firstRound(fields.dueOn, fields.reminderOffsetsDays),
});

/**
 * Moves an obligation onto the real end dates (completion): the due date is recomputed from its
 * rule and the anchor activity's `endedOn`, and becomes the original one too. Steps already sent
 * stay sent; the first round counts from the new date (a later round keeps counting from its own
 * date). An approved deferral is an agreed date and stands. Without its rule, or without an end
 * for its anchor, it stays where it is.
 */
export const reanchor = (
  followUp: FollowUp,
  endedOn: Partial<Record<ActivityType, IsoDate>>,
  now: Date,
): FollowUp => {
  const ended = followUp.rule ? endedOn[followUp.rule.anchor] : undefined;
  if (!followUp.rule || ended === undefined) return followUp;
  const deferred = followUp.deferrals.some((d) => d.outcome === 'approved');
  const dueOn = deferred ? followUp.dueOn : addDuration(ended, followUp.rule.offset);
  return {
    ...followUp,
    anchor: 'actual',
    dueOn,
    originalDueOn: deferred ? followUp.originalDueOn : dueOn,
    reminderFrom: followUp.reminderRound === 1 ? dueOn : followUp.reminderFrom,
    version: followUp.version + 1,
    updatedAt: now.toISOString(),
  };
};

/**
 * A new round of reminders counting from `from` (after a return: `resubmitBy`; after an approved
 * deferral: the new `dueOn`). Steps of earlier rounds are never recorded after this.
 */
export const startRound = (followUp: FollowUp, from: IsoDate): FollowUp => nextRound(followUp, from);

/**
 * Reads an obligation as stored, whatever its age: those stored before the follow-up cycle lack
 * the later fields (they were made at completion, on the actual dates, in round 1).
 */
export const withFollowUpDefaults = (
  stored: Partial<FollowUp> & Omit<FollowUp, keyof Defaults>,
): FollowUp => ({
  ...stored,
  applicationTitle: stored.applicationTitle ?? '',
  originalDueOn: stored.originalDueOn ?? stored.dueOn,
  anchor: stored.anchor ?? 'actual',
  submissions: stored.submissions ?? [],
  reviews: stored.reviews ?? [],
  deferrals: stored.deferrals ?? [],
  reminderRound: stored.reminderRound ?? 1,
  reminderFrom: stored.reminderFrom ?? stored.dueOn,
  remindersSent: stored.remindersSent ?? [],
});

type Defaults = Pick<
  FollowUp,
  | 'applicationTitle'
  | 'originalDueOn'
  | 'anchor'
  | 'submissions'
  | 'reviews'
  | 'deferrals'
  | 'reminderRound'
  | 'reminderFrom'
  | 'remindersSent'
>;

/**
 * Days late as of `today` (as in the follow-up-status report): handed in (submitted or accepted)
 * after `dueOn` → days from `dueOn` to the latest submission; still pending with `dueOn` before
 * today → days to today; else 0. Always against `dueOn`: a return's `resubmitBy` never moves it.
 */
export const daysLate = (
  followUp: Pick<FollowUp, 'status' | 'dueOn' | 'submittedOn'>,
  today: IsoDate,
): number => {
  if ((followUp.status === 'submitted' || followUp.status === 'accepted') && followUp.submittedOn)
    return Math.max(0, daysBetween(followUp.dueOn, followUp.submittedOn));
  if (followUp.status === 'pending' && followUp.dueOn < today) return daysBetween(followUp.dueOn, today);
  return 0;
};

/** The answer: the resource without the bookkeeping, with its lateness today and its documents. */
export const followUpView = (
  followUp: FollowUp,
  today: IsoDate,
  documents: readonly FollowUpDocument[] = [],
): FollowUpView => {
  const {
    reminderOffsetsDays: _offsets,
    reminderRound: _round,
    reminderFrom: _from,
    remindersSent: _sent,
    rule: _rule,
    applicationStatus: _status,
    applicationGoals: _goals,
    ...resource
  } = followUp;
  const review = followUp.reviews.at(-1);
  return {
    ...resource,
    daysLate: daysLate(followUp, today),
    documents: [...documents],
    ...(review ? { review } : {}),
  };
};

export const isPending = (followUp: Pick<FollowUp, 'status'>): boolean => followUp.status === 'pending';
