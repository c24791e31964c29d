import { DescribeTableCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type ShardIteratorType,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  AttributeValue,
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { OUTBOX_PENDING_PARTITION, outboxKey } from '../../shared/adapters/dynamodb/keys.ts';
import { INDEXES } from '../../shared/adapters/dynamodb/table-schema.ts';
import { lambdaContext } from './event.ts';
import type { AfterRequestHook } from './gateway.ts';

/**
 * The local stand-in for the Lambda event source mapping on the table's stream: reads DynamoDB
 * Local's stream with the DynamoDB Streams API, turns what it reads into a real
 * `DynamoDBStreamEvent` and invokes the mailer's stream handler (functions/mailer/stream.ts) with it,
 * retrying reported failures from the failed record on, as the mapping does. `drain()` returns once
 * the outbox holds no unsent item (or after a timeout): the local gateway awaits it after every
 * request, so the e-mails a request caused are in the SES emulator when its answer arrives.
 *
 * This module imports no handler and no shared/config.ts at load; the handler is imported when the
 * drain starts, after the local stack has set the environment.
 */

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;

export interface OutboxDrainOptions {
  tableName: string;
  /** DynamoDB Local. */
  endpoint: string;
  region?: string;
  /** Default: functions/mailer/stream.ts `handler`. */
  handler?: StreamHandler;
  /**
   * Where to start in the shards that exist at start (shards found later are read from their
   * start). `LATEST` (default): only what is written from now on; unsent items already in the table
   * are then handed to the handler once, at start, as the sweeper would. `TRIM_HORIZON`: everything
   * the stream holds (tests, on a table of their own).
   */
  startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /** How long `drain()` waits for the outbox to empty. */
  timeoutMs?: number;
  /** Records per invocation, as the Mailer construct's batch size. */
  batchSize?: number;
  /** Drain this often even without requests, so shard iterators (15 min) never expire; 0: never. */
  keepAliveMs?: number;
}

export interface DrainResult {
  /** Handler invocations. */
  invocations: number;
  /** Records handed to the handler, retries included. */
  records: number;
  /** Invocations that were retries of reported failures. */
  retries: number;
  /** Unsent outbox items (pending or sending) when it returned. */
  unsent: number;
  timedOut: boolean;
  ms: number;
}

export interface OutboxDrain {
  drain(options?: { timeoutMs?: number }): Promise<DrainResult>;
  close(): Promise<void>;
}

interface Shard {
  iterator: string | undefined;
  /** No more records will come (closed and read to its end). */
  ended: boolean;
  /** For a new iterator after expiry. */
  lastSequenceNumber: string | undefined;
  /** Read, not yet handled successfully, in order: a failure blocks what follows, as in Lambda. */
  backlog: DynamoDBRecord[];
  failures: number;
  retryAt: number;
}

const POLL_MS = 20;
/** New shards are rare (a closed shard triggers a look at once); this catches the rest. */
const DESCRIBE_EVERY_MS = 10_000;
const RETRY_BASE_MS = 50;
const RETRY_MAX_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type SdkAttributeValue = {
  S?: string;
  N?: string;
  B?: Uint8Array;
  SS?: string[];
  NS?: string[];
  BS?: Uint8Array[];
  M?: Record<string, SdkAttributeValue>;
  L?: SdkAttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
};

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** An SDK attribute value as Lambda's event JSON carries it (binary as base64). */
const toEventValue = (value: SdkAttributeValue): AttributeValue => {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toEventImage(value.M) ?? {} };
  if (value.L !== undefined) return { L: value.L.map(toEventValue) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  return { NULL: true };
};

const toEventImage = (
  image: Record<string, SdkAttributeValue> | undefined,
): Record<string, AttributeValue> | undefined =>
  image && Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toEventValue(value)]));

