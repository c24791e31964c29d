import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as getOverview } from '../../functions/overview/get.ts';
import { handler as runReport } from '../../functions/reports/run.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke, type TestCaller } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';

/**
 * GET /overview, head office's and an area's start page: what waits for a decision, a review or a
 * deferral answer, and what is late, oldest first; each list agrees with the lists it summarises.
 * This file's table holds only its own data, so head office's counts are exact.
 */

const at = (date: string) => fixClock(new Date(`${date}T09:00:00+02:00`));
afterEach(() => fixClock(undefined));

const overviewOf = async (caller: TestCaller) => {
  const answer = await invoke(getOverview, routes.overview, { caller });
  expect(answer.status).toBe(200);
  return answer.body;
};

const ids = (section: { items: { id?: string; followUpId?: string; applicationId?: string }[] }) =>
  section.items.map((item) => item.id ?? item.followUpId ?? item.applicationId);

let north: string;
let south: string;
let submittedNorth: string;
let approvedSouth: string;
let planSouth: string;
let sixMonthSouth: string;

beforeAll(async () => {
  await api.putProgramme('kur2', kur2Programme());
  north = 'overview-north';
  south = 'overview-south';
  await api.putArea(north, areaBodyFor(north));
  await api.putArea(south, areaBodyFor(south));
  at('2014-06-01');
  // North: one application waiting for a decision, and one draft (waits for nobody).
  const waiting = await api.create(coordinatorOf(north), applicationBody({ title: 'Väntar på beslut' }));
  await api.submit(coordinatorOf(north), waiting.body.id);
  submittedNorth = waiting.body.id;
  await api.create(coordinatorOf(north), applicationBody({ title: 'Utkast' }));
  // South: approved; its plan is due 2015-05-31, the six-month follow-up 2015-11-30, completion 2015-06-30.
  at('2014-06-02');
  const approved = await api.create(coordinatorOf(south), applicationBody({ title: 'Beviljad i söder' }));
  await api.submit(coordinatorOf(south), approved.body.id);
  await api.decide(admin, approved.body.id, {
    outcome: 'approved',
    grantedByYear: { '2014': 120_000, '2015': 180_000 },
  });
  approvedSouth = approved.body.id;
  const owed = (await followUpApi.list(coordinatorOf(south))).body.items as { id: string; kind: string }[];
  planSouth = owed.find((f) => f.kind === 'collaborationPlan')?.id ?? '';
  sixMonthSouth = owed.find((f) => f.kind === 'sixMonthFollowUp')?.id ?? '';
});

