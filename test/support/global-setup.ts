import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, startSesEmulator } from '../../infra/local/engines.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
    pageTokenKey: string;
  }
}

/**
 * Starts the real DynamoDB Local and the SES emulator once per test run, and stops them after; and
 * makes the run's page-token key (as the stack's secret is, deployed).
 */
export default async function setup(project: TestProject) {
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal(), startSesEmulator()]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('pageTokenKey', randomBytes(32).toString('base64url'));
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop()]);
  };
}
