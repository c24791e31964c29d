import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.ts';
import { tracer } from '../../observability.ts';

interface Connection {
  client: DynamoDBClient;
  document: DynamoDBDocumentClient;
  tableName: string;
}

let connection: Connection | undefined;

/**
 * One client per process, made on first use (so importing an adapter reads no configuration) and
 * kept, so warm invocations reuse its connections.
 */
const connect = (): Connection => {
  if (!connection) {
    const { AWS_REGION, DYNAMODB_ENDPOINT, TABLE_NAME } = config();
    // Captured: every DynamoDB call is a subsegment of the function's X-Ray trace (a no-op outside Lambda).
    const client = tracer.captureAWSv3Client(
      new DynamoDBClient({
        region: AWS_REGION,
        ...(DYNAMODB_ENDPOINT
          ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
          : {}),
      }),
    );
    const document = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    connection = { client, document, tableName: TABLE_NAME };
  }
  return connection;
};

export const dynamoClient = (): DynamoDBClient => connect().client;

/** The document client itself, for tools that hook into its middleware (the benchmark's capacity meter). */
export const documentClient = (): DynamoDBDocumentClient => connect().document;

/** The document client's `send`, connecting on first use. */
export const dynamo: Pick<DynamoDBDocumentClient, 'send'> = {
  send: ((...args: Parameters<DynamoDBDocumentClient['send']>) =>
    connect().document.send(...args)) as DynamoDBDocumentClient['send'],
};

export const tableName = (): string => connect().tableName;
