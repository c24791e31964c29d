import { compareAscii } from '../domain/compare-ascii.ts';
import { addDays, daysBetween } from '../domain/dates.ts';
import type { Overview } from '../domain/responses.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { Clock, OverviewStore } from '../ports.ts';

export interface OverviewPorts {
  overview: OverviewStore;
  clock: Clock;
}

/** At most this many items per list; `count` says how many there are. */
export const OVERVIEW_ITEMS = 20;
/** A coordinator's "upcoming": what falls due within this many days. */
export const UPCOMING_DAYS = 60;

const section = <T>(items: readonly T[]) => ({ count: items.length, items: items.slice(0, OVERVIEW_ITEMS) });

/**
 * GET /overview: what waits for head office (decisions, reviews, deferral answers) and what is
 * late (documents, completion reports), oldest first — across areas for an administrator, for
 * their own area for a coordinator, who also sees what falls due in the next 60 days.
 */
export const makeOverview = ({ overview, clock }: OverviewPorts) => ({
  forCaller: async (caller: Caller): Promise<Overview> => {
    const today = clock.today();
    const areaId = isAdmin(caller) ? undefined : caller.areaId;
    const late = <T extends { dueOn: string }>(items: T[]) =>
      items.map((item) => ({ ...item, daysLate: Math.max(0, daysBetween(item.dueOn, today)) }));
    const [decisions, reviews, requests, overdue, completions, unconfirmed] = await Promise.all([
      overview.applicationsInStatus('submitted', areaId),
      overview.followUps('submitted', areaId),
      overview.openDeferralRequests(areaId),
      overview.followUps('pending', areaId, { before: today }),
      overview.pendingCompletionReports(areaId, { before: today }),
      overview.applicationsInStatus('awaiting-confirmation', areaId),
    ]);
    // Oldest first: by when they were handed in, or by the date they were due.
    const byHandedIn = <T extends { submittedAt?: string; createdAt: string }>(items: T[]) =>
      [...items].sort((a, b) => compareAscii(a.submittedAt ?? a.createdAt, b.submittedAt ?? b.createdAt));
    const result = {
      awaitingDecision: section(byHandedIn(decisions)),
      awaitingReview: section(reviews),
      deferralRequests: section(requests),
      overdueFollowUps: section(late(overdue)),
      overdueCompletionReports: section(late(completions)),
      // Sent in, but the area manager or a partner has not confirmed yet (oldest first).
      awaitingConfirmation: section(byHandedIn(unconfirmed)),
    };
    if (!areaId) return result;
    const horizon = { from: today, to: addDays(today, UPCOMING_DAYS) };
    const [documents, reports] = await Promise.all([
      overview.followUps('pending', areaId, horizon),
      overview.pendingCompletionReports(areaId, horizon),
    ]);
    const upcoming = [
      ...documents.map((f) => ({ type: 'followUp' as const, ...f })),
      ...reports.map((c) => ({ type: 'completionReport' as const, ...c })),
    ].sort((a, b) => compareAscii(a.dueOn, b.dueOn));
    return { ...result, upcoming: section(upcoming) };
  },
});

export type OverviewUseCase = ReturnType<typeof makeOverview>;
