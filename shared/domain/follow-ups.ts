import { addDuration, type IsoDate } from './dates.ts';
import type { ActivityType, FollowUpKind, FollowUpRule, Programme } from './programme.ts';

export const FOLLOW_UP_STATUSES = ['pending', 'submitted', 'waived'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A document an area owes after its activities end (plan, follow-up, survey…). */
export interface FollowUp {
  id: string;
  applicationId: string;
  programmeId: string;
  areaId: string;
  kind: FollowUpKind;
  dueOn: IsoDate;
  status: FollowUpStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedOn?: IsoDate;
  summary?: string;
  documentUrl?: string;
  waivedOn?: IsoDate;
  waiverReason?: string;
  /** Reminder steps (days relative to `dueOn`) already sent. */
  remindersSent: number[];
}

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
 * The obligations an application owes once its activities have ended: one per programme rule that
 * applies to its activity mix, due `offset` after the end of the rule's anchor activity.
 */
export const obligationsFor = (
  ended: readonly CompletedActivity[],
  programme: Programme,
): { kind: FollowUpKind; dueOn: IsoDate }[] => {
  const types = new Set(ended.map((a) => a.type));
  return programme.followUpRules.flatMap((rule) => {
    const anchor = ended.find((a) => a.type === rule.anchor);
    if (!anchor || !applies(rule, types)) return [];
    return [{ kind: rule.kind, dueOn: addDuration(anchor.endedOn, rule.offset) }];
  });
};

export const isPending = (followUp: Pick<FollowUp, 'status'>): boolean => followUp.status === 'pending';
