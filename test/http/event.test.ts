import { describe, expect, it } from 'vitest';
import { apiGatewayClaims, apiGatewayScopes, claimToString } from '../../infra/local/auth.ts';
import { parseClockInput, stockholmNoon } from '../../infra/local/clock-input.ts';
import { buildEvent, resultToAnswer } from '../../infra/local/event.ts';
import { createLocalKeys, loadOrCreateLocalKeys, subForEmail } from '../../infra/local/keys.ts';
import { plainAddresses } from '../../infra/local/outbox.ts';
import { tempKeysDir } from '../support/local-stack.ts';

const base = {
  method: 'GET',
  url: '/programmes',
  headers: { host: ['localhost:3000'] },
  body: Buffer.alloc(0),
  routeKey: 'GET /programmes',
  sourceIp: '127.0.0.1',
};

describe('claims in API Gateway format', () => {
  it('renders cognito:groups ["admin"] as the one string "[admin]"', () => {
    expect(apiGatewayClaims({ 'cognito:groups': ['admin'] })['cognito:groups']).toBe('[admin]');
  });

  it('renders several groups space-separated in one bracketed string', () => {
    expect(claimToString(['admin', 'coordinator'])).toBe('[admin coordinator]');
  });

  it('renders numbers and booleans as strings', () => {
    expect(apiGatewayClaims({ exp: 1700000000, email_verified: true })).toEqual({
      exp: '1700000000',
      email_verified: 'true',
    });
  });

  it('gives scopes only for a token with a scope claim (null for ID tokens)', () => {
    expect(apiGatewayScopes({ token_use: 'id' })).toBeNull();
    expect(apiGatewayScopes({ scope: 'a/read a/write' })).toEqual(['a/read', 'a/write']);
  });
});

describe('the payload 2.0 event', () => {
  it('hands a protected route the claims as strings, with groups as "[admin]"', async () => {
    const keys = await createLocalKeys();
    const token = await keys.token('admin');
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const event = buildEvent({
      ...base,
      authorizer: { claims: apiGatewayClaims(payload), scopes: apiGatewayScopes(payload) },
    });
    const claims = event.requestContext.authorizer.jwt.claims;
    expect(claims['cognito:groups']).toBe('[admin]');
    expect(claims.email).toBe('admin@example.se');
    expect(typeof claims.exp).toBe('string');
    expect(Object.values(claims).every((v) => typeof v === 'string')).toBe(true);
    expect(event.requestContext.authorizer.jwt.scopes).toBeNull();
  });

  it('gives a public route no authorizer field', () => {
    const event = buildEvent({ ...base, url: '/health', routeKey: 'GET /health' });
    expect('authorizer' in event.requestContext).toBe(false);
  });

  it('carries route key, raw path and query, stage and API Gateway time', () => {
    const event = buildEvent({
      ...base,
      method: 'PUT',
      url: '/programmes/kur%202?a=1&b=x%20y&a=2',
      routeKey: 'PUT /programmes/{programmeId}',
      pathParameters: { programmeId: 'kur 2' },
      receivedAt: new Date('2015-03-01T11:00:00Z'),
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'PUT /programmes/{programmeId}',
      rawPath: '/programmes/kur%202',
      rawQueryString: 'a=1&b=x%20y&a=2',
      queryStringParameters: { a: '1,2', b: 'x y' },
      pathParameters: { programmeId: 'kur 2' },
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'PUT /programmes/{programmeId}',
        stage: '$default',
        domainName: 'localhost:3000',
        domainPrefix: 'localhost',
        time: '01/Mar/2015:11:00:00 +0000',
        timeEpoch: Date.parse('2015-03-01T11:00:00Z'),
        http: { method: 'PUT', path: '/programmes/kur%202', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      },
    });
    expect(event.body).toBeUndefined();
  });

  it('lower-cases headers, joins duplicates with commas and moves cookies to cookies', () => {
    const event = buildEvent({
      ...base,
      headers: { host: ['h'], 'X-Thing': ['a', 'b'], cookie: ['s=1; t=2'], 'user-agent': ['curl/8'] },
    });
    expect(event.headers['x-thing']).toBe('a,b');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['s=1', 't=2']);
    expect(event.requestContext.http.userAgent).toBe('curl/8');
  });

  it('passes a JSON body as text and a binary body base64-encoded', () => {
    const text = buildEvent({
      ...base,
      headers: { 'content-type': ['application/json; charset=utf-8'] },
      body: Buffer.from('{"å":1}'),
    });
    expect(text).toMatchObject({ body: '{"å":1}', isBase64Encoded: false });
    const binary = buildEvent({
      ...base,
      headers: { 'content-type': ['application/pdf'] },
      body: Buffer.from([0, 1, 2]),
    });
    expect(binary).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
  });

  it('passes a JSON body that is not valid UTF-8 base64-encoded, so the handler sees the very bytes', () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const event = buildEvent({ ...base, headers: { 'content-type': ['application/json'] }, body: bytes });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });
});

