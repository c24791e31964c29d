import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client.ts';
import { mintPageToken, type PageScope, readPageToken } from './page-tokens.ts';
import { INDEXES, TABLE_KEYS } from './table-schema.ts';

/**
 * The two ways this code base reads a key range: `queryPage`, one page of an API list with an
 * opaque token for the next, and `queryAll`, every item of a range (small lists, reports, jobs).
 * Both read through `readPages`, the one loop over DynamoDB's pages; page-tokens.ts signs and
 * checks the tokens.
 */

type Item = Record<string, unknown>;
type IndexName = keyof typeof INDEXES;

/** A key range in one partition of the table, or of one of its indexes. */
export interface KeyRange {
  /** The index to read; absent: the table itself. */
  index?: IndexName;
  partition: string;
  /** Only sort keys that begin with this. */
  beginsWith?: string;
  /** Only sort keys from this one on (inclusive). */
  from?: string;
  /** Only sort keys up to this one (inclusive). */
  to?: string;
  /** Only sort keys before this one (exclusive). */
  before?: string;
  /** Equality filters on non-key attributes: DynamoDB still reads what they drop, so small partitions only. */
  filters?: readonly { attribute: string; value: string }[];
  /** Only these attributes (any name; reserved words are fine). */
  projection?: readonly string[];
  /** Strongly consistent (the table only: global secondary indexes refuse it). */
  consistent?: boolean;
  /** Largest sort key first (DynamoDB's default, and ours, is smallest first). */
  descending?: boolean;
}

const keysOf = (index: IndexName | undefined) =>
  index
    ? INDEXES[index]
    : { name: undefined, partitionKey: TABLE_KEYS.partitionKey, sortKey: TABLE_KEYS.sortKey };

/** `#sk …` for the range's sort-key condition, or nothing; a combination DynamoDB has no form for is a bug. */
const sortCondition = ({
  beginsWith,
  from,
  to,
  before,
}: KeyRange): { expression: string; values: Item } | undefined => {
  const given = [beginsWith, from ?? to, before].filter((bound) => bound !== undefined).length;
  if (given > 1) throw new Error('A key range takes one of beginsWith, from/to or before');
  if (beginsWith !== undefined)
    return { expression: 'begins_with(#sk, :prefix)', values: { ':prefix': beginsWith } };
  if (from !== undefined && to !== undefined)
    return { expression: '#sk BETWEEN :from AND :to', values: { ':from': from, ':to': to } };
  if (from !== undefined) return { expression: '#sk >= :from', values: { ':from': from } };
  if (to !== undefined) return { expression: '#sk <= :to', values: { ':to': to } };
  if (before !== undefined) return { expression: '#sk < :before', values: { ':before': before } };
  return undefined;
};

const queryInput = (range: KeyRange): QueryCommandInput => {
  const { name, partitionKey, sortKey } = keysOf(range.index);
  const sort = sortCondition(range);
  const filters = range.filters ?? [];
  const projection = range.projection ?? [];
  return {
    TableName: tableName(),
    ...(name ? { IndexName: name } : {}),
    KeyConditionExpression: sort ? `#pk = :pk AND ${sort.expression}` : '#pk = :pk',
    ...(filters.length > 0
      ? { FilterExpression: filters.map((_, i) => `#f${i} = :f${i}`).join(' AND ') }
      : {}),
    ...(projection.length > 0 ? { ProjectionExpression: projection.map((_, i) => `#a${i}`).join(', ') } : {}),
    ExpressionAttributeNames: {
      '#pk': partitionKey,
      ...(sort ? { '#sk': sortKey } : {}),
      ...Object.fromEntries(filters.map((f, i) => [`#f${i}`, f.attribute])),
      ...Object.fromEntries(projection.map((attribute, i) => [`#a${i}`, attribute])),
    },
    ExpressionAttributeValues: {
      ':pk': range.partition,
      ...sort?.values,
      ...Object.fromEntries(filters.map((f, i) => [`:f${i}`, f.value])),
    },
    ...(range.consistent ? { ConsistentRead: true } : {}),
    ScanIndexForward: !range.descending,
  };
};

export interface ReadOptions {
  /** Items DynamoDB evaluates per request (it stops at 1 MB anyway). */
  pageSize?: number;
  /** Resume after this key (a previous read's `LastEvaluatedKey`). */
  startKey?: Item;
  /** Sees every answer, with its consumed capacity (e.g. to meter a report's reads). */
  onPage?: (page: QueryCommandOutput) => void;
}

/** The one loop over DynamoDB's pages of a query; the consumer stops it by leaving the loop. */
async function* readPages(range: KeyRange, options: ReadOptions): AsyncGenerator<QueryCommandOutput> {
  const input = queryInput(range);
  let startKey = options.startKey;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        ...input,
        ...(options.pageSize ? { Limit: options.pageSize } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        ...(options.onPage ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
      }),
    );
    options.onPage?.(page);
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Every item of a key range, as stored (keys included; map them to resources yourself). With
 * `maxPages`, stops after that many requests: `onPage` then sees where it stopped
 * (`LastEvaluatedKey`), and `startKey` resumes there.
 */
export const queryAll = async (
  range: KeyRange,
  options: ReadOptions & { maxPages?: number } = {},
): Promise<Item[]> => {
  const items: Item[] = [];
  let pages = 0;
  for await (const page of readPages(range, options)) {
    items.push(...(page.Items ?? []));
    if (++pages === options.maxPages) break;
  }
  return items;
};

export interface PageQuery extends PageScope {
  /** Items on the page (1–100). */
  limit: number;
  nextToken?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

const rangeOf = (q: PageQuery): KeyRange => ({
  index: q.index,
  partition: q.partition,
  ...(q.sortBefore !== undefined ? { before: q.sortBefore } : {}),
  ...(q.filters ? { filters: q.filters } : {}),
  // Newest (largest sort key) first unless told otherwise.
  descending: !q.ascending,
});

/**
 * Items a filtered page evaluates per request: filtered partitions are small, so one or two
 * requests read them, instead of one per `limit + 1` items evaluated.
 */
const FILTERED_PAGE_SIZE = 100;

/**
 * One page of an API list: at most `limit` items, and a `nextToken` only when more follow. It
 * reads `limit + 1` matches (or up to the end), so a list whose length is a multiple of `limit`
 * does not end on an empty page; the token holds the last item shown.
 */
export const queryPage = async <T>(q: PageQuery, toResource: (item: Item) => T): Promise<Page<T>> => {
  const wanted = q.limit + 1;
  const range = rangeOf(q);
  const startKey = q.nextToken === undefined ? undefined : await readPageToken(q, q.nextToken);
  const items: Item[] = [];
  const pageSize = range.filters?.length ? Math.max(wanted, FILTERED_PAGE_SIZE) : wanted;
  for await (const page of readPages(range, { pageSize, ...(startKey ? { startKey } : {}) })) {
    items.push(...(page.Items ?? []));
    if (items.length >= wanted) break;
  }
  const shown = items.slice(0, q.limit);
  const last = shown.at(-1);
  const nextToken = items.length > q.limit && last ? await mintPageToken(q, last) : undefined;
  return { items: shown.map((item) => toResource(item)), ...(nextToken ? { nextToken } : {}) };
};
