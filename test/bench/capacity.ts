import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { documentClient } from '../../shared/adapters/dynamodb/client.ts';

/**
 * Counts the read capacity the product code consumes: asks DynamoDB for it on every read and sums
 * it. DynamoDB Local enforces no capacity, but what it reports is a fair count of what a read reads.
 */
const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand']);

let installed: ReturnType<typeof install> | undefined;

/** The one meter of the process (the middleware is installed once, on first use). */
export const capacityMeter = () => {
  installed ??= install();
  return installed;
};

const install = () => {
  let readUnits = 0;
  let reads = 0;
  let counting = false;
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const isRead = READS.has(context.commandName ?? '');
      const input = args.input as { ReturnConsumedCapacity?: string };
      if (counting && isRead) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (counting && isRead) {
        const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
        const consumed = output.ConsumedCapacity;
        reads++;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
          readUnits += c.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'capacityMeter' },
  );
  return {
    measure: async <T>(work: () => Promise<T>): Promise<{ result: T; readUnits: number; reads: number }> => {
      readUnits = 0;
      reads = 0;
      counting = true;
      try {
        return { result: await work(), readUnits, reads };
      } finally {
        counting = false;
      }
    },
  };
};
