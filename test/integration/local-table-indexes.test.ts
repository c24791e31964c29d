import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, ensureTable } from '../../infra/local/create-table.ts';
import { type Engine, startDynamoDbLocal } from '../../infra/local/engines.ts';
import { followUpKey, followUpPartitions } from '../../shared/adapters/dynamodb/keys.ts';
import { INDEXES } from '../../shared/adapters/dynamodb/table-schema.ts';

/**
 * The local stack keeps its table between runs: an index added to the schema since (issue 16's
 * follow-up report index) is added to it, filled from the items already there, as CloudFormation
 * adds a new index to the deployed table in place. On an engine of its own with its data on disk,
 * as `npm start` keeps it: on the suite's shared in-memory engine, busy with every other file,
 * DynamoDB Local once never finished building the index.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'kur-kept-table-'));
let engine: Engine;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  engine = await startDynamoDbLocal({ dataDir });
  client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  documents = DynamoDBDocumentClient.from(client);
}, 60_000);
afterAll(async () => {
  client?.destroy();
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a local table made before an index existed', () => {
  // DynamoDB Local builds a new index in the background, in seconds when it is not busy.
  it('gets the index, with the items it already held', { timeout: 120_000 }, async () => {
    const tableName = `older-${randomUUID()}`;
    const current = createTableInput(tableName);
    const { name, partitionKey, sortKey } = INDEXES.followUpReport;
    await client.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: current.AttributeDefinitions?.filter((a) => a.AttributeName !== sortKey),
        GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.filter((index) => index.IndexName !== name),
      }),
    );
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...followUpKey('f-1'),
          [partitionKey]: followUpPartitions.programme('kur2'),
          dueOn: '2015-06-30',
          applicationTitle: 'Kunskap i Karlstad',
        },
      }),
    );

    await ensureTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toContain(name);
    let items: Record<string, unknown>[] = [];
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; items.length === 0 && Date.now() < deadline; attempt++) {
      if (attempt > 0) await sleep(200);
      items = await documents
        .send(
          new QueryCommand({
            TableName: tableName,
            IndexName: name,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': partitionKey },
            ExpressionAttributeValues: { ':pk': followUpPartitions.programme('kur2') },
          }),
        )
        .then(
          ({ Items = [] }) => Items,
          () => [],
        );
    }
    expect(items).toEqual([
      expect.objectContaining({ dueOn: '2015-06-30', applicationTitle: 'Kunskap i Karlstad' }),
    ]);
  });
});
