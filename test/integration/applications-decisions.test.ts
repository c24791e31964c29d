import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { areaTotalKey, programmeYearKey } from '../../shared/adapters/dynamodb/keys.ts';
import { api } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';
import { submittedApplication } from '../support/submitted-application.ts';

const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));
// Decisions happen in June 2014 unless a test moves the clock: 2014 is still open then.
beforeEach(() => at('2014-06-01'));
afterEach(() => fixClock(undefined));

const counter = async (key: Record<string, string>) =>
  ((await dynamo.send(new GetCommand({ TableName: tableName(), Key: key }))).Item?.granted as
    | number
    | undefined) ?? 0;

beforeAll(async () => {
  at('2014-06-01');
  await api.putProgramme('kur2');
  for (const area of ['karlstad', 'arvika', 'torsby'])
    await api.putArea(area, areaBody({ name: `LFC ${area}` }));
});

describe('decisions', () => {
  it('approves within budget and cap and moves the grant into the year and area totals', async () => {
    await api.putProgramme('kur2-totals');
    const id = await submittedApplication('kur2-totals', 'karlstad', 150_000);
    const approved = await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 140_000 } });
    expect(approved.status).toBe(200);
    expect(await counter(programmeYearKey('kur2-totals', 2014))).toBe(140_000);
    expect(await counter(areaTotalKey('kur2-totals', 'karlstad'))).toBe(140_000);
  });

  it('rejects, and returns for completion so that the coordinator can edit and submit again', async () => {
    await api.putProgramme('kur2-return');
    const rejectedId = await submittedApplication('kur2-return', 'karlstad', 50_000);
    expect(
      (await api.decide(admin, rejectedId, { outcome: 'rejected', comment: 'Utanför ramen' })).body.status,
    ).toBe('rejected');
    expect((await api.submit(coordinatorOf('karlstad'), rejectedId)).status).toBe(409);

    const id = await submittedApplication('kur2-return', 'karlstad', 50_000);
    const returned = await api.decide(admin, id, { outcome: 'returned', comment: 'Beskriv planen närmare' });
    expect(returned.body).toMatchObject({
      status: 'returned',
      decision: { comment: 'Beskriv planen närmare' },
    });
    const edited = await api.replace(
      coordinatorOf('karlstad'),
      id,
      applicationBody({ programmeId: 'kur2-return', title: 'Ny' }),
      returned.body.version,
    );
    expect(edited.status).toBe(200);
    expect((await api.submit(coordinatorOf('karlstad'), id)).body.status).toBe('submitted');
    expect(await counter(programmeYearKey('kur2-return', 2014))).toBe(0);
  });

  it('refuses decisions on applications that are not submitted, and decisions by coordinators', async () => {
    await api.putProgramme('kur2-refuse');
    const draft = await api.create(
      coordinatorOf('karlstad'),
      applicationBody({ programmeId: 'kur2-refuse' }),
    );
    const onDraft = await api.decide(admin, draft.body.id, { outcome: 'rejected' });
    expect(onDraft.status).toBe(409);
    expect(onDraft.body.code).toBe('invalid-transition');
    const id = await submittedApplication('kur2-refuse', 'karlstad', 10_000);
    const byCoordinator = await api.decide(coordinatorOf('karlstad'), id, {
      outcome: 'approved',
      grantedByYear: { '2014': 1 },
    });
    expect(byCoordinator.status).toBe(403);
    const withoutAmounts = await api.decide(admin, id, { outcome: 'approved' });
    expect(withoutAmounts.status).toBe(400);
    expect(withoutAmounts.body.errors[0].path).toBe('grantedByYear');
    expect((await api.get(admin, id)).body.status).toBe('submitted');
  });

  it('lists every approval rule that fails at once', async () => {
    await api.putProgramme('kur2-approval-rules');
    const id = await submittedApplication('kur2-approval-rules', 'karlstad', 100_000);
    at('2015-02-01');
    const refused = await api.decide(admin, id, {
      outcome: 'approved',
      grantedByYear: { '2014': 100_000, '2015': 5_000, '2016': 1 },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(
      ['grant-exceeds-request', 'year-closed', 'year-outside-programme'].sort(),
    );
    expect((await api.get(admin, id)).body.status).toBe('submitted');
  });

  it('approves exactly as many of 20 simultaneous approvals as the year budget has room for', async () => {
    at('2014-06-01');
    await api.putProgramme(
      'kur2-race',
      kur2Programme({
        years: [
          { year: 2014, appropriation: 1_000_000 },
          { year: 2015, appropriation: 1 },
        ],
      }),
    );
    const areas = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    await Promise.all(areas.map((area) => api.putArea(area, areaBody({ name: area }))));
    const ids = await Promise.all(areas.map((area) => submittedApplication('kur2-race', area, 100_000)));

    const results = await Promise.all(
      ids.map((id) => api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 100_000 } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(10);
    for (const refused of results.filter((r) => r.status === 422)) {
      expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['budget-exceeded']);
    }
    expect(await counter(programmeYearKey('kur2-race', 2014))).toBe(1_000_000);
  });

  it('keeps an area under its cap when its applications are approved at the same moment', async () => {
    await api.putProgramme('kur2-cap');
    const ids = await Promise.all(
      [0, 1, 2, 3].map(() => submittedApplication('kur2-cap', 'arvika', 200_000)),
    );
    const results = await Promise.all(
      ids.map((id) => api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 200_000 } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 422);
    expect(refused).toHaveLength(2);
    expect(refused.map((r) => r.body.violations[0].rule)).toEqual(['area-cap-exceeded', 'area-cap-exceeded']);
    expect(await counter(areaTotalKey('kur2-cap', 'arvika'))).toBe(400_000);
    // A later submit sees what is granted: 400 000 + 200 000 is over the cap.
    const late = await api.create(
      coordinatorOf('arvika'),
      applicationBody({
        programmeId: 'kur2-cap',
        budget: [{ year: 2014, category: 'lecturer', amount: 200_000 }],
      }),
    );
    const lateSubmit = await api.submit(coordinatorOf('arvika'), late.body.id);
    expect(lateSubmit.status).toBe(422);
    expect(lateSubmit.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['area-cap-exceeded']);
  });

  it('decides one application once when it is decided four times at the same moment', async () => {
    await api.putProgramme('kur2-once');
    const id = await submittedApplication('kur2-once', 'torsby', 100_000);
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 100_000 } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await counter(programmeYearKey('kur2-once', 2014))).toBe(100_000);
    expect(await counter(areaTotalKey('kur2-once', 'torsby'))).toBe(100_000);
    const history = await api.history(admin, id);
    expect(history.body.items.filter((e: { action: string }) => e.action === 'approved')).toHaveLength(1);
  });
});
