import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client.ts';
import { INDEX_LIST, INDEXES, TABLE_KEYS } from './table-schema.ts';

/** Stored alongside every item: its kind, for humans reading the table and for stream consumers. */
export const ENTITY_ATTRIBUTE = 'entity';

const KEY_ATTRIBUTES = new Set<string>([
  ENTITY_ATTRIBUTE,
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...INDEX_LIST.flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/** The stored item without its table and index keys and entity tag: what the API answers. */
export const withoutKeys = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;

/** The cancellation reason codes of a failed transaction, by the position of each action. */
export const cancellationCodes = (error: unknown): (string | undefined)[] | undefined =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => reason.Code)
    : undefined;

/** Every item of one index partition, for the small lists the API answers in one page. */
export const queryPartition = async <T>(index: keyof typeof INDEXES, partition: string): Promise<T[]> => {
  const { name, partitionKey } = INDEXES[index];
  const items: T[] = [];
  const pages = paginateQuery(
    { client: dynamo },
    {
      TableName: tableName,
      IndexName: name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': partitionKey },
      ExpressionAttributeValues: { ':pk': partition },
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []).map((item) => withoutKeys<T>(item)));
  return items;
};
