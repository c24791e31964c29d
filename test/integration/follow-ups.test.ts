import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';

const karlstad = coordinatorOf('karlstad');
const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));
afterEach(() => fixClock(undefined));

beforeAll(async () => {
  at('2014-06-01');
  // A cap high enough for the many applications this file approves for one area.
  await api.putProgramme('kur2', kur2Programme({ maxGrantPerArea: 10_000_000 }));
  await api.putArea('karlstad');
  await api.putArea('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));
});

/** An approved KUR 2 application of Karlstad (both activities unless told otherwise). */
const approved = async (body = applicationBody()) => {
  at('2014-06-01');
  const created = await api.create(karlstad, body);
  expect((await api.submit(karlstad, created.body.id)).status).toBe(200);
  const granted: Record<string, number> = {};
  for (const line of body.budget ?? [])
    granted[String(line.year)] = (granted[String(line.year)] ?? 0) + line.amount;
  const decided = await api.decide(admin, created.body.id, { outcome: 'approved', grantedByYear: granted });
  expect(decided.status).toBe(200);
  return created.body.id as string;
};

const bothEnded = {
  activities: [
    { type: 'knowledge', endedOn: '2015-03-31', participants: 120 },
    { type: 'collaborationPlan', endedOn: '2015-05-31' },
  ],
  costs: [
    { year: 2014, category: 'lecturer', amount: 100_000 },
    { year: 2015, category: 'processSupport', amount: 150_000 },
  ],
};

describe('completion', () => {
  it('completes an approved application and answers the obligations its programme calls for', async () => {
    const id = await approved();
    at('2015-06-10');
    const completed = await followUpApi.complete(karlstad, id, bothEnded);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      disbursedByYear: { '2014': 100_000, '2015': 150_000 },
      completion: { reportedOn: '2015-06-10' },
    });
    expect(
      completed.body.followUps.map((f: { kind: string; dueOn: string; status: string }) => [
        f.kind,
        f.dueOn,
        f.status,
      ]),
    ).toEqual([
      ['collaborationPlan', '2015-05-31', 'pending'],
      ['sixMonthFollowUp', '2015-11-30', 'pending'],
    ]);
    const history = await api.history(karlstad, id);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submitted',
      'approved',
      'completed',
    ]);
  });

  it('gives a knowledge-only application a competence plan three months after it ends', async () => {
    const id = await approved(
      applicationBody({
        activities: [applicationBody().activities![0]!],
        budget: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
      }),
    );
    at('2015-04-02');
    const completed = await followUpApi.complete(karlstad, id, {
      activities: [{ type: 'knowledge', endedOn: '2015-03-31' }],
      costs: [{ year: 2014, category: 'lecturer', amount: 90_000 }],
    });
    expect(completed.body.followUps).toEqual([
      expect.objectContaining({ kind: 'competencePlan', dueOn: '2015-06-30' }),
    ]);
  });

  it('lists every completion rule that fails, and changes nothing', async () => {
    const id = await approved();
    at('2015-04-15');
    const refused = await followUpApi.complete(karlstad, id, {
      activities: [{ type: 'knowledge', endedOn: '2015-04-16' }],
      costs: [
        { year: 2014, category: 'catering', amount: 1_000 },
        { year: 2015, category: 'lecturer', amount: 180_001 },
        { year: 2016, category: 'lecturer', amount: 1 },
      ],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(
      ['cost-exceeds-grant', 'future-date', 'incomplete', 'ineligible-cost', 'year-outside-programme'].sort(),
    );
    expect((await api.get(karlstad, id)).body.status).toBe('approved');
    // The obligations the approval made stay provisional, on the planned ends.
    expect(
      (await followUpApi.list(admin, {})).body.items
        .filter((f: { applicationId: string }) => f.applicationId === id)
        .map((f: { kind: string; dueOn: string; anchor: string; version: number }) => [
          f.kind,
          f.dueOn,
          f.anchor,
          f.version,
        ]),
    ).toEqual([
      ['collaborationPlan', '2015-05-31', 'planned', 1],
      ['sixMonthFollowUp', '2015-11-30', 'planned', 1],
    ]);
  });

  it('completes only approved applications, only by their own coordinators', async () => {
    const draft = await api.create(karlstad, applicationBody());
    expect((await followUpApi.complete(karlstad, draft.body.id, bothEnded)).status).toBe(409);
    const id = await approved();
    at('2015-06-10');
    expect((await followUpApi.complete(admin, id, bothEnded)).status).toBe(403);
    expect((await followUpApi.complete(coordinatorOf('lulea'), id, bothEnded)).status).toBe(404);
    expect((await followUpApi.complete(karlstad, id, bothEnded)).status).toBe(200);
    expect((await followUpApi.complete(karlstad, id, bothEnded)).status).toBe(409);
  });
});

