import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, startS3Emulator, startSesEmulator } from '../../infra/local/engines.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
    s3Endpoint: string;
    documentsBucket: string;
    pageTokenKey: string;
  }
}

/**
 * Starts the real DynamoDB Local, the SES emulator and the S3 emulator once per test run, and stops them after; and
 * makes the run's page-token key (as the stack's secret is, deployed).
 */
export default async function setup(project: TestProject) {
  const documentsBucket = 'kur-documents-test';
  const [dynamo, ses, s3] = await Promise.all([
    startDynamoDbLocal(),
    startSesEmulator(),
    // A fresh, empty bucket each run. Any origin may post: each browser test serves the form on a
    // port of its own (deployed, and under `npm start`, only the form's origin may).
    startS3Emulator({ bucket: documentsBucket, corsOrigin: '*' }),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('documentsBucket', documentsBucket);
  project.provide('pageTokenKey', randomBytes(32).toString('base64url'));
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop(), s3.stop()]);
  };
}
