import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { IdempotencyKeyReused, RequestInProgress } from '../../domain/errors.ts';
import type { Idempotency } from '../../ports.ts';
import { dynamoClient, tableName } from './client.ts';
import { IDEMPOTENCY_PARTITION } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-schema.ts';

let store: DynamoDBPersistenceLayer | undefined;

/** Powertools' records in our table (P12), made on first use. */
const persistenceStore = (): DynamoDBPersistenceLayer => {
  store ??= new DynamoDBPersistenceLayer({
    tableName: tableName(),
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: IDEMPOTENCY_PARTITION,
    expiryAttr: TTL_ATTRIBUTE,
    awsSdkV3Client: dynamoClient(),
  });
  return store;
};

interface Keyed<B> {
  /** Operation, caller and the client's `Idempotency-Key`: a key is never shared between callers. */
  key: string;
  body: B;
}

/**
 * Makes a creating operation idempotent per `Idempotency-Key` (Powertools' function wrapper, not
 * the middy middleware; see PITFALLS.md). The key covers the operation and the caller; the payload
 * hash covers the body, so the same key with another body is refused. Errors are not stored: a
 * refused request created nothing, and its retry is tried anew.
 */
export const idempotency: Idempotency = {
  async once({ operation, callerSub, key, body, invocation }, run) {
    if (key === undefined) return run(body);
    // A wrapper per call: `run` closes over this request's caller, and the local gateway serves
    // many requests in one process at once.
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 60 * 60,
    });
    config.registerLambdaContext(invocation as Context);
    const wrapped = makeIdempotent((input: Keyed<typeof body>) => run(input.body), {
      persistenceStore: persistenceStore(),
      config,
    });
    try {
      return await wrapped({ key: `${operation}:${callerSub}:${key}`, body });
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw new IdempotencyKeyReused('Idempotency-Key har redan använts för en annan begäran.');
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw new RequestInProgress('Den första begäran med samma Idempotency-Key pågår fortfarande.');
      }
      throw error;
    }
  },
};
