import type { AttributeValue, ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import * as ddb from '@aws-sdk/client-dynamodb';
import { documentClient, dynamoClient, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { INDEX_LIST } from '../../shared/adapters/dynamodb/table-schema.ts';

/**
 * Records the DynamoDB calls the product code makes in this process (through its one client): each
 * call's operation and wire input, and the capacity DynamoDB reports for it. From the record a
 * bench replays the same calls directly, and recomputes the write capacity from the items written,
 * since DynamoDB Local under-reports transactions (it does not double them).
 */

export interface RecordedCall {
  /** `GetItemCommand`, `TransactWriteItemsCommand`, … */
  command: string;
  /** The low-level input (attribute values marshalled), as sent. */
  input: Record<string, unknown>;
  readUnits: number;
  writeUnits: number;
}

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

let installed: { calls: RecordedCall[] | undefined } | undefined;

const install = () => {
  const state: { calls: RecordedCall[] | undefined } = { calls: undefined };
  const stack = documentClient().middlewareStack;
  // Before the document client marshals: ask for the capacity of every call.
  stack.add(
    (next) => async (args) => {
      if (state.calls) {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchWriteCapacity' },
  );
  // After serialization: the marshalled input as it goes on the wire, and what came back.
  stack.add(
    (next, context) => async (args) => {
      const calls = state.calls;
      const result = await next(args);
      if (calls) {
        const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
        const consumed = output.ConsumedCapacity;
        let readUnits = 0;
        let writeUnits = 0;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          readUnits += c.ReadCapacityUnits ?? 0;
          writeUnits += c.WriteCapacityUnits ?? 0;
          if (c.ReadCapacityUnits === undefined && c.WriteCapacityUnits === undefined) {
            if (WRITES.has(context.commandName ?? '')) writeUnits += c.CapacityUnits ?? 0;
            else readUnits += c.CapacityUnits ?? 0;
          }
        }
        calls.push({
          command: context.commandName ?? 'unknown',
          input: structuredClone(args.input as Record<string, unknown>),
          readUnits,
          writeUnits,
        });
      }
      return result;
    },
    { step: 'build', name: 'benchRecorder' },
  );
  return state;
};

/** The DynamoDB calls `work` makes, with the capacity DynamoDB reported for each. */
export const record = async <T>(work: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> => {
  installed ??= install();
  const calls: RecordedCall[] = [];
  installed.calls = calls;
  try {
    return { result: await work(), calls };
  } finally {
    installed.calls = undefined;
  }
};

/** Sends recorded calls again, as they were, on the same client (conditions that held once may fail now: counted all the same). */
export const replay = async (calls: RecordedCall[]): Promise<void> => {
  const commands = ddb as unknown as Record<string, new (input: unknown) => ddb.GetItemCommand>;
  for (const call of calls) {
    const Command = commands[call.command];
    if (!Command) throw new Error(`Cannot replay ${call.command}`);
    try {
      await dynamoClient().send(new Command(structuredClone(call.input)));
    } catch (error) {
      if (
        !(
          error instanceof ddb.ConditionalCheckFailedException ||
          error instanceof ddb.TransactionCanceledException
        )
      )
        throw error;
    }
  }
};

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** DynamoDB's item size: attribute names plus values (numbers ~1 byte per 2 digits, 3 bytes per map or list). */
export const attributeSize = (value: AttributeValue): number => {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + Math.ceil(n.length / 2) + 1, 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.length, 0);
  if (value.M !== undefined) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + attributeSize(v) + 1, 0);
  return 1;
};

export const itemSize = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + attributeSize(value), 0);

const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

type Key = Record<string, AttributeValue>;
interface Written {
  key: Key;
  /** The item as written (a Put), else read back after the writes. */
  item?: Record<string, AttributeValue>;
  deleted: boolean;
  transactional: boolean;
  conditionOnly: boolean;
}

const keyOf = (item: Record<string, AttributeValue>): Key => ({
  pk: item.pk as AttributeValue,
  sk: item.sk as AttributeValue,
});

const writtenBy = (call: RecordedCall): Written[] => {
  const input = call.input as Record<string, any>;
  const one = (op: Record<string, any>, transactional: boolean): Written[] => {
    if (op.Put)
      return [
        { key: keyOf(op.Put.Item), item: op.Put.Item, deleted: false, transactional, conditionOnly: false },
      ];
    if (op.Update) return [{ key: op.Update.Key, deleted: false, transactional, conditionOnly: false }];
    if (op.Delete) return [{ key: op.Delete.Key, deleted: true, transactional, conditionOnly: false }];
    if (op.ConditionCheck)
      return [{ key: op.ConditionCheck.Key, deleted: false, transactional, conditionOnly: true }];
    return [];
  };
  switch (call.command) {
    case 'PutItemCommand':
      return one({ Put: input }, false);
    case 'UpdateItemCommand':
      return one({ Update: input }, false);
    case 'DeleteItemCommand':
      return one({ Delete: input }, false);
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as Record<string, any>[]).flatMap((op) => one(op, true));
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems as Record<string, Record<string, any>[]>)
        .flat()
        .flatMap((request) =>
          request.PutRequest
            ? one({ Put: request.PutRequest }, false)
            : one({ Delete: request.DeleteRequest }, false),
        );
    default:
      return [];
  }
};

export interface WriteCost {
  /** What DynamoDB Local reported (ReturnConsumedCapacity TOTAL), summed. */
  reportedWriteUnits: number;
  /** From the items: ceil(KB) per item and per index entry, doubled in a transaction. */
  computedWriteUnits: number;
  items: number;
  bytes: number;
}

/** Recomputes what the recorded writes cost on DynamoDB, from the items as they are now. */
export const writeCost = async (calls: RecordedCall[]): Promise<WriteCost> => {
  let computed = 0;
  let items = 0;
  let bytes = 0;
  for (const written of calls.flatMap(writtenBy)) {
    const item =
      written.item ??
      (written.deleted
        ? undefined
        : (await dynamoClient().send(new ddb.GetItemCommand({ TableName: tableName(), Key: written.key })))
            .Item);
    const size = item ? itemSize(item) : 0;
    const factor = written.transactional ? 2 : 1;
    items++;
    bytes += size;
    computed += factor * units(size);
    if (written.conditionOnly || !item) continue;
    // Each index the item is in is written too (its projection; ours project whole items or a few attributes).
    for (const index of INDEX_LIST) {
      if (item[index.partitionKey] === undefined) continue;
      const projected =
        index.projection === 'ALL'
          ? size
          : itemSize(
              Object.fromEntries(
                Object.entries(item).filter(
                  ([name]) =>
                    (index.projection as readonly string[]).includes(name) ||
                    ['pk', 'sk', index.partitionKey, index.sortKey].includes(name),
                ),
              ),
            );
      computed += units(projected);
    }
  }
  return {
    reportedWriteUnits: calls.reduce((sum, call) => sum + call.writeUnits, 0),
    computedWriteUnits: computed,
    items,
    bytes,
  };
};
