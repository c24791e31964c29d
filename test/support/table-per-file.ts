import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureLocalTable } from '../../infra/local/create-table.ts';

/**
 * Runs before each test file, before it imports any handler: points the configuration at a fresh
 * table of its own in the shared DynamoDB Local, so files never see each other's data.
 */
const endpoint = inject('dynamoEndpoint');
const tableName = `test-${randomUUID()}`;
process.env.TABLE_NAME = tableName;
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.SES_ENDPOINT = inject('sesEndpoint');
process.env.S3_ENDPOINT = inject('s3Endpoint');
process.env.DOCUMENTS_BUCKET = inject('documentsBucket');
process.env.AWS_REGION = 'eu-north-1';
process.env.PAGE_TOKEN_KEY = inject('pageTokenKey');
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_DEV = 'true';

await ensureLocalTable(endpoint, tableName);
