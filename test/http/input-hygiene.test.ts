import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * What reaches the handlers through the local gateway, as raw HTTP: bytes that are not UTF-8 and
 * header blocks too big to read are answered as problem+json, and nothing is stored.
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(() => stack?.stop());

const areaJson = (name: string) =>
  JSON.stringify({
    name,
    region: 'mitt',
    coordinatorEmails: ['samverkan.karlstad@forsakringskassan.se'],
    managerEmail: 'omradeschef.karlstad@forsakringskassan.se',
  });

/** The JSON text with the two bytes at the marker `XX` replaced by FF FE (never valid UTF-8). */
const withInvalidUtf8 = (json: string): Buffer => {
  const bytes = Buffer.from(json, 'utf8');
  const at = bytes.indexOf('XX');
  bytes[at] = 0xff;
  bytes[at + 1] = 0xfe;
  return bytes;
};

describe('a body that is not UTF-8', () => {
  it('is answered 400 validation-failed through the gateway, and nothing is stored', async () => {
    const auth = await stack.authHeader('admin');
    const response = await fetch(`${stack.url}/areas/bytes`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: withInvalidUtf8(areaJson('Karlstad XX')),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { code: string; detail: string };
    expect(body.code).toBe('validation-failed');
    expect(body.detail).toMatch(/UTF-8/);
    const stored = await fetch(`${stack.url}/areas/bytes`, { headers: auth });
    expect(stored.status).toBe(404);
  });

  it('still lets valid UTF-8 (å, ä, ö, emoji) through as text', async () => {
    const auth = await stack.authHeader('admin');
    const response = await fetch(`${stack.url}/areas/utf8`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.from(areaJson('Ölands södra udde 🌊'), 'utf8'),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { name: string }).name).toBe('Ölands södra udde 🌊');
  });
});

/** One raw request with node:http, whose client sends headers of any size. */
const rawGet = (url: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, maxHeaderSize: 64 * 1024 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });

describe('headers over 16 KB', () => {
  it('are answered 431 as problem+json, not a bare status line', async () => {
    const response = await rawGet(`${stack.url}/health`, { 'x-padding': 'a'.repeat(20 * 1024) });
    expect(response.status).toBe(431);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 431, code: 'request-header-fields-too-large' });
    expect(body.detail).toMatch(/16 KB|16 kB|16 KiB/);
  });

  it('leave the gateway answering the next request', async () => {
    await rawGet(`${stack.url}/health`, { 'x-padding': 'a'.repeat(20 * 1024) });
    const ok = await fetch(`${stack.url}/health`);
    expect(ok.status).toBe(200);
  });
});

/** Bytes straight onto a TCP connection, for requests no HTTP client would send. */
const rawExchange = (port: number, bytes: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });

describe('a request that is not HTTP', () => {
  it('is answered 400 as problem+json', async () => {
    const answer = await rawExchange(stack.gateway.port, 'NONSENSE\r\n\r\n');
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'bad-request' });
  });
});
