import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type AreaCalendarToken, type CalendarTokenStore, LostRace } from '../../ports.ts';
import { pageTokenKey } from '../page-token-key.ts';
import { dynamo, tableName } from './client.ts';
import { cancellationCodes } from './items.ts';
import { areaCalendarKey, calendarTokenKey } from './keys.ts';
import { transactWrite } from './transact.ts';

/**
 * The calendar feeds' secret tokens in the table, never in the clear:
 * - the lookup item (`CALENDAR#<sha256 hex>`) holds only the hash and the area: the anonymous feed
 *   finds its area with one GetItem, and needs no secret to do so;
 * - the area's item holds the hash of its current token and the token sealed with AES-256-GCM
 *   (bound to the area), so that `GET /areas/{areaId}/calendar` can show the same URL again. The
 *   sealing key is derived (HKDF, a label of its own) from the page-token secret, which only the
 *   functions whose routes list it may read: a copy of the table alone yields no working URL.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const SEALING_LABEL = 'kur calendar-token sealing v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const sealingKey = async (): Promise<Buffer> =>
  Buffer.from(hkdfSync('sha256', await pageTokenKey(), Buffer.alloc(0), SEALING_LABEL, 32));

/** `iv | tag | ciphertext`, base64url; the area is the associated data, so a sealed token opens only for its own area. */
const seal = async (areaId: string, token: string): Promise<string> => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await sealingKey(), iv);
  cipher.setAAD(Buffer.from(areaId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
};

/** The token, or undefined when it does not open (another key, another area, altered). */
const unseal = async (areaId: string, sealed: string): Promise<string | undefined> => {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', await sealingKey(), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(areaId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
};

interface AreaCalendarItem {
  areaId: string;
  tokenHash: string;
  sealedToken: string;
  version: number;
}

const readAreaItem = async (areaId: string): Promise<AreaCalendarItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName(), Key: areaCalendarKey(areaId), ConsistentRead: true }),
  );
  return Item as AreaCalendarItem | undefined;
};

const get = async (areaId: string): Promise<AreaCalendarToken | undefined> => {
  const item = await readAreaItem(areaId);
  return item ? { token: await unseal(areaId, item.sealedToken), version: item.version } : undefined;
};

/**
 * One transaction: the area's item moves to the new token (on the condition that it is still the
 * version it was read at), the new lookup item is written, and the old one is deleted — from then
 * on the old URL finds nothing, exactly like one that never existed.
 */
const replace = async (areaId: string, token: string, previousVersion: number, at: Date): Promise<void> => {
  const previous = previousVersion === 0 ? undefined : await readAreaItem(areaId);
  if (previousVersion !== 0 && previous?.version !== previousVersion) throw new LostRace();
  const tokenHash = hashOf(token);
  const now = at.toISOString();
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...areaCalendarKey(areaId),
          entity: 'areaCalendar',
          areaId,
          tokenHash,
          sealedToken: await seal(areaId, token),
          version: previousVersion + 1,
          updatedAt: now,
        },
        ...(previous
          ? {
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': previousVersion },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...calendarTokenKey(tokenHash), entity: 'calendarToken', areaId, createdAt: now },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...(previous ? [{ Delete: { TableName: tableName(), Key: calendarTokenKey(previous.tokenHash) } }] : []),
  ];
  try {
    await transactWrite(items);
  } catch (error) {
    if (
      cancellationCodes(error)?.[0] === 'ConditionalCheckFailed' ||
      error instanceof ConditionalCheckFailedException
    ) {
      throw new LostRace();
    }
    throw error;
  }
};

/** The feed's one read: a strongly consistent GetItem, so a replaced token is refused at once. */
const areaOf = async (token: string): Promise<string | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName(),
      Key: calendarTokenKey(hashOf(token)),
      ConsistentRead: true,
      ProjectionExpression: 'areaId',
    }),
  );
  return typeof Item?.areaId === 'string' ? Item.areaId : undefined;
};

export const calendarTokensTable: CalendarTokenStore = { get, replace, areaOf };
