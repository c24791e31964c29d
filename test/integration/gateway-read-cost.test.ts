import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';
import type { LocalStack } from '../support/local-stack.ts';

/**
 * What a read costs through the local gateway, counted where it lands: every request to DynamoDB
 * Local (the handlers' and the outbox drain's, streams included) passes a counting proxy. A GET
 * must cost what its handler reads and nothing more — no wait for the outbox's stream.
 *
 * The proxy is in place before anything reads the configuration, hence the dynamic import of the
 * local stack.
 */

const calls: string[] = [];
let proxy: Server;
let stack: LocalStack;

/** Forwards every request to `target` and notes its operation (`DynamoDB_20120810.GetItem`). */
const countingProxy = async (target: string): Promise<Server> => {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    calls.push(String(req.headers['x-amz-target'] ?? `${req.method} ${req.url}`));
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
};

const operations = () => calls.map((call) => call.replace(/^DynamoDB(Streams)?_\d+\./, ''));

beforeAll(async () => {
  proxy = await countingProxy(process.env.DYNAMODB_ENDPOINT as string);
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const { startLocalStack } = await import('../support/local-stack.ts');
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
  proxy?.close();
});

const send = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as { id?: string } };
};

describe('a read through the local gateway', () => {
  it('costs the one GetItem its handler makes: the outbox is not drained after a GET', async () => {
    const admin = await stack.token('admin');
    const coordinator = await stack.token('coordinator', { areaId: 'karlstad' });
    await send('PUT', '/local/clock', admin, { now: '2014-04-15' });
    expect((await send('PUT', '/programmes/kur2', admin, kur2Programme())).status).toBe(201);
    expect((await send('PUT', '/areas/karlstad', admin, areaBody())).status).toBe(201);
    const created = await send('POST', '/applications', coordinator, applicationBody());
    expect(created.status).toBe(201);
    // The write itself drained the outbox (its stream was read).
    expect(operations()).toEqual(expect.arrayContaining(['GetRecords']));

    calls.length = 0;
    const read = await send('GET', `/applications/${created.body.id}`, coordinator);

    expect(read.status).toBe(200);
    expect(operations()).toEqual(['GetItem']);
  });
});
