import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { queryAll } from './pages.ts';
import { INDEX_LIST, type INDEXES, TABLE_KEYS } from './table-schema.ts';

/** Stored alongside every item: its kind, for humans reading the table and for stream consumers. */
export const ENTITY_ATTRIBUTE = 'entity';

const KEY_ATTRIBUTES = new Set<string>([
  ENTITY_ATTRIBUTE,
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...INDEX_LIST.flatMap((index): string[] =>
    'sortKeyIsData' in index ? [index.partitionKey] : [index.partitionKey, index.sortKey],
  ),
]);

/** The stored item without its table and index keys and entity tag: what the API answers. */
export const withoutKeys = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;

/** The cancellation reason codes of a failed transaction, by the position of each action. */
export const cancellationCodes = (error: unknown): (string | undefined)[] | undefined =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => reason.Code)
    : undefined;

/** Every item of one index partition as the API answers it, for the small lists it answers in one page. */
export const queryPartition = async <T>(index: keyof typeof INDEXES, partition: string): Promise<T[]> =>
  (await queryAll({ index, partition })).map((item) => withoutKeys<T>(item));
