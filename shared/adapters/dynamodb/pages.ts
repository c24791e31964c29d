import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationFailed } from '../../domain/errors.ts';
import { dynamo, tableName } from './client.ts';
import { withoutKeys } from './items.ts';
import { INDEXES, TABLE_KEYS } from './table-schema.ts';

export interface PageQuery {
  index: keyof typeof INDEXES;
  partition: string;
  /** Equality filters on non-key attributes, for small partitions only. */
  filters?: { attribute: string; value: string }[];
  /** Only sort keys before this value (a key range, e.g. a due date). */
  sortBefore?: string;
  limit: number;
  nextToken?: string;
  /** Whose query this is: a token minted for another caller or query is refused. */
  owner: string;
  /** Newest first unless told otherwise. */
  ascending?: boolean;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const badToken = () =>
  new ValidationFailed([
    { path: 'nextToken', message: 'nextToken hör inte till den här frågan; börja om från första sidan' },
  ]);

const binding = (q: PageQuery) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        q.owner,
        q.index,
        q.partition,
        q.filters ?? [],
        q.sortBefore ?? null,
        q.ascending ?? false,
      ]),
    )
    .digest('base64url')
    .slice(0, 22);

/**
 * Opaque page tokens: the last key read, bound to the caller and the query. The key is checked to
 * lie in the queried partition, so a forged token can never read elsewhere or upset DynamoDB.
 */
const decode = (q: PageQuery): Record<string, string> | undefined => {
  if (q.nextToken === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(q.nextToken, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  const { partitionKey, sortKey } = INDEXES[q.index];
  const expected = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, partitionKey, sortKey].sort();
  const token = parsed as { b?: unknown; k?: Record<string, unknown> };
  const key = token?.k;
  const valid =
    token?.b === binding(q) &&
    typeof key === 'object' &&
    key !== null &&
    JSON.stringify(Object.keys(key).sort()) === JSON.stringify(expected) &&
    Object.values(key).every((v) => typeof v === 'string' && v.length < 1024) &&
    key[partitionKey] === q.partition;
  if (!valid) throw badToken();
  return key as Record<string, string>;
};

const encode = (q: PageQuery, key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify({ b: binding(q), k: key }), 'utf8').toString('base64url') : undefined;

export const queryPage = async <T>(
  q: PageQuery,
  toResource: (item: Record<string, unknown>) => T = withoutKeys<T>,
): Promise<Page<T>> => {
  const { name, partitionKey, sortKey } = INDEXES[q.index];
  const filters = q.filters ?? [];
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: name,
      KeyConditionExpression: q.sortBefore === undefined ? '#pk = :pk' : '#pk = :pk AND #sk < :before',
      ...(filters.length > 0
        ? { FilterExpression: filters.map((_, i) => `#f${i} = :f${i}`).join(' AND ') }
        : {}),
      ExpressionAttributeNames: {
        '#pk': partitionKey,
        ...(q.sortBefore === undefined ? {} : { '#sk': sortKey }),
        ...Object.fromEntries(filters.map((f, i) => [`#f${i}`, f.attribute])),
      },
      ExpressionAttributeValues: {
        ':pk': q.partition,
        ...(q.sortBefore === undefined ? {} : { ':before': q.sortBefore }),
        ...Object.fromEntries(filters.map((f, i) => [`:f${i}`, f.value])),
      },
      ScanIndexForward: q.ascending ?? false,
      Limit: q.limit,
      ExclusiveStartKey: decode(q),
    }),
  );
  const nextToken = encode(q, page.LastEvaluatedKey);
  return {
    items: (page.Items ?? []).map((item) => toResource(item)),
    ...(nextToken ? { nextToken } : {}),
  };
};
