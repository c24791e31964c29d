import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  OverviewApplication,
  OverviewCompletion,
  OverviewFollowUp,
} from '../../shared/domain/responses.ts';
import type { Caller } from '../../shared/domain/roles.ts';
import type { OverviewStore } from '../../shared/ports.ts';
import { makeOverview } from '../../shared/usecases/overview.ts';

/**
 * The start page's lists, oldest first, on a small in-memory store. They are sorted by ISO dates
 * and timestamps, which order by their characters: no `localeCompare`, whose first call in a process
 * loads ICU's collator (~8 ms of a cold start, for keys that need no collation).
 */

const coordinator: Caller = {
  sub: 'coordinator-karlstad',
  email: 'samverkan.karlstad@forsakringskassan.se',
  roles: ['coordinator'],
  areaId: 'karlstad',
};

const application = (
  id: string,
  times: { submittedAt?: string; createdAt: string },
): OverviewApplication => ({
  id,
  programmeId: 'kur2',
  areaId: 'karlstad',
  status: 'submitted',
  ...times,
});
const followUp = (id: string, dueOn: string): OverviewFollowUp => ({
  id,
  applicationId: `app-${id}`,
  programmeId: 'kur2',
  areaId: 'karlstad',
  kind: 'collaborationPlan',
  dueOn,
  status: 'pending',
});
const completion = (applicationId: string, dueOn: string): OverviewCompletion => ({
  applicationId,
  programmeId: 'kur2',
  areaId: 'karlstad',
  dueOn,
});

const store: OverviewStore = {
  applicationsInStatus: async (status) =>
    status === 'submitted'
      ? [
          application('later', {
            submittedAt: '2014-06-10T08:00:00.000Z',
            createdAt: '2014-01-01T00:00:00.000Z',
          }),
          application('draft-handed-in-first', { createdAt: '2014-06-02T09:30:00.000Z' }),
          application('earlier', {
            submittedAt: '2014-06-02T10:00:00.000Z',
            createdAt: '2014-05-01T00:00:00.000Z',
          }),
        ]
      : [],
  followUps: async (_status, _areaId, due) =>
    due?.from ? [followUp('plan-b', '2014-08-01'), followUp('plan-a', '2014-07-15')] : [],
  openDeferralRequests: async () => [],
  pendingCompletionReports: async (_areaId, due) => (due?.from ? [completion('report', '2014-07-20')] : []),
};

const overview = makeOverview({
  overview: store,
  clock: { now: () => new Date('2014-07-01T10:00:00Z'), today: () => '2014-07-01' },
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the start page’s lists', () => {
  it('lists what awaits a decision by when it was handed in, and what falls due by its date, oldest first', async () => {
    const page = await overview.forCaller(coordinator);
    expect(page.awaitingDecision.items.map((a) => a.id)).toEqual([
      'draft-handed-in-first',
      'earlier',
      'later',
    ]);
    expect(page.upcoming?.items.map((u) => u.dueOn)).toEqual(['2014-07-15', '2014-07-20', '2014-08-01']);
  });

  it('sorts without localeCompare, so that a cold start does not load ICU’s collator for ISO dates', async () => {
    const localeCompare = vi.spyOn(String.prototype, 'localeCompare');
    await overview.forCaller(coordinator);
    expect(localeCompare).not.toHaveBeenCalled();
  });
});
