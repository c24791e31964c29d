import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationFailed } from '../../domain/errors.ts';
import { pageTokenKey } from '../page-token-key.ts';
import { INDEXES, TABLE_KEYS } from './table-schema.ts';

/**
 * Page tokens (`nextToken`): `<payload>.<signature>`. The payload is base64url JSON
 * `{ "k": <the key of the last item shown> }`; the signature is an HMAC-SHA256, with the secret
 * page-token key (page-token-key.ts), over the scope below and the payload. A token altered in any
 * way, or used by another caller or for another query, fails the signature. Its key is then still
 * checked value by value, so that no token — not even one we minted by mistake — can hand
 * DynamoDB a start key it refuses (which would be a 500): every bad token is a 400 naming
 * `nextToken`.
 */

type Item = Record<string, unknown>;

/** What a token is bound to: whose query, on which key range, filtered and ordered how. */
export interface PageScope {
  /** The caller (`sub`). */
  owner: string;
  index: keyof typeof INDEXES;
  partition: string;
  filters?: readonly { attribute: string; value: string }[];
  /** Only sort keys before this one. */
  sortBefore?: string;
  ascending?: boolean;
}

const FORMAT = 'kur-page-token-1';

/** DynamoDB's largest sort key (1 KB); partition keys may be 2 KB, but none of ours comes close. */
const MAX_KEY_LENGTH = 1024;

const badToken = () =>
  new ValidationFailed([
    { path: 'nextToken', message: 'nextToken hör inte till den här frågan; börja om från första sidan' },
  ]);

const signature = (key: Buffer, scope: PageScope, payload: string): Buffer =>
  createHmac('sha256', key)
    .update(
      JSON.stringify([
        FORMAT,
        scope.owner,
        scope.index,
        scope.partition,
        scope.filters ?? [],
        scope.sortBefore ?? null,
        scope.ascending ?? false,
        payload,
      ]),
    )
    .digest();

/** The attributes of a start key on an index: the table's keys and the index's. */
const startKeyNames = (index: PageScope['index']): string[] => {
  const { partitionKey, sortKey } = INDEXES[index];
  return [...new Set([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, partitionKey, sortKey])].sort();
};

/** A token that resumes after `last` (a stored item, as the query read it). */
export const mintPageToken = async (scope: PageScope, last: Item): Promise<string> => {
  const key = Object.fromEntries(startKeyNames(scope.index).map((name) => [name, last[name]]));
  const payload = Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
  return `${payload}.${signature(await pageTokenKey(), scope, payload).toString('base64url')}`;
};

/** The start key a token carries, if it was minted for this scope and its key lies in it; else a 400. */
export const readPageToken = async (scope: PageScope, token: string): Promise<Record<string, string>> => {
  const [payload, mac, ...rest] = token.split('.');
  if (!payload || !mac || rest.length > 0) throw badToken();
  // Compared as text: base64url decoding ignores the spare bits of the last character, so two
  // spellings of one signature would otherwise both pass.
  const expected = Buffer.from(signature(await pageTokenKey(), scope, payload).toString('base64url'));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badToken();

  let key: unknown;
  try {
    key = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k?: unknown } | null)?.k;
  } catch {
    throw badToken();
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    JSON.stringify(Object.keys(key).sort()) === JSON.stringify(startKeyNames(scope.index)) &&
    Object.values(key).every((v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY_LENGTH);
  if (!valid) throw badToken();
  const values = key as Record<string, string>;
  const { partitionKey, sortKey } = INDEXES[scope.index];
  const sortKeyValue = values[sortKey] ?? '';
  if (values[partitionKey] !== scope.partition) throw badToken();
  if (scope.sortBefore !== undefined && !(sortKeyValue < scope.sortBefore)) throw badToken();
  return values;
};
