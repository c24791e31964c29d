import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as declareUnderspend } from '../../functions/applications/underspend.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { areaTotalKey, programmeYearKey } from '../../shared/adapters/dynamodb/keys.ts';
import type { Email } from '../../shared/domain/email.ts';
import { routes } from '../../shared/http/routes.ts';
import { api } from '../support/api.ts';
import { admin, coordinatorOf, invoke, type TestCaller } from '../support/events.ts';
import { areaBodyFor, kur2Programme } from '../support/factories.ts';
import { submittedApplication } from '../support/submitted-application.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

/**
 * Issue 15, "Declared underspend": an area gives back what it will not use, and the money is free
 * for other areas before the year ends — the grant, the year's total and the area's total fall
 * together, exactly, whatever is decided at the same time.
 */

beforeEach(() => fixClock(new Date('2014-06-01T12:00:00+02:00')));
afterEach(() => fixClock(undefined));

const underspend = (caller: TestCaller, id: string, body: unknown) =>
  invoke(declareUnderspend, routes.declareUnderspend, { caller, path: { id }, body });

const counter = async (key: Record<string, string>) =>
  ((await dynamo.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item
    ?.granted as number | undefined) ?? 0;

const outboxOf = async (applicationId: string): Promise<{ kind: string; email: Email }[]> =>
  (await unsentEmails())
    .filter(({ source }) => source.applicationId === applicationId)
    .map(({ source, email }) => ({ kind: source.kind, email }));

const approved = async (programmeId: string, areaId: string, amount: number) => {
  const id = await submittedApplication(programmeId, areaId, amount);
  const decided = await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': amount } });
  expect(decided.status).toBe(200);
  return id;
};

describe('POST /applications/{id}/underspend', () => {
  it('shrinks the grant, the year’s and the area’s totals in one go, records it and tells head office', async () => {
    await api.putProgramme('kur2', kur2Programme());
    await api.putArea('karlstad', areaBodyFor('karlstad'));
    const id = await approved('kur2', 'karlstad', 300_000);

    const answer = await underspend(coordinatorOf('karlstad'), id, {
      year: 2014,
      amount: 120_000,
      reason: 'Utbildningen flyttas till våren 2015.',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'approved',
      grantedByYear: { '2014': 180_000 },
      underspends: [
        {
          year: 2014,
          amount: 120_000,
          reason: 'Utbildningen flyttas till våren 2015.',
          declaredOn: '2014-06-01',
          declaredBy: coordinatorOf('karlstad').email,
        },
      ],
    });
    expect(await counter(programmeYearKey('kur2', 2014))).toBe(180_000);
    expect(await counter(areaTotalKey('kur2', 'karlstad'))).toBe(180_000);
    expect((await api.get(admin, id)).body.grantedByYear).toEqual({ '2014': 180_000 });

    const history = (await api.history(admin, id)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'underspend-declared', version: answer.body.version });
    const mail = (await outboxOf(id)).find((m) => m.kind === 'underspend-declared');
    expect(mail?.email.to).toEqual(['kur@forsakringskassan.se']);
    expect(mail?.email.subject).toBe('LFC karlstad lämnar tillbaka 120 000 kr för 2014');
    expect(mail?.email.text).toContain('Utbildningen flyttas till våren 2015.');
  });

  it('refuses more than is left of the grant, a year that has ended, another area and an unapproved application', async () => {
    await api.putProgramme('kur2b', kur2Programme());
    await api.putArea('umea', areaBodyFor('umea'));
    const id = await approved('kur2b', 'umea', 100_000);
    const body = { year: 2014, amount: 100_001, reason: 'Färre deltagare.' };

    const tooMuch = await underspend(coordinatorOf('umea'), id, body);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.violations).toEqual([
      expect.objectContaining({ rule: 'underspend-exceeds-grant', paths: ['amount'] }),
    ]);
    const otherYear = await underspend(admin, id, { ...body, year: 2015, amount: 1 });
    expect(otherYear.body.violations?.[0]?.rule).toBe('underspend-exceeds-grant');
    expect((await underspend(coordinatorOf('lund'), id, { ...body, amount: 1 })).status).toBe(404);
    expect((await underspend(coordinatorOf('umea'), id, { ...body, amount: -5 })).status).toBe(400);
    expect((await underspend(coordinatorOf('umea'), id, { year: 2014, amount: 5 })).status).toBe(400);

    fixClock(new Date('2015-01-10T12:00:00+01:00'));
    const closed = await underspend(coordinatorOf('umea'), id, { ...body, amount: 1 });
    expect(closed.status).toBe(422);
    expect(closed.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['year-closed']);

    fixClock(new Date('2014-06-01T12:00:00+02:00'));
    const draft = await submittedApplication('kur2b', 'umea', 50_000);
    expect((await underspend(coordinatorOf('umea'), draft, { ...body, amount: 1 })).status).toBe(409);
    // Nothing of it moved a total.
    expect(await counter(programmeYearKey('kur2b', 2014))).toBe(100_000);
    expect(await counter(areaTotalKey('kur2b', 'umea'))).toBe(100_000);
  });

  it('keeps every total exact when an underspend races an approval that needs the money it frees', async () => {
    const trials = 12;
    for (let trial = 0; trial < trials; trial++) {
      const programmeId = `race-underspend-${trial}`;
      const areaId = `race-us-${trial}`;
      // 2014 holds 400 000: A has all of it; B can be granted only what A gives back.
      await api.putProgramme(
        programmeId,
        kur2Programme({
          years: [
            { year: 2014, appropriation: 400_000 },
            { year: 2015, appropriation: 10_000_000 },
          ],
          maxGrantPerArea: 500_000,
        }),
      );
      await api.putArea(areaId, areaBodyFor(areaId));
      const a = await approved(programmeId, areaId, 400_000);
      const b = await submittedApplication(programmeId, areaId, 100_000);

      const [declared, decided] = await Promise.all([
        underspend(coordinatorOf(areaId), a, { year: 2014, amount: 150_000, reason: 'Färre deltagare.' }),
        new Promise((resolve) => setTimeout(resolve, trial % 4)).then(() =>
          api.decide(admin, b, { outcome: 'approved', grantedByYear: { '2014': 100_000 } }),
        ),
      ]);
      expect(declared.status).toBe(200);
      expect([200, 422]).toContain(decided.status);

      const grants = await Promise.all(
        [a, b].map(async (id) => ((await api.get(admin, id)).body.grantedByYear?.['2014'] as number) ?? 0),
      );
      const sum = grants.reduce((total, amount) => total + amount, 0);
      expect(grants[0]).toBe(250_000);
      expect(grants[1]).toBe(decided.status === 200 ? 100_000 : 0);
      expect(await counter(programmeYearKey(programmeId, 2014))).toBe(sum);
      expect(await counter(areaTotalKey(programmeId, areaId))).toBe(sum);
      expect(sum).toBeLessThanOrEqual(400_000);
    }
  });
});
