import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { INDEX_LIST, TABLE_KEYS } from '../../shared/adapters/dynamodb/table-schema.ts';

type Item = Record<string, unknown>;

/** The table's and every index's key attributes (table-schema.ts): storage, never part of an answer. */
const KEY_ATTRIBUTES = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...INDEX_LIST.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** The key attributes an API answer carries; `[]` when it shows the resource without its storage. */
export const keyAttributesIn = (resource: object): string[] =>
  Object.keys(resource).filter((name) => KEY_ATTRIBUTES.includes(name));

/**
 * Every item of this test file's own table (test/support/table-per-file.ts), read consistently and
 * in key order, so that two snapshots compare equal exactly when nothing was written in between.
 */
export const tableItems = async (): Promise<Item[]> => {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const key = (item: Item) => `${item[TABLE_KEYS.partitionKey]}\u0000${item[TABLE_KEYS.sortKey]}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
};