describe('follow-ups', () => {
  it('records a submission with the clock date, on time or late, and a waiver with its reason', async () => {
    const id = await approved();
    at('2015-06-10');
    const { body } = await followUpApi.complete(karlstad, id, bothEnded);
    const [plan, sixMonths] = body.followUps as { id: string; dueOn: string }[];

    at('2015-06-13');
    const submitted = await followUpApi.submit(karlstad, plan!.id, {
      summary: 'Planen är antagen av ledningsgruppen.',
      documentUrl: 'https://intranat.example.se/plan.pdf',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      submittedOn: '2015-06-13',
      dueOn: '2015-05-31',
      // 1 from the approval, 2 moved by the completion, 3 handed in.
      version: 3,
    });
    expect((await followUpApi.submit(karlstad, plan!.id, { summary: 'igen' })).status).toBe(409);

    const byCoordinator = await followUpApi.waive(karlstad, sixMonths!.id, { reason: 'x' });
    expect(byCoordinator.status).toBe(403);
    at('2015-06-14');
    const waived = await followUpApi.waive(admin, sixMonths!.id, { reason: 'Området har lagts ned.' });
    expect(waived.body).toMatchObject({
      status: 'waived',
      waiverReason: 'Området har lagts ned.',
      waivedOn: '2015-06-14',
    });
    expect((await followUpApi.submit(karlstad, sixMonths!.id, { summary: 'sent' })).status).toBe(409);

    const actions = (await api.history(admin, id)).body.items.map((e: { action: string }) => e.action);
    expect(actions.slice(-2)).toEqual(['follow-up-submitted', 'follow-up-waived']);
  });

  it('refuses bad bodies and hides other areas’ follow-ups', async () => {
    const id = await approved();
    at('2015-06-10');
    const { body } = await followUpApi.complete(karlstad, id, bothEnded);
    const followUpId = body.followUps[0].id as string;
    expect((await followUpApi.submit(karlstad, followUpId, {})).status).toBe(400);
    expect(
      (await followUpApi.submit(karlstad, followUpId, { summary: 'ok', documentUrl: 'javascript:alert(1)' }))
        .status,
    ).toBe(400);
    expect((await followUpApi.submit(coordinatorOf('lulea'), followUpId, { summary: 'ok' })).status).toBe(
      404,
    );
    expect((await followUpApi.waive(admin, followUpId, {})).status).toBe(400);
    expect((await followUpApi.submit(karlstad, 'nope', { summary: 'ok' })).status).toBe(404);
  });

  it('lists by programme, area, status and due date, sorted by due date', async () => {
    const lists = async (query: Record<string, string>, caller = admin) =>
      (await followUpApi.list(caller, query)).body.items.map((f: { dueOn: string }) => f.dueOn) as string[];
    const all = await lists({ programmeId: 'kur2' });
    expect(all).toEqual([...all].sort());
    const early = await lists({ programmeId: 'kur2', dueBefore: '2015-06-01' });
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((d) => d < '2015-06-01')).toBe(true);
    const pending = (await followUpApi.list(admin, { programmeId: 'kur2', status: 'pending' })).body.items;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((f: { status: string }) => f.status === 'pending')).toBe(true);
    const mine = (await followUpApi.list(karlstad, { status: 'submitted' })).body.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(
      mine.every(
        (f: { areaId: string; status: string }) => f.areaId === 'karlstad' && f.status === 'submitted',
      ),
    ).toBe(true);
    expect(await lists({}, coordinatorOf('lulea'))).toEqual([]);
    expect((await followUpApi.list(coordinatorOf('lulea'), { areaId: 'karlstad' })).status).toBe(403);
    expect((await followUpApi.list(admin, { dueBefore: '2015-13-01' })).status).toBe(400);
  });
});
