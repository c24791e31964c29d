import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { JWTVerifyGetKey } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Gateway, startGateway } from '../../infra/local/gateway.ts';
import { createLocalKeys, type LocalKeys } from '../../infra/local/keys.ts';

/**
 * The local authorizer checks a token's signature once and remembers it (a signature check is most
 * of what a GET costs the gateway), yet answers every request as API Gateway would: a token that
 * has expired since is refused, and a token it has not seen is checked in full.
 */

let keys: LocalKeys;
let gateway: Gateway;
/** How often the authorizer looked up a key to check a signature. */
let keyLookups = 0;
let seen: APIGatewayProxyEventV2WithJWTAuthorizer | undefined;

beforeAll(async () => {
  keys = await createLocalKeys();
  const counted: JWTVerifyGetKey = (header, token) => {
    keyLookups++;
    return keys.verificationKeys(header, token);
  };
  gateway = await startGateway({
    keys: { ...keys, verificationKeys: counted as LocalKeys['verificationKeys'] },
    sesEndpoint: 'http://127.0.0.1:9',
    log: false,
    loadHandler: async () => async (event) => {
      seen = event;
      return { statusCode: 200, body: '{}' };
    },
  });
});
afterAll(() => gateway?.close());
afterEach(() => {
  vi.useRealTimers();
  keyLookups = 0;
  seen = undefined;
});

const get = (authorization: string) => fetch(`${gateway.url}/programmes`, { headers: { authorization } });

describe('the local authorizer remembers the tokens it has verified', () => {
  it('checks the signature of a token once, and hands over the same claims on every request', async () => {
    const token = await keys.token('coordinator', { areaId: 'karlstad' });
    for (let i = 0; i < 3; i++) {
      expect((await get(`Bearer ${token}`)).status).toBe(200);
      expect(seen?.requestContext.authorizer.jwt.claims).toMatchObject({
        'cognito:groups': '[coordinator]',
        'custom:areaId': 'karlstad',
      });
    }
    expect(keyLookups).toBe(1);
  });

  it('refuses a remembered token once it has expired', async () => {
    const token = await keys.token('admin', { expiresIn: 60 });
    expect((await get(`Bearer ${token}`)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    const refused = await get(`Bearer ${token}`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toBe('The token has expired.');
  });

  it('checks a token it has not seen in full: a changed signature is refused', async () => {
    const token = await keys.token('admin');
    expect((await get(`Bearer ${token}`)).status).toBe(200);
    const signature = token.slice(token.lastIndexOf('.') + 1);
    const other = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const tampered = `${token.slice(0, token.lastIndexOf('.') + 1)}${other}`;
    const refused = await get(`Bearer ${tampered}`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      'The token is not signed by this stack.',
    );
  });

  it('still refuses a header that is not one token, even for a token it has verified', async () => {
    const token = await keys.token('admin');
    expect((await get(`Bearer ${token}`)).status).toBe(200);
    expect((await get(`Bearer ${token} ${token}`)).status).toBe(401);
  });
});
