import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as areaTotals } from '../../functions/programmes/area-totals.ts';
import { handler as programmeBudget } from '../../functions/programmes/budget.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke, type TestCaller } from '../support/events.ts';
import { applicationBody, areaBody } from '../support/factories.ts';

/** The read-only totals the form shows: a year's remaining budget, an area's room under the cap. */

const budget = (caller: TestCaller, programmeId: string) =>
  invoke(programmeBudget, routes.programmeBudget, { caller, path: { programmeId } });
const totals = (caller: TestCaller, programmeId: string, areaId: string) =>
  invoke(areaTotals, routes.areaTotals, { caller, path: { programmeId, areaId } });

const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));
beforeEach(() => at('2014-06-02'));
afterEach(() => fixClock(undefined));

/** Karlstad granted 100 000 for 2014 and 150 000 for 2015 in `programmeId`. */
const approve = async (programmeId: string) => {
  const karlstad = coordinatorOf('karlstad');
  const created = await api.create(
    karlstad,
    applicationBody({
      programmeId,
      budget: [
        { year: 2014, category: 'lecturer', amount: 120_000 },
        { year: 2015, category: 'processSupport', amount: 180_000 },
      ],
    }),
  );
  expect((await api.submit(karlstad, created.body.id)).status).toBe(200);
  const decided = await api.decide(admin, created.body.id, {
    outcome: 'approved',
    grantedByYear: { '2014': 100_000, '2015': 150_000 },
  });
  expect(decided.status).toBe(200);
  return created.body.id as string;
};

beforeAll(async () => {
  at('2014-06-02');
  await api.putArea('karlstad', areaBody());
  await api.putArea('arvika', areaBody({ name: 'LFC Arvika' }));
});

describe('GET /programmes/{programmeId}/budget', () => {
  it('answers each year with its appropriation, what is granted and disbursed, and what remains', async () => {
    await api.putProgramme('kur2-budget');
    expect((await budget(admin, 'kur2-budget')).body.items).toEqual([
      { year: 2014, appropriation: 10_000_000, granted: 0, disbursed: 0, remaining: 10_000_000 },
      { year: 2015, appropriation: 10_000_000, granted: 0, disbursed: 0, remaining: 10_000_000 },
    ]);

    const id = await approve('kur2-budget');
    at('2015-06-10');
    const completed = await followUpApi.complete(coordinatorOf('karlstad'), id, {
      activities: [
        { type: 'knowledge', endedOn: '2015-03-31' },
        { type: 'collaborationPlan', endedOn: '2015-05-31' },
      ],
      costs: [
        { year: 2014, category: 'lecturer', amount: 90_000 },
        { year: 2015, category: 'processSupport', amount: 150_000 },
      ],
    });
    expect(completed.status).toBe(200);

    const answer = await budget(admin, 'kur2-budget');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      programmeId: 'kur2-budget',
      items: [
        { year: 2014, appropriation: 10_000_000, granted: 100_000, disbursed: 90_000, remaining: 9_900_000 },
        { year: 2015, appropriation: 10_000_000, granted: 150_000, disbursed: 150_000, remaining: 9_850_000 },
      ],
    });
  });

  it('is for administrators only, and 404 for a programme that does not exist', async () => {
    await api.putProgramme('kur2-budget-roles');
    expect((await budget(coordinatorOf('karlstad'), 'kur2-budget-roles')).status).toBe(403);
    const missing = await budget(admin, 'no-such-programme');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not-found');
  });
});

describe('GET /programmes/{programmeId}/areas/{areaId}/totals', () => {
  it("answers what the area has been granted and what remains under the programme's cap", async () => {
    await api.putProgramme('kur2-cap');
    expect((await totals(coordinatorOf('karlstad'), 'kur2-cap', 'karlstad')).body).toEqual({
      programmeId: 'kur2-cap',
      areaId: 'karlstad',
      granted: 0,
      maxGrantPerArea: 500_000,
      remaining: 500_000,
    });
    await approve('kur2-cap');
    expect((await totals(coordinatorOf('karlstad'), 'kur2-cap', 'karlstad')).body).toMatchObject({
      granted: 250_000,
      remaining: 250_000,
    });
    expect((await totals(admin, 'kur2-cap', 'karlstad')).body.granted).toBe(250_000);
    expect((await totals(admin, 'kur2-cap', 'arvika')).body.granted).toBe(0);
  });

  it("refuses a coordinator another area's totals, and answers 404 for an unknown programme or area", async () => {
    await api.putProgramme('kur2-cap-access');
    const other = await totals(coordinatorOf('arvika'), 'kur2-cap-access', 'karlstad');
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('forbidden');
    expect((await totals(admin, 'no-such-programme', 'karlstad')).status).toBe(404);
    expect((await totals(admin, 'kur2-cap-access', 'no-such-area')).status).toBe(404);
  });
});
