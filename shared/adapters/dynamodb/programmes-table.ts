import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RuleViolation } from '../../domain/errors.ts';
import type { Programme } from '../../domain/programme.ts';
import { VersionConflict, type VersionedStore } from '../../ports.ts';
import { dynamo, tableName } from './client.ts';
import { cancellationCodes, queryPartition, withoutKeys } from './items.ts';
import { PROGRAMME_LIST_PARTITION, programmeKey, programmeListKeys, programmeYearKey } from './keys.ts';
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
const save = async (next: Programme, previous: Programme | undefined): Promise<void> => {
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
    ]);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') {
      throw new VersionConflict();
    }
    const overGranted = yearChecks.filter((_, index) => codes?.[index + 1] === 'ConditionalCheckFailed');
    if (overGranted.length > 0) {
      throw new RuleViolation(
        overGranted.map(({ year }) => ({
          rule: 'budget-exceeded' as const,
          message: `Anslaget för ${year} kan inte bli lägre än det som redan är beviljat.`,
        })),
      );
    }
    throw error;
  }
};

export const programmesTable: VersionedStore<Programme> = { get, list, save };
