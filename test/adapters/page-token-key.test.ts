import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Deployed, the page-token key comes from Secrets Manager by the ARN in PAGE_TOKEN_SECRET_ARN:
 * read on first use, once per process. A stand-in for Secrets Manager counts the reads.
 */

const SECRET = 'k'.repeat(64);
const ARN = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:KurPageTokenKey-AbCdEf';
let server: Server;
const requests: { target: string | undefined; body: string }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: { ARN, SecretString: SECRET } };
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({ target: req.headers['x-amz-target'] as string | undefined, body });
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  delete process.env.PAGE_TOKEN_KEY;
  Object.assign(process.env, {
    PAGE_TOKEN_SECRET_ARN: ARN,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
});
afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests.length = 0;
  answer = { status: 200, body: { ARN, SecretString: SECRET } };
  // A fresh module: a fresh cold start.
  vi.resetModules();
});

const freshKeyModule = () => import('../../shared/adapters/page-token-key.ts');

describe('the page-token key, deployed', () => {
  it('is read from the secret once per cold start, on first use', async () => {
    const { pageTokenKey } = await freshKeyModule();
    expect(requests).toHaveLength(0);
    const [first, second] = await Promise.all([pageTokenKey(), pageTokenKey()]);
    expect((await pageTokenKey()).toString('utf8')).toBe(SECRET);
    expect(first).toBe(second);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.target).toBe('secretsmanager.GetSecretValue');
    expect(JSON.parse(requests[0]?.body ?? '{}')).toEqual({ SecretId: ARN });
  });

  it('is read again on the next use when a read failed', async () => {
    const { pageTokenKey } = await freshKeyModule();
    answer = { status: 400, body: { __type: 'ResourceNotFoundException', message: 'not there' } };
    await expect(pageTokenKey()).rejects.toThrow();
    answer = { status: 200, body: { ARN, SecretString: SECRET } };
    expect((await pageTokenKey()).toString('utf8')).toBe(SECRET);
    expect(requests).toHaveLength(2);
  });

  it('refuses a key too short to sign with', async () => {
    const { pageTokenKey } = await freshKeyModule();
    answer = { status: 200, body: { ARN, SecretString: 'short' } };
    await expect(pageTokenKey()).rejects.toThrow(/shorter than/);
  });
});
