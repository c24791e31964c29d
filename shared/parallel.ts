/**
 * Bounded parallel work, for the reminder job and the report reads: enough requests in flight to
 * hide latency, few enough not to trip DynamoDB throttling or the Lambda's sockets.
 */
/** Runs `work` over `items` with at most `limit` at a time, answering results in the items' order. */
export const mapBounded = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