describe('the start page', () => {
  it('shows head office what waits for a decision, and an area what it owes next', async () => {
    at('2015-04-15');
    const office = await overviewOf(admin);
    expect(office.awaitingDecision).toEqual({
      count: 1,
      items: [expect.objectContaining({ id: submittedNorth, title: 'Väntar på beslut', areaId: north })],
    });
    expect(office.overdueFollowUps.count).toBe(0);
    expect(office).not.toHaveProperty('upcoming');

    const area = await overviewOf(coordinatorOf(south));
    expect(area.awaitingDecision.count).toBe(0);
    // Within 60 days of 2015-04-15: the plan (2015-05-31); the completion report (2015-06-30) is beyond.
    expect(area.upcoming.items).toEqual([
      expect.objectContaining({ type: 'followUp', id: planSouth, dueOn: '2015-05-31' }),
    ]);
    // Another area's coordinator sees nothing of south's.
    expect((await overviewOf(coordinatorOf(north))).upcoming.items).toEqual([]);
  });

  it('lists what is late, oldest first, with days late, the same as the follow-up list says', async () => {
    at('2015-07-10');
    const office = await overviewOf(admin);
    expect(office.overdueFollowUps.items).toEqual([
      expect.objectContaining({
        id: planSouth,
        dueOn: '2015-05-31',
        daysLate: 40,
        applicationTitle: 'Beviljad i söder',
      }),
    ]);
    const listed = await followUpApi.list(admin, { status: 'pending', dueBefore: '2015-07-10' });
    expect(ids(office.overdueFollowUps)).toEqual(listed.body.items.map((f: { id: string }) => f.id));
    expect(office.overdueCompletionReports).toEqual({
      count: 1,
      items: [expect.objectContaining({ applicationId: approvedSouth, dueOn: '2015-06-30', daysLate: 10 })],
    });
    const area = await overviewOf(coordinatorOf(south));
    expect(ids(area.overdueFollowUps)).toEqual([planSouth]);
    expect(ids(area.overdueCompletionReports)).toEqual([approvedSouth]);
  });

  it('moves an obligation from late to awaiting review when it is handed in, and a deferral request to head office', async () => {
    at('2015-07-11');
    await followUpApi.submit(coordinatorOf(south), planSouth, { summary: 'Planen.' });
    await followUpApi.requestDeferral(coordinatorOf(south), sixMonthSouth, {
      dueOn: '2016-01-31',
      reason: 'Uppföljningen görs i januari.',
    });
    const office = await overviewOf(admin);
    expect(ids(office.overdueFollowUps)).toEqual([]);
    expect(ids(office.awaitingReview)).toEqual([planSouth]);
    expect(office.deferralRequests.items).toEqual([
      expect.objectContaining({
        followUpId: sixMonthSouth,
        requestedDueOn: '2016-01-31',
        requestedOn: '2015-07-11',
      }),
    ]);
    expect(ids((await overviewOf(coordinatorOf(south))).deferralRequests)).toEqual([sixMonthSouth]);

    // Answered, the request leaves the list; reviewed, so does the submission.
    await followUpApi.decideDeferral(admin, sixMonthSouth, { outcome: 'approved' });
    await followUpApi.review(admin, planSouth, { outcome: 'accepted' });
    const after = await overviewOf(admin);
    expect(after.deferralRequests.count).toBe(0);
    expect(after.awaitingReview.count).toBe(0);
  });

  it("agrees with the follow-up list and the follow-up-status report on every obligation's status and days late", async () => {
    at('2015-12-15');
    const office = await overviewOf(admin);
    const listed = (await followUpApi.list(admin, { programmeId: 'kur2' })).body.items as {
      id: string;
      status: string;
      daysLate: number;
    }[];
    const report = await invoke(runReport, routes.runReport, {
      caller: admin,
      body: { type: 'follow-up-status', programmeId: 'kur2', asOf: '2015-12-15' },
    });
    expect(report.status).toBe(200);
    const rows = report.body.rows as { followUpId: string; status: string; daysLate: number }[];
    expect(rows.map((r) => r.followUpId).sort()).toEqual(listed.map((f) => f.id).sort());
    for (const followUp of listed) {
      const row = rows.find((r) => r.followUpId === followUp.id);
      expect(row, followUp.id).toMatchObject({ status: followUp.status, daysLate: followUp.daysLate });
    }
    const overdue = listed.filter((f) => f.status === 'pending' && f.daysLate > 0).map((f) => f.id);
    expect(ids(office.overdueFollowUps).sort()).toEqual(overdue.sort());
    expect(report.body.counts.overdue).toBe(overdue.length);
  });

  it('drops a completion report from the late list once completion is reported', async () => {
    at('2015-07-12');
    const done = await followUpApi.complete(coordinatorOf(south), approvedSouth, {
      activities: [
        { type: 'knowledge', endedOn: '2015-03-31' },
        { type: 'collaborationPlan', endedOn: '2015-05-31' },
      ],
      costs: [{ year: 2015, category: 'lecturer', amount: 100_000 }],
    });
    expect(done.status).toBe(200);
    expect((await overviewOf(admin)).overdueCompletionReports.count).toBe(0);
  });
});
