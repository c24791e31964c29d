import { describe, expect, it } from 'vitest';
import { type DrainResult, drainAfterRequest, type OutboxDrain } from '../../infra/local/outbox-drain.ts';

/** A drain that only counts how often it is asked: the stream path itself is tested in test/integration. */
const countingDrain = () => {
  const calls: string[] = [];
  const drain: OutboxDrain = {
    drain: async (): Promise<DrainResult> => {
      calls.push('drain');
      return { invocations: 0, records: 0, retries: 0, unsent: 0, ms: 0, timedOut: false };
    },
    close: async () => {},
  };
  return { drain, calls };
};

const request = (method: string) => ({ method, path: '/applications', routeKey: undefined, statusCode: 200 });

describe('the local gateway waits for e-mails only after writes', () => {
  it('answers reads at once, without draining the outbox', async () => {
    const { drain, calls } = countingDrain();
    const hook = drainAfterRequest(drain);
    for (const method of ['GET', 'HEAD', 'OPTIONS']) await hook(request(method));
    expect(calls).toEqual([]);
  });

  it('drains the outbox after every write, so its e-mails are out when it answers', async () => {
    const { drain, calls } = countingDrain();
    const hook = drainAfterRequest(drain);
    for (const method of ['POST', 'PUT', 'DELETE']) await hook(request(method));
    expect(calls).toEqual(['drain', 'drain', 'drain']);
  });
});
