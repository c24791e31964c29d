import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type AreaCalendarToken, type CalendarTokenStore, LostRace } from '../../ports.ts';
import { tokenHash as hashOf, seal, unseal } from '../sealed-token.ts';
import { dynamo, tableName } from './client.ts';
import { cancellationCodes } from './items.ts';
import { areaCalendarKey, calendarTokenKey } from './keys.ts';
import { transactWrite } from './transact.ts';

/**
 * The calendar feeds' secret tokens in the table, never in the clear:
 * - the lookup item (`CALENDAR#<sha256 hex>`) holds only the hash and the area: the anonymous feed
 *   finds its area with one GetItem, and needs no secret to do so;
 * - the area's item holds the hash of its current token and the token sealed (../sealed-token.ts,
 *   bound to the area, under a label of its own), so that `GET /areas/{areaId}/calendar` can show
 *   the same URL again: a copy of the table alone yields no working URL.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The label calendar tokens have been sealed under since they were first stored: changing it would
 * leave every area's stored URL unreadable.
 */
const SEALING_LABEL = 'kur calendar-token sealing v1';

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
  return item
    ? { token: await unseal(SEALING_LABEL, areaId, item.sealedToken), version: item.version }
    : undefined;
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
          sealedToken: await seal(SEALING_LABEL, areaId, token),
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
