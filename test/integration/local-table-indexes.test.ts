import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createTableInput, ensureTable } from '../../infra/local/create-table.ts';
import { followUpKey, followUpPartitions } from '../../shared/adapters/dynamodb/keys.ts';
import { INDEXES } from '../../shared/adapters/dynamodb/table-schema.ts';

/**
 * The local stack keeps its table between runs: an index added to the schema since (issue 16's
 * follow-up report index) is added to it, filled from the items already there, as CloudFormation
 * adds a new index to the deployed table in place.
 */
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const documents = DynamoDBDocumentClient.from(client);
afterAll(() => client.destroy());

describe('a local table made before an index existed', () => {
  // DynamoDB Local builds a new index in the background: seconds alone, longer while the whole
  // suite shares the engine (it timed out at 30 s in CI once).
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