/** A stream record as the Lambda event source mapping hands it to a function. */
export const toEventRecord = (record: _Record, streamArn: string, region: string): DynamoDBRecord => {
  const data = record.dynamodb;
  const keys = toEventImage(data?.Keys as Record<string, SdkAttributeValue> | undefined);
  const newImage = toEventImage(data?.NewImage as Record<string, SdkAttributeValue> | undefined);
  const oldImage = toEventImage(data?.OldImage as Record<string, SdkAttributeValue> | undefined);
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...(data?.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(data.ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      ...(keys ? { Keys: keys } : {}),
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      SequenceNumber: data?.SequenceNumber,
      SizeBytes: data?.SizeBytes,
      StreamViewType: data?.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
};

export const startOutboxDrain = async (options: OutboxDrainOptions): Promise<OutboxDrain> => {
  const region = options.region ?? 'eu-north-1';
  const clientConfig = {
    endpoint: options.endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const handler =
    options.handler ??
    ((await import('../../functions/mailer/stream.ts')) as { handler: StreamHandler }).handler;
  const batchSize = options.batchSize ?? 10;
  const defaultTimeoutMs = options.timeoutMs ?? 5_000;

  const table = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream; the outbox needs one`);

  const shards = new Map<string, Shard>();
  /** Synthetic INSERT records for unsent items that predate a LATEST start; handled like a shard. */
  const resumed: Shard = {
    iterator: undefined,
    ended: true,
    lastSequenceNumber: undefined,
    backlog: [],
    failures: 0,
    retryAt: 0,
  };
  /** Items another process was sending when we started: not ours to wait for. */
  const ignored = new Set<string>();
  let describedAt = 0;

  const iteratorFor = async (shardId: string, type: ShardIteratorType, after?: string) =>
    (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
          ...(after ? { SequenceNumber: after } : {}),
        }),
      )
    ).ShardIterator;

  const discoverShards = async (atStart: boolean): Promise<void> => {
    describedAt = Date.now();
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({
          StreamArn: streamArn,
          ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}),
        }),
      );
      for (const { ShardId: shardId, SequenceNumberRange: range } of StreamDescription?.Shards ?? []) {
        if (!shardId || shards.has(shardId)) continue;
        const closed = range?.EndingSequenceNumber !== undefined;
        // At start, LATEST skips history (a closed shard holds nothing new); shards born later are
        // read from their beginning so nothing written after start is missed.
        const type: ShardIteratorType = atStart ? (options.startingPosition ?? 'LATEST') : 'TRIM_HORIZON';
        const skip = atStart && type === 'LATEST' && closed;
        shards.set(shardId, {
          iterator: skip ? undefined : await iteratorFor(shardId, type),
          ended: skip,
          lastSequenceNumber: undefined,
          backlog: [],
          failures: 0,
          retryAt: 0,
        });
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  };

  const readShard = async (shardId: string, shard: Shard): Promise<void> => {
    if (shard.ended || !shard.iterator) return;
    let page: GetRecordsCommandOutput;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException))
        throw error;
      // An expired iterator continues after the last record read; a shard never read from, or
      // trimmed past that record, starts over from its oldest record (delivery is idempotent).
      shard.iterator =
        error instanceof ExpiredIteratorException && shard.lastSequenceNumber
          ? await iteratorFor(shardId, 'AFTER_SEQUENCE_NUMBER', shard.lastSequenceNumber)
          : await iteratorFor(shardId, 'TRIM_HORIZON');
      return;
    }
    const records = page.Records ?? [];
    for (const record of records) {
      shard.backlog.push(toEventRecord(record, streamArn, region));
      shard.lastSequenceNumber = record.dynamodb?.SequenceNumber ?? shard.lastSequenceNumber;
    }
    shard.iterator = page.NextShardIterator;
    if (!shard.iterator) {
      // Closed and read to its end: its children exist by now; look for them at once.
      shard.ended = true;
      describedAt = 0;
    }
  };

  /** One invocation for the head of a backlog; on failure, blocks it from the failed record on. */
  const invoke = async (shard: Shard, result: DrainResult): Promise<void> => {
    const batch = shard.backlog.slice(0, batchSize);
    result.invocations++;
    result.records += batch.length;
    if (shard.failures > 0) result.retries++;
    let failedAt = batch.length;
    try {
      const response = await handler({ Records: batch }, lambdaContext('mailer/stream', undefined, 60_000));
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      const index = batch.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
      if (index !== -1) failedAt = index;
      else if (failed.size > 0) failedAt = 0;
    } catch (error) {
      console.error('[outbox] the mailer stream handler failed; retrying the batch:', error);
      failedAt = 0;
    }
    if (failedAt === batch.length) {
      shard.backlog.splice(0, batch.length);
      shard.failures = 0;
      return;
    }
    // Like the mapping with ReportBatchItemFailures: what precedes the first failure is done; the
    // rest is retried, after a growing pause (the mapping's own retries, bisected or not).
    shard.backlog.splice(0, failedAt);
    shard.failures++;
    shard.retryAt = Date.now() + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (shard.failures - 1));
  };

  const unsentItems = async (): Promise<{ id: string; status: string }[]> => {
    const { name, partitionKey } = INDEXES.gsi3;
    const found: { id: string; status: string }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: options.tableName,
          IndexName: name,
          KeyConditionExpression: '#pk = :pk',
          ProjectionExpression: 'id, #status',
          ExpressionAttributeNames: { '#pk': partitionKey, '#status': 'status' },
          ExpressionAttributeValues: { ':pk': { S: OUTBOX_PENDING_PARTITION } },
          ...(startKey ? { ExclusiveStartKey: startKey as never } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const id = item.id?.S;
        if (id && !ignored.has(id)) found.push({ id, status: item.status?.S ?? '' });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  };

  /** Unsent items written before a LATEST start never come through the stream: hand them over once. */
  const resumeEarlierItems = async (): Promise<void> => {
    for (const { id, status } of await unsentItems()) {
      if (status !== 'pending') {
        ignored.add(id);
        continue;
      }
      const { Item } = await dynamo.send(
        new GetItemCommand({
          TableName: options.tableName,
          Key: { pk: { S: outboxKey(id).pk }, sk: { S: outboxKey(id).sk } },
        }),
      );
      if (!Item) continue;
      resumed.backlog.push({
        eventID: `local-resume-${id}`,
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: region,
        dynamodb: {
          Keys: toEventImage({ pk: Item.pk as SdkAttributeValue, sk: Item.sk as SdkAttributeValue }),
          NewImage: toEventImage(Item as Record<string, SdkAttributeValue>),
          SequenceNumber: `local-resume-${id}`,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: streamArn,
      });
    }
  };

  const drainOnce = async (timeoutMs: number): Promise<DrainResult> => {
    const started = Date.now();
    const deadline = started + timeoutMs;
    const result: DrainResult = { invocations: 0, records: 0, retries: 0, unsent: 0, timedOut: false, ms: 0 };
    const all = () => [resumed, ...shards.values()];
    for (;;) {
      if (Date.now() - describedAt >= DESCRIBE_EVERY_MS) await discoverShards(false);
      let [, unsent] = await Promise.all([
        Promise.all([...shards].map(([shardId, shard]) => readShard(shardId, shard))),
        unsentItems(),
      ]);
      let invoked = false;
      for (const shard of all()) {
        while (shard.backlog.length > 0 && shard.retryAt <= Date.now()) {
          await invoke(shard, result);
          invoked = true;
          if (shard.failures > 0) break;
        }
      }
      if (invoked && unsent.length > 0) unsent = await unsentItems();
      result.unsent = unsent.length;
      // Done when nothing is left to send; records still in a backlog are only the mailer's own
      // updates and other entities' changes (a no-op for the handler), handled on the next drain.
      if (unsent.length === 0) break;
      if (Date.now() >= deadline) {
        result.timedOut = true;
        break;
      }
      const nextRetry = Math.min(...all().map((s) => (s.backlog.length > 0 ? s.retryAt : Infinity)));
      await sleep(Math.max(0, Math.min(POLL_MS, nextRetry - Date.now(), deadline - Date.now())));
    }
    result.ms = Date.now() - started;
    return result;
  };

  await discoverShards(true);
  if ((options.startingPosition ?? 'LATEST') === 'LATEST') await resumeEarlierItems();

  // One drain at a time: a second request's drain waits for the first, then checks again itself.
  let chain: Promise<unknown> = Promise.resolve();
  const drain = (drainOptions: { timeoutMs?: number } = {}): Promise<DrainResult> => {
    const run = chain.then(() => drainOnce(drainOptions.timeoutMs ?? defaultTimeoutMs));
    chain = run.catch(() => {});
    return run;
  };
  const keepAliveMs = options.keepAliveMs ?? 0;
  const keepAlive =
    keepAliveMs > 0
      ? setInterval(() => {
          drain().catch((error) => console.error('[outbox] background drain failed:', error));
        }, keepAliveMs)
      : undefined;
  keepAlive?.unref();
  if (resumed.backlog.length > 0) {
    drain().catch((error) => console.error('[outbox] could not send the e-mails left from before:', error));
  }

  return {
    drain,
    close: async () => {
      if (keepAlive) clearInterval(keepAlive);
      await chain;
      dynamo.destroy();
      streams.destroy();
    },
  };
};

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The gateway's afterRequest hook: waits for the request's e-mails to reach the outbox. It never
 * fails the request (the change it made is stored either way); it says what it could not send.
 */
export const drainAfterRequest =
  (outbox: OutboxDrain, warn: (line: string) => void = console.warn): AfterRequestHook =>
  async ({ method, path }) => {
    // Only writes put e-mails in the outbox: a read answers without waiting for the stream.
    if (READS.has(method)) return;
    try {
      const result = await outbox.drain();
      if (result.timedOut) {
        warn(
          `[outbox] after ${method} ${path}: ${result.unsent} e-mail(s) still unsent after ${result.ms} ms; retried after the next request`,
        );
      }
    } catch (error) {
      console.error(`[outbox] after ${method} ${path}: could not drain the outbox:`, error);
    }
  };