describe('reading a handler result like API Gateway', () => {
  it('writes status, headers, cookies and a base64 body', () => {
    const answer = resultToAnswer({
      statusCode: 201,
      headers: { ETag: '"1"', 'x-n': 3 },
      cookies: ['a=1', 'b=2'],
      body: Buffer.from('hej').toString('base64'),
      isBase64Encoded: true,
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.headers).toMatchObject({ etag: '"1"', 'x-n': '3', 'set-cookie': ['a=1', 'b=2'] });
    expect(answer.body.toString()).toBe('hej');
  });

  it('treats an object without statusCode as a 200 JSON body', () => {
    const answer = resultToAnswer({ status: 'ok' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body.toString())).toEqual({ status: 'ok' });
  });
});

describe('the clock input', () => {
  it('puts a winter date at 12:00 CET and a summer date at 12:00 CEST', () => {
    expect(stockholmNoon('2015-03-01')?.toISOString()).toBe('2015-03-01T11:00:00.000Z');
    expect(stockholmNoon('2015-07-01')?.toISOString()).toBe('2015-07-01T10:00:00.000Z');
  });

  it('knows the days the clocks change', () => {
    expect(stockholmNoon('2015-03-29')?.toISOString()).toBe('2015-03-29T10:00:00.000Z');
    expect(stockholmNoon('2015-10-25')?.toISOString()).toBe('2015-10-25T11:00:00.000Z');
  });

  it('takes a date-time with an offset as it is', () => {
    expect(parseClockInput('2015-03-01T10:00:00+01:00')?.toISOString()).toBe('2015-03-01T09:00:00.000Z');
    expect(parseClockInput('2015-03-01T10:00Z')?.toISOString()).toBe('2015-03-01T10:00:00.000Z');
  });

  it('refuses impossible dates and date-times without an offset', () => {
    expect(parseClockInput('2015-02-30')).toBeUndefined();
    expect(parseClockInput('2015-03-01T10:00:00')).toBeUndefined();
    expect(parseClockInput('yesterday')).toBeUndefined();
  });
});

describe('local keys', () => {
  it('keeps the key pair on disk, so tokens survive a restart', async () => {
    const dir = tempKeysDir();
    const first = await loadOrCreateLocalKeys(dir);
    const second = await loadOrCreateLocalKeys(dir);
    expect(second.kid).toBe(first.kid);
    expect(second.jwks).toEqual(first.jwks);
  });

  it('derives a stable, UUID-shaped sub from the e-mail address', () => {
    expect(subForEmail('Anna@Example.se')).toBe(subForEmail('anna@example.se'));
    expect(subForEmail('anna@example.se')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('outbox addresses', () => {
  it('are plain addresses, without display names', () => {
    expect(plainAddresses(['"Berg, Anna" <anna@example.se>, bo@example.se'])).toEqual([
      'anna@example.se',
      'bo@example.se',
    ]);
  });
});
