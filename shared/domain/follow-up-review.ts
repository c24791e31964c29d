import { addDays, type IsoDate } from './dates.ts';
import { InvalidTransition, RuleViolation } from './errors.ts';
import { type FollowUp, startRound } from './follow-ups.ts';

/**
 * Head office's review of what an area handed in, and the area's request to hand in later — the
 * transitions as pure functions of the obligation as stored, today and who acts. Each answers the
 * obligation as changed (version and `updatedAt` are the use case's), or throws the rule it breaks.
 */

export interface Acting {
  today: IsoDate;
  /** The actor's work e-mail (or sub), recorded with the change. */
  by: string;
}

/**
 * Accepted: the obligation is done. Returned: it is pending again, to be handed in by
 * `resubmitBy` (today + the programme's `resubmissionDays`); reminders start a new round counted
 * from that day, while lateness stays measured against the agreed `dueOn`.
 */
export const review = (
  followUp: FollowUp,
  input: { outcome: 'accepted' | 'returned'; comment?: string | undefined },
  { today, by, resubmissionDays }: Acting & { resubmissionDays: number },
): FollowUp => {
  if (followUp.status !== 'submitted') {
    throw new InvalidTransition('Bara en inlämnad uppföljning kan granskas.');
  }
  const reviewed = {
    ...followUp,
    reviews: [
      ...followUp.reviews,
      {
        outcome: input.outcome,
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
        reviewedOn: today,
        reviewedBy: by,
      },
    ],
  };
  if (input.outcome === 'accepted') return { ...reviewed, status: 'accepted' };
  const resubmitBy = addDays(today, resubmissionDays);
  return startRound({ ...reviewed, status: 'pending', resubmitBy }, resubmitBy);
};

/** The coordinator asks to move the due date: later than the one that stands, one request at a time. */
export const requestDeferral = (
  followUp: FollowUp,
  input: { dueOn: IsoDate; reason: string },
  { today, by }: Acting,
): FollowUp => {
  if (followUp.status !== 'pending') {
    throw new InvalidTransition('Bara en uppföljning som inte är inlämnad kan få en ny sista dag.');
  }
  if (followUp.deferralRequest) {
    throw new InvalidTransition('Det finns redan en begäran om ny sista dag som väntar på svar.');
  }
  if (input.dueOn <= followUp.dueOn) {
    throw new RuleViolation([
      {
        rule: 'deferral-not-later',
        message: `Den nya sista dagen måste vara efter ${followUp.dueOn}.`,
        paths: ['dueOn'],
      },
    ]);
  }
  return {
    ...followUp,
    deferralRequest: { dueOn: input.dueOn, reason: input.reason, requestedOn: today, requestedBy: by },
  };
};

/**
 * Head office answers the open request. Approved: `dueOn` moves (`originalDueOn` keeps the first)
 * and reminders start a new round from the new date. Either way the answer joins `deferrals`.
 */
export const decideDeferral = (
  followUp: FollowUp,
  input: { outcome: 'approved' | 'rejected'; comment?: string | undefined },
  { today, by }: Acting,
): FollowUp => {
  const request = followUp.deferralRequest;
  if (!request) throw new InvalidTransition('Det finns ingen begäran om ny sista dag att svara på.');
  const { deferralRequest: _answered, ...rest } = followUp;
  const decided: FollowUp = {
    ...rest,
    deferrals: [
      ...followUp.deferrals,
      {
        ...request,
        outcome: input.outcome,
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
        decidedOn: today,
        decidedBy: by,
        previousDueOn: followUp.dueOn,
      },
    ],
  };
  if (input.outcome === 'rejected') return decided;
  // A pending obligation counts from its new date; one returned for completion keeps its resubmit round.
  const moved = { ...decided, dueOn: request.dueOn };
  return followUp.status === 'pending' && followUp.resubmitBy === undefined
    ? startRound(moved, request.dueOn)
    : moved;
};
