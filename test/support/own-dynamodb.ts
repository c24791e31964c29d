import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/create-table.ts';
import { type Engine, startDynamoDbLocal } from '../../infra/local/engines.ts';

/**
 * A DynamoDB Local of the test file's own, with the table, for files that write tens of thousands
 * of items (they would hold up every other file's requests on the shared one). The adapters read
 * the endpoint when first imported, so the file imports everything that reaches shared/config.ts
 * after this has answered; it fails if something did before.
 */
export const startOwnDynamoDb = async (): Promise<Engine> => {
  const engine = await startDynamoDbLocal();
  process.env.DYNAMODB_ENDPOINT = engine.endpoint;
  const client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, process.env.TABLE_NAME ?? '');
  client.destroy();
  const { config } = await import('../../shared/config.ts');
  if (config().DYNAMODB_ENDPOINT !== engine.endpoint)
    throw new Error('shared/config.ts was imported too early');
  return engine;
};
