import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { TABLE_KEYS } from '../../shared/adapters/dynamodb/table-schema.ts';

type Item = Record<string, unknown>;

/**
 * Every item of this test file's own table (test/support/table-per-file.ts), read consistently and
 * in key order, so that two snapshots compare equal exactly when nothing was written in between.
 */
export const tableItems = async (): Promise<Item[]> => {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const key = (item: Item) => `${item[TABLE_KEYS.partitionKey]}\u0000${item[TABLE_KEYS.sortKey]}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
};
