import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { areaTotalKey, programmeKey } from '../../shared/adapters/dynamodb/keys.ts';
import { api } from '../support/api.ts';
import { admin } from '../support/events.ts';
import { areaBody, kur2Programme } from '../support/factories.ts';
import { submittedApplication } from '../support/submitted-application.ts';

/**
 * "Granted ≤ cap and ≤ appropriation, for every area and year, whatever runs at the same time":
 * programme edits racing approvals, and programme edits whatever the number of areas and years.
 */

beforeEach(() => fixClock(new Date('2014-06-01T12:00:00+02:00')));
afterEach(() => fixClock(undefined));

const read = async (key: Record<string, string>) =>
  (await dynamo.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('money invariants under concurrent programme edits', () => {
  it('never lets an approval and a lowered cap both pass when together they break the cap', async () => {
    const trials = 24;
    const outcomes: { approval: number; edit: number; granted: number; cap: number }[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const programmeId = `race-cap-${trial}`;
      const areaId = `race-area-${trial}`;
      await api.putProgramme(programmeId, kur2Programme());
      await api.putArea(areaId, areaBody({ name: areaId }));
      const id = await submittedApplication(programmeId, areaId, 400_000);

      // The edit starts 0–5 ms after the approval: the window in which both used to answer 200.
      const [approval, edit] = await Promise.all([
        api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 400_000 } }),
        sleep(trial % 6).then(() =>
          api.putProgramme(programmeId, kur2Programme({ maxGrantPerArea: 300_000 })),
        ),
      ]);
      const granted = ((await read(areaTotalKey(programmeId, areaId)))?.granted as number | undefined) ?? 0;
      const cap = (await read(programmeKey(programmeId)))?.maxGrantPerArea as number;
      outcomes.push({ approval: approval.status, edit: edit.status, granted, cap });
    }
    for (const outcome of outcomes) {
      expect(outcome.granted).toBeLessThanOrEqual(outcome.cap);
      // Exactly one of the two wins; the other is told which rule it would break.
      expect([outcome.approval, outcome.edit].sort()).toEqual([200, 422]);
    }
  });

  it('edits a programme of 20 years with 76 areas holding grants, lowering the cap, without a 5xx', async () => {
    const programmeId = 'kur-wide';
    const years = Array.from({ length: 20 }, (_, i) => ({ year: 2010 + i, appropriation: 50_000_000 }));
    expect(
      (await api.putProgramme(programmeId, kur2Programme({ years, maxGrantPerArea: 500_000 }))).status,
    ).toBe(201);
    // What 76 approvals would have left behind: each area's granted total (P6).
    const areas = Array.from({ length: 76 }, (_, i) => `wide-${i}`);
    for (let start = 0; start < areas.length; start += 25) {
      await dynamo.send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName()]: areas.slice(start, start + 25).map((areaId, i) => ({
              PutRequest: {
                Item: {
                  ...areaTotalKey(programmeId, areaId),
                  areaId,
                  granted: 100_000 + (start + i) * 1_000,
                },
              },
            })),
          },
        }),
      );
    }
    const highest = 100_000 + 75 * 1_000;

    // Twenty other years: twenty years checked as removed and twenty as new, plus 76 areas.
    const changedYears = years.map((y) => ({ year: y.year + 20, appropriation: 40_000_000 }));
    const lowered = await api.putProgramme(
      programmeId,
      kur2Programme({ years: changedYears, maxGrantPerArea: highest }),
    );
    expect(lowered.status).toBe(200);
    expect(lowered.body).toMatchObject({ maxGrantPerArea: highest, version: 2 });

    const tooLow = await api.putProgramme(
      programmeId,
      kur2Programme({ years: changedYears.slice(0, 10), maxGrantPerArea: highest - 1 }),
    );
    expect(tooLow.status).toBe(422);
    expect(tooLow.body.violations).toEqual([
      expect.objectContaining({ rule: 'area-cap-exceeded', paths: ['maxGrantPerArea'] }),
    ]);
    expect(tooLow.body.violations[0].message).toContain('wide-75');
    expect((await read(programmeKey(programmeId)))?.version).toBe(2);
  });
});
