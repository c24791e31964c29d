/**
 * `npm run bench`: speed and cost measurements against a fresh, in-memory DynamoDB Local. Each
 * bench prints what it measured and fails (exit 1) when a target is missed. Not part of `npm test`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/create-table.ts';
import { startDynamoDbLocal } from '../../infra/local/engines.ts';

const dynamoDb = await startDynamoDbLocal();
const stop = () => dynamoDb.stop();
process.once('SIGINT', () => void stop().then(() => process.exit(130)));

let failed = false;
try {
  process.env.TABLE_NAME = 'bench';
  process.env.DYNAMODB_ENDPOINT = dynamoDb.endpoint;
  process.env.AWS_REGION = 'eu-north-1';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const client = new DynamoDBClient({
    endpoint: dynamoDb.endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, 'bench');
  client.destroy();

  // Imported after the environment is set: the configuration is read at module load.
  const benches = [await import('./reminders.bench.ts'), await import('./reports.bench.ts')];
  for (const bench of benches) {
    const result = await bench.run();
    console.log(`\n${bench.name}\n${result.lines.join('\n')}\n${result.ok ? 'OK' : 'TARGET MISSED'}`);
    failed ||= !result.ok;
  }
} finally {
  await stop();
}
process.exit(failed ? 1 : 0);
