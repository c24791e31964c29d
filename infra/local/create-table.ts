import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { INDEX_LIST, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/table-schema.ts';

/** The CreateTable input for DynamoDB Local, from the same schema CDK deploys. */
export const createTableInput = (tableName: string): CreateTableCommandInput => {
  const keyAttributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const index of INDEX_LIST) {
    keyAttributes.add(index.partitionKey);
    keyAttributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyAttributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: INDEX_LIST.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection:
        index.projection === 'ALL'
          ? { ProjectionType: 'ALL' }
          : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
};

/** Creates the table if it does not exist yet (the local stack keeps data between runs). */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(client, tableName);
  }
};

/**
 * A table the local stack kept from before an index was added gets it, as CloudFormation adds a
 * new index to the deployed table in place (DynamoDB fills it from the items already there).
 */
const addMissingIndexes = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const wanted = createTableInput(tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: (index.KeySchema ?? []).map((key) => ({
          AttributeName: key.AttributeName,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    // Answer only once it can be read: DynamoDB Local fills it in a moment when idle, in tens of
    // seconds when busy; past two minutes something is wrong, and the start says so.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { Table: now } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      const added = now?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.IndexName);
      if (added?.IndexStatus === 'ACTIVE') break;
      if (Date.now() > deadline)
        throw new Error(`The index ${index.IndexName} of ${tableName} did not become active`);
      await sleep(100);
    }
  }
};

/** ensureTable on a DynamoDB Local endpoint, with a client of its own for the call. */
export const ensureLocalTable = async (endpoint: string, tableName: string): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTable(client, tableName);
  } finally {
    client.destroy();
  }
};
