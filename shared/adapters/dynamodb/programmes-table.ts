import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { RuleViolation } from '../../domain/errors.ts';
import type { Programme } from '../../domain/programme.ts';
import { VersionConflict, type VersionedStore } from '../../ports.ts';
import { dynamo, tableName } from './client.ts';
import { cancellationCodes, queryPartition, withoutKeys } from './items.ts';
import {
  AREA_TOTAL_PREFIX,
  areaTotalKey,
  PROGRAMME_LIST_PARTITION,
  programmeKey,
  programmeListKeys,
  programmeYearKey,
} from './keys.ts';
import { transactWrite } from './transact.ts';

const get = async (id: string): Promise<Programme | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: programmeKey(id) }));
  return Item ? withoutKeys<Programme>(Item) : undefined;
};

const list = (): Promise<Programme[]> => queryPartition<Programme>('gsi1', PROGRAMME_LIST_PARTITION);

/**
 * Writes the programme if its version is still the one read, and in the same transaction checks
 * that no year's appropriation drops below what is already granted from it (and that no year with
 * grants disappears): the year budgets stay whole even against a concurrent decision.
 */
/** What each area has been granted in the programme (P6): only areas with grants have an item. */
const areaTotals = async (programmeId: string): Promise<{ areaId: string; granted: number }[]> => {
  const totals: { areaId: string; granted: number }[] = [];
  const pages = paginateQuery(
    { client: dynamo },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': programmeKey(programmeId).pk, ':prefix': AREA_TOTAL_PREFIX },
      ProjectionExpression: 'areaId, granted',
    },
  );
  for await (const page of pages)
    totals.push(...((page.Items ?? []) as { areaId: string; granted: number }[]));
  return totals;
};

/** A transaction holds at most 100 actions; the area checks get what the year checks leave. */
const MAX_AREA_CHECKS = 75;

/**
 * Lowering the per-area cap below what an area already has is refused (`area-cap-exceeded`).
 * The areas' totals are also checked inside the transaction, against a decision that lands
 * between this read and the write.
 */
const capChecks = async (next: Programme, previous: Programme | undefined) => {
  if (!previous || next.maxGrantPerArea >= previous.maxGrantPerArea) return [];
  const totals = await areaTotals(next.id);
  const over = totals.filter((t) => t.granted > next.maxGrantPerArea);
  if (over.length > 0) {
    throw new RuleViolation([
      {
        rule: 'area-cap-exceeded',
        message: `Taket kan inte bli lägre än det som redan är beviljat till ${over.map((t) => t.areaId).join(', ')}.`,
        paths: ['maxGrantPerArea'],
      },
    ]);
  }
  return totals.slice(0, MAX_AREA_CHECKS);
};

const save = async (next: Programme, previous: Programme | undefined): Promise<void> => {
  const areaChecks = await capChecks(next, previous);
  const removedYears = (previous?.years ?? []).filter((old) => !next.years.some((y) => y.year === old.year));
  const yearChecks = [
    ...next.years.map((y) => ({ year: y.year, limit: y.appropriation })),
    ...removedYears.map((y) => ({ year: y.year, limit: 0 })),
  ];
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName,
          Item: { ...programmeKey(next.id), ...programmeListKeys(next.id), entity: 'programme', ...next },
          ...(previous
            ? {
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': previous.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...yearChecks.map(({ year, limit }) => ({
        ConditionCheck: {
          TableName: tableName,
          Key: programmeYearKey(next.id, year),
          ConditionExpression: 'attribute_not_exists(granted) OR granted <= :limit',
          ExpressionAttributeValues: { ':limit': limit },
        },
      })),
      ...areaChecks.map(({ areaId }) => ({
        ConditionCheck: {
          TableName: tableName,
          Key: areaTotalKey(next.id, areaId),
          ConditionExpression: 'granted <= :cap',
          ExpressionAttributeValues: { ':cap': next.maxGrantPerArea },
        },
      })),
    ]);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') {
      throw new VersionConflict();
    }
    const overGranted = yearChecks.filter((_, index) => codes?.[index + 1] === 'ConditionalCheckFailed');
    const overCap = areaChecks.some(
      (_, index) => codes?.[index + 1 + yearChecks.length] === 'ConditionalCheckFailed',
    );
    if (overGranted.length > 0 || overCap) {
      throw new RuleViolation([
        ...overGranted.map(({ year }) => ({
          rule: 'budget-exceeded' as const,
          message: `Anslaget för ${year} kan inte bli lägre än det som redan är beviljat.`,
        })),
        ...(overCap
          ? [
              {
                rule: 'area-cap-exceeded' as const,
                message: 'Taket kan inte bli lägre än det som redan är beviljat till ett område.',
                paths: ['maxGrantPerArea'],
              },
            ]
          : []),
      ]);
    }
    throw error;
  }
};

export const programmesTable: VersionedStore<Programme> = { get, list, save };
