import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../infra/local/engines.ts';
import { withDefaults } from '../../shared/domain/programme.ts';
import { admin } from '../support/events.ts';
import { areaBody, kur2Programme } from '../support/factories.ts';
import { startOwnDynamoDb } from '../support/own-dynamodb.ts';
import { AREAS, seedApplications, writeAll } from '../support/seed-applications.ts';

/**
 * How reports read a partition keyed by area (`readByArea`: P11, P4r, survey tallies and
 * comments): the first page, then the rest in parallel sort-key ranges split at area ids. Every
 * entry must come back exactly once whatever areas exist, and the ranges must not cost more than
 * what they read (each request rounds its read up), so programme-summary keeps to issue 16's
 * 0.04 RCU per application at 1 000 applications.
 *
 * The file runs on a DynamoDB Local of its own, as reports-capacity.test.ts does: the seeding
 * would otherwise hold up other files' requests, and the handlers read the endpoint when first
 * imported, so everything that reaches shared/config.ts is imported after the engine started.
 */
let engine: Engine;
let db: typeof import('../../shared/adapters/dynamodb/client.ts');
let reads: typeof import('../../shared/adapters/dynamodb/reports-table.ts');
let composition: typeof import('../../shared/composition.ts');

beforeAll(async () => {
  engine = await startOwnDynamoDb();
  db = await import('../../shared/adapters/dynamodb/client.ts');
  reads = await import('../../shared/adapters/dynamodb/reports-table.ts');
  composition = await import('../../shared/composition.ts');
}, 90_000);
afterAll(async () => {
  db?.dynamoClient().destroy();
  await engine?.stop();
});

/**
 * A partition of the table whose sort keys are `areaId#n`, `counts[areaId]` entries per area.
 * Each entry carries `padding` bytes, so that a few hundred fill DynamoDB's 1 MB page.
 */
const writePartition = async (partition: string, counts: Record<string, number>, padding: number) => {
  const sortKeys = Object.entries(counts).flatMap(([areaId, count]) =>
    Array.from({ length: count }, (_, n) => `${areaId}#${String(n).padStart(5, '0')}`),
  );
  await writeAll(
    { dynamo: db.dynamo, tableName: db.tableName() },
    sortKeys.map((sk) => ({ pk: partition, sk, padding: 'x'.repeat(padding) })),
  );
  return sortKeys;
};

const readPartition = async (partition: string, areaIds: readonly string[]) => {
  const meter = reads.newReadMeter();
  const items = await reads.readByArea({ partition, projection: ['sk'] }, areaIds, meter);
  return { sortKeys: items.map((item) => String(item.sk)), meter };
};

/** 45 area ids as areas are named (area-1 … area-45): they sort area-1, area-10, …, area-19, area-2. */
const AREA_IDS = AREAS.map((a) => a.id);

describe('readByArea', () => {
  it('returns every entry exactly once, spread unevenly across areas, some with none', async () => {
    // ~3 KB each: some 340 to a page, so the 1 300 entries take the first page and then ranges.
    // area-3 and area-45 have none; area-99 has entries but is not among the areas asked with.
    const counts: Record<string, number> = {
      'area-1': 600,
      'area-10': 1,
      'area-11': 250,
      'area-2': 300,
      'area-20': 50,
      'area-4': 2,
      'area-99': 40,
    };
    for (const id of AREA_IDS) if (!(id in counts) && id !== 'area-3' && id !== 'area-45') counts[id] = 2;
    const written = await writePartition('ranges#uneven', counts, 3_000);

    const { sortKeys, meter } = await readPartition('ranges#uneven', AREA_IDS);
    expect(sortKeys).toHaveLength(written.length);
    expect(new Set(sortKeys)).toEqual(new Set(written));
    // More than one page: the ranges were read, not the first page alone.
    expect(meter.requests).toBeGreaterThan(2);
  });

  it('returns every entry exactly once whatever area ids the reads are split at', async () => {
    // 45 areas × 30 of ~1.5 KB: about two pages' worth, so the rest is read in a few ranges.
    const counts = Object.fromEntries(AREA_IDS.map((id) => [id, 30]));
    const written = await writePartition('ranges#even', counts, 1_500);

    for (const split of [
      AREA_IDS,
      [...AREA_IDS].reverse(),
      [...AREA_IDS, ...AREA_IDS],
      ['0', 'area-2', 'area-35', 'zzz'],
      ['area-1', 'area-10', 'area-100', 'area-2'],
      ['zzz'],
      [],
    ]) {
      const { sortKeys } = await readPartition('ranges#even', split);
      expect(sortKeys, `split at ${split.join(', ')}`).toHaveLength(written.length);
      expect(new Set(sortKeys), `split at ${split.join(', ')}`).toEqual(new Set(written));
    }
  });

  it('returns every entry exactly once when the first page ends in the last area', async () => {
    // Nearly everything in the area that sorts last: no area boundary is left after the first page.
    const counts = { 'area-1': 3, 'area-9': 500 };
    const written = await writePartition('ranges#last', counts, 3_000);

    const { sortKeys } = await readPartition('ranges#last', AREA_IDS);
    expect(sortKeys).toHaveLength(written.length);
    expect(new Set(sortKeys)).toEqual(new Set(written));
  });
});

describe('what programme-summary reads at 1 000 applications', () => {
  it('keeps to 0.04 RCU per application: the ranges after the first page fit what is left', async () => {
    const stamp = '2014-01-01T00:00:00.000Z';
    const { programmesTable } = await import('../../shared/adapters/dynamodb/programmes-table.ts');
    const { areasTable } = await import('../../shared/adapters/dynamodb/areas-table.ts');
    const programme = withDefaults(
      kur2Programme({
        years: [
          { year: 2014, appropriation: 2_000_000_000 },
          { year: 2015, appropriation: 2_000_000_000 },
        ],
      }),
    );
    await programmesTable.save(
      { ...programme, id: 'kur-a', version: 1, createdAt: stamp, updatedAt: stamp },
      0,
      [],
    );
    for (const area of AREAS) {
      await areasTable.save(
        {
          ...areaBody({ name: `LFC ${area.id}`, region: area.region ?? 'mitt' }),
          id: area.id,
          version: 1,
          createdAt: stamp,
          updatedAt: stamp,
        },
        undefined,
      );
    }
    await seedApplications({ dynamo: db.dynamo, tableName: db.tableName() }, 'kur-a', 0, 1_000);

    const meter = reads.newReadMeter();
    await composition
      .reports()
      .run(
        admin as never,
        { type: 'programme-summary', programmeId: 'kur-a', asOf: '2016-02-15', format: 'json' },
        meter,
      );
    expect(meter.capacityUnits).toBeLessThanOrEqual(40);
  });
});
