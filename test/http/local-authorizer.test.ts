import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, verifyBearer } from '../../infra/local/auth.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalRole } from '../../infra/local/keys.ts';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * The local gateway's JWT checks are those of API Gateway's HTTP API authorizer (kid, iss, aud or
 * client_id, exp, nbf, iat; `Bearer ` optional), and every authenticated route then requires a
 * Cognito ID token and reads the groups exactly as API Gateway renders them.
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(() => stack?.stop());

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token signed by the stack's key, with claims added, overridden or (as undefined) left out. */
const tokenWith = (claims: Record<string, unknown>, role: LocalRole = 'admin') =>
  stack.token(role, { claims: claims as JWTPayload });

/** What Cognito issues as an access token: `token_use: access`, `client_id` and no `aud`. */
const accessTokenClaims = {
  token_use: 'access',
  client_id: LOCAL_AUDIENCE,
  aud: undefined,
  scope: 'aws.cognito.signin.user.admin',
};

const get = (path: string, authorization?: string) =>
  fetch(`${stack.url}${path}`, { headers: authorization === undefined ? {} : { authorization } });

const problemOf = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { code: string; detail: string };
};

/** GET /email-problems is an admin-only route. */
const ADMIN_ROUTE = '/email-problems';

describe('groups as API Gateway hands them over', () => {
  it('gives no admin role to the group "readonly,admin" sent as an array (rendered "[readonly,admin]")', async () => {
    const token = await tokenWith({ 'cognito:groups': ['readonly,admin'] });
    expect((await problemOf(await get(ADMIN_ROUTE, `Bearer ${token}`), 403)).code).toBe('forbidden');
  });

  it('gives no admin role to the string claim "[readonly,admin]"', async () => {
    const token = await tokenWith({ 'cognito:groups': '[readonly,admin]' });
    expect((await problemOf(await get(ADMIN_ROUTE, `Bearer ${token}`), 403)).code).toBe('forbidden');
  });

  it('gives both roles to "[admin coordinator]"', async () => {
    const token = await tokenWith({
      'cognito:groups': ['admin', 'coordinator'],
      'custom:areaId': 'karlstad',
    });
    expect((await get(ADMIN_ROUTE, `Bearer ${token}`)).status).toBe(200);
  });
});

describe('only Cognito ID tokens are accepted', () => {
  it('refuses an access token (client_id equal to the audience, no aud): the authorizer lets it through, token_use does not', async () => {
    const token = await tokenWith(accessTokenClaims);
    // API Gateway's authorizer accepts it: client_id stands in for the missing aud …
    await expect(verifyBearer(`Bearer ${token}`, [stack.keys])).resolves.toMatchObject({
      client_id: LOCAL_AUDIENCE,
    });
    // … so the API itself refuses it, in words the user understands.
    const body = await problemOf(await get('/programmes', `Bearer ${token}`), 401);
    expect(body.code).toBe('unauthorized');
    expect(body.detail).toMatch(/id-token/i);
  });

  it('refuses a token without token_use', async () => {
    const token = await tokenWith({ token_use: undefined });
    expect((await problemOf(await get('/programmes', `Bearer ${token}`), 401)).code).toBe('unauthorized');
  });

  it('accepts the ID tokens of GET /local/token, which carry token_use "id" as Cognito\'s do', async () => {
    const response = await get('/local/token?role=admin');
    const { token } = (await response.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(claims.token_use).toBe('id');
    expect((await get('/programmes', `Bearer ${token}`)).status).toBe(200);
  });
});

describe('the local authorizer checks what API Gateway checks', () => {
  it.each([
    ['another issuer', { iss: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_other' }],
    ['another audience', { aud: 'another-client' }],
    ['an audience list without ours', { aud: ['another-client', 'a-third'] }],
    [
      'a wrong aud, even with client_id right (aud wins when both are present)',
      { aud: 'another-client', client_id: LOCAL_AUDIENCE },
    ],
    ['no aud and another client_id', { aud: undefined, client_id: 'another-client' }],
    ['neither aud nor client_id', { aud: undefined }],
    ['an expiry in the past', { exp: nowSeconds() - 60 }],
    ['no expiry', { exp: undefined }],
    ['nbf in the future', { nbf: nowSeconds() + 600 }],
    ['iat in the future', { iat: nowSeconds() + 600 }],
  ])('refuses a token with %s (401)', async (_, claims) => {
    const token = await tokenWith(claims);
    expect((await problemOf(await get('/programmes', `Bearer ${token}`), 401)).code).toBe('unauthorized');
  });

  it('accepts an audience list that contains ours', async () => {
    const token = await tokenWith({ aud: ['another-client', LOCAL_AUDIENCE] });
    expect((await get('/programmes', `Bearer ${token}`)).status).toBe(200);
  });

  it('accepts nbf and iat in the past', async () => {
    const token = await tokenWith({ nbf: nowSeconds() - 60, iat: nowSeconds() - 60 });
    expect((await get('/programmes', `Bearer ${token}`)).status).toBe(200);
  });

  it('accepts the token without the "Bearer " prefix, as API Gateway does', async () => {
    const token = await stack.token('admin');
    expect((await get('/programmes', token)).status).toBe(200);
    expect((await get('/programmes', `bearer ${token}`)).status).toBe(200);
  });

  it('refuses a header that holds more than one token', async () => {
    const token = await stack.token('admin');
    expect((await problemOf(await get('/programmes', `Bearer ${token} ${token}`), 401)).code).toBe(
      'unauthorized',
    );
    expect((await problemOf(await get('/programmes', 'Bearer'), 401)).code).toBe('unauthorized');
  });
});

describe('the key id', () => {
  it('refuses a token without a kid header, even when signed by the trusted key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const trusted = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const keys = {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['ES256'],
      verificationKeys: createLocalJWKSet({ keys: [trusted] }),
    };
    const sign = (header: { alg: string; kid?: string }) =>
      new SignJWT({ sub: 'u1', token_use: 'id' })
        .setProtectedHeader(header)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    await expect(verifyBearer(await sign({ alg: 'ES256', kid: 'k1' }), [keys])).resolves.toMatchObject({
      sub: 'u1',
    });
    await expect(verifyBearer(await sign({ alg: 'ES256' }), [keys])).rejects.toBeInstanceOf(AuthError);
  });
});
