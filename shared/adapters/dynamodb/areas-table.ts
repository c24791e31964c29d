import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Area } from '../../domain/area.ts';
import { LostRace, type VersionedStore } from '../../ports.ts';
import { dynamo, tableName } from './client.ts';
import { queryPartition, withoutKeys } from './items.ts';
import { AREA_LIST_PARTITION, areaKey, areaListKeys } from './keys.ts';

const get = async (id: string): Promise<Area | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(), Key: areaKey(id) }));
  return Item ? withoutKeys<Area>(Item) : undefined;
};

const list = (): Promise<Area[]> => queryPartition<Area>('gsi1', AREA_LIST_PARTITION);

const save = async (next: Area, previous: Area | undefined): Promise<void> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...areaKey(next.id), ...areaListKeys(next.id), entity: 'area', ...next },
        ...(previous
          ? {
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': previous.version },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new LostRace();
    throw error;
  }
};

export const areasTable: VersionedStore<Area> = { get, list, save };
