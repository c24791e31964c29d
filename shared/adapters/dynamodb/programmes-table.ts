import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { GrantsSnapshot } from '../../domain/guards.ts';
import type { Programme } from '../../domain/programme.ts';
import type { ProgrammeStore } from '../../ports.ts';
import { dynamo, tableName } from './client.ts';
import { goalSheetsCompletePut } from './goal-sheet-items.ts';
import { guardAction, versionCondition, writeGuarded } from './guarded-write.ts';
import { queryPartition, withoutKeys } from './items.ts';
import {
  AREA_TOTAL_PREFIX,
  areaTotalKey,
  PROGRAMME_LIST_PARTITION,
  programmeKey,
  programmeListKeys,
  YEAR_PREFIX,
} from './keys.ts';
import { queryAll } from './pages.ts';
import { newReadMeter, readYearTotals } from './reports-table.ts';

const get = async (id: string): Promise<Programme | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(), Key: programmeKey(id) }));
  return Item ? withoutKeys<Programme>(Item) : undefined;
};

const list = (): Promise<Programme[]> => queryPartition<Programme>('gsi1', PROGRAMME_LIST_PARTITION);

/** Every item of the programme's partition under `prefix`, read consistently. */
const readPrefix = (programmeId: string, prefix: string, projection: string[]) =>
  queryAll({ partition: programmeKey(programmeId).pk, beginsWith: prefix, projection, consistent: true });

const amount = (value: unknown) => (typeof value === 'number' ? value : 0);

/**
 * What a programme edit checks against. The year counters are read first and the area totals
 * after: an approval committed between the two reads has bumped a year's grant sequence, so the
 * edit's `grants-unchanged` guards fail and it reads again — the area totals it checked are never
 * older than the sequences it writes against.
 */
const grantsSnapshot = async (programmeId: string, years: readonly number[]): Promise<GrantsSnapshot> => {
  const counters = await readPrefix(programmeId, YEAR_PREFIX, ['sk', 'granted', 'grantSequence']);
  const byYear = new Map(counters.map((c) => [Number(String(c.sk).slice(YEAR_PREFIX.length)), c]));
  const areas = await readPrefix(programmeId, AREA_TOTAL_PREFIX, ['areaId', 'granted']);
  return {
    years: [...new Set(years)].map((year) => ({
      year,
      granted: amount(byYear.get(year)?.granted),
      sequence: amount(byYear.get(year)?.grantSequence),
    })),
    areas: areas.map((a) => ({ areaId: String(a.areaId), granted: amount(a.granted) })),
  };
};

const save: ProgrammeStore['save'] = (next, previousVersion, guards) =>
  writeGuarded([
    {
      guard: { name: 'version', entity: 'programme', id: next.id, version: previousVersion },
      action: {
        Put: {
          TableName: tableName(),
          Item: { ...programmeKey(next.id), ...programmeListKeys(next.id), entity: 'programme', ...next },
          ...versionCondition(previousVersion),
        },
      },
    },
    ...guards.map(guardAction),
    // A new programme's every approval writes a goal sheet, so its sheets are complete from the start.
    ...(previousVersion === 0 ? [{ action: goalSheetsCompletePut(next.id) }] : []),
  ]);

const grantedToArea = async (programmeId: string, areaId: string): Promise<number> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName(),
      Key: areaTotalKey(programmeId, areaId),
      ProjectionExpression: 'granted',
    }),
  );
  return amount(Item?.granted);
};

const yearTotals: ProgrammeStore['yearTotals'] = (programmeId, years) =>
  readYearTotals(programmeId, years, newReadMeter());

export const programmesTable: ProgrammeStore = { get, list, grantsSnapshot, save, grantedToArea, yearTotals };
