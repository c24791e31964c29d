import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../infra/local/clock.ts';
import { importHandler } from '../../infra/local/gateway.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/keys.ts';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * Through the real gateway, with the real handlers, on this file's own table and its own SES
 * emulator (so the outbox holds only what this file sent).
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ ownOutbox: true });
});
afterAll(() => stack?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.url}${path}`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const expectProblem = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
  expect(body.type).toEqual(expect.any(String));
  return body;
};

describe('public routes', () => {
  it('answers GET /health without a token', async () => {
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('the JWT authorizer', () => {
  it('refuses a protected route without a token', async () => {
    await expectProblem(await get('/programmes'), 401, 'unauthorized');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    await expectProblem(await get('/programmes', { authorization: 'Basic YTpi' }), 401, 'unauthorized');
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ sub: 'x', 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: stack.keys.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await expectProblem(await get('/programmes', bearer(forged)), 401, 'unauthorized');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'x', 'cognito:groups': ['admin'] })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    await expectProblem(await get('/programmes', bearer(unsigned)), 401, 'unauthorized');
  });

  it('refuses an expired token', async () => {
    const expired = await stack.token('admin', { expiresIn: -60 });
    const body = await expectProblem(await get('/programmes', bearer(expired)), 401, 'unauthorized');
    expect(body.detail).toMatch(/expired/);
  });

  it('refuses a token for another issuer or audience', async () => {
    const otherIssuer = await stack.token('admin', { claims: { iss: 'https://elsewhere.example' } });
    await expectProblem(await get('/programmes', bearer(otherIssuer)), 401, 'unauthorized');
    const otherAudience = await stack.token('admin', { claims: { aud: 'another-client' } });
    await expectProblem(await get('/programmes', bearer(otherAudience)), 401, 'unauthorized');
  });

  it('lets a valid admin token through to the handler', async () => {
    const response = await get('/programmes', bearer(await stack.token('admin')));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ items: expect.any(Array) });
  });
});

describe('GET /local/token', () => {
  it('answers a token the gateway accepts', async () => {
    const response = await get('/local/token?role=coordinator&areaId=karlstad&email=anna@example.se');
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({
      email: 'anna@example.se',
      'cognito:groups': ['coordinator'],
      'custom:areaId': 'karlstad',
      token_use: 'id',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
    });
    expect(claims.exp - claims.iat).toBe(12 * 3600);
    expect((await get('/programmes', bearer(token))).status).toBe(200);
  });

  it('gives the same sub to the same e-mail address', async () => {
    const sub = async () => {
      const { token } = (await (await get('/local/token?role=admin&email=bo@example.se')).json()) as {
        token: string;
      };
      return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sub;
    };
    expect(await sub()).toBe(await sub());
  });

  it('refuses an unknown role with 400 validation-failed', async () => {
    const body = await expectProblem(await get('/local/token?role=superuser'), 400, 'validation-failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
  });

  it('refuses a coordinator without an areaId', async () => {
    const body = await expectProblem(await get('/local/token?role=coordinator'), 400, 'validation-failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'areaId' })]);
  });
});

describe('the local clock', () => {
  afterEach(async () => {
    await fetch(`${stack.url}/local/clock`, { method: 'DELETE' });
  });
  const setClock = (now: unknown) =>
    fetch(`${stack.url}/local/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now }),
    });

  it('fixes the clock every handler reads at 12:00 Stockholm time of the given day', async () => {
    const response = await setClock('2015-03-01');
    expect(await response.json()).toEqual({ now: '2015-03-01T11:00:00.000Z', today: '2015-03-01' });
    expect(clock.now().toISOString()).toBe('2015-03-01T11:00:00.000Z');
    expect(clock.today()).toBe('2015-03-01');
  });

  it('answers the clock it runs on: fixed, or real time', async () => {
    await setClock('2015-03-01');
    expect(await (await fetch(`${stack.url}/local/clock`)).json()).toEqual({
      now: '2015-03-01T11:00:00.000Z',
      today: '2015-03-01',
    });
    await fetch(`${stack.url}/local/clock`, { method: 'DELETE' });
    const real = (await (await fetch(`${stack.url}/local/clock`)).json()) as { now: string };
    expect(Math.abs(Date.parse(real.now) - Date.now())).toBeLessThan(5000);
  });

  it('takes a date-time with an offset', async () => {
    const response = await setClock('2015-12-31T23:30:00+01:00');
    expect(await response.json()).toEqual({ now: '2015-12-31T22:30:00.000Z', today: '2015-12-31' });
  });

  it('goes back to real time on DELETE', async () => {
    await setClock('2015-03-01');
    const response = await fetch(`${stack.url}/local/clock`, { method: 'DELETE' });
    const body = (await response.json()) as { now: string };
    expect(Math.abs(Date.parse(body.now) - Date.now())).toBeLessThan(5000);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5000);
  });

  it('refuses a malformed time or unknown fields with 400', async () => {
    await expectProblem(await setClock('2015-02-30'), 400, 'validation-failed');
    const response = await fetch(`${stack.url}/local/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2015-03-01', tz: 'UTC' }),
    });
    const body = await expectProblem(response, 400, 'validation-failed');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'tz' })]);
  });

  it('does not make tokens expire: their validity keeps real time', async () => {
    await setClock('2030-01-01');
    expect((await get('/programmes', bearer(await stack.token('admin')))).status).toBe(200);
  });
});

describe('the outbox', () => {
  it('lists what was sent to the SES emulator, and DELETE empties it', async () => {
    const ses = new SESClient({
      endpoint: stack.sesEndpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ses.send(
      new SendEmailCommand({
        Source: 'kur@example.se',
        Destination: { ToAddresses: ['anna@example.se'], CcAddresses: ['chef@example.se'] },
        Message: {
          Subject: { Data: 'Ansökan inskickad: Gemensam grund' },
          Body: { Text: { Data: 'Hej!' }, Html: { Data: '<p>Hej!</p>' } },
        },
      }),
    );
    ses.destroy();

    const listed = (await (await get('/local/outbox')).json()) as { emails: unknown[] };
    expect(listed.emails).toEqual([
      {
        from: 'kur@example.se',
        to: ['anna@example.se'],
        cc: ['chef@example.se'],
        bcc: [],
        subject: 'Ansökan inskickad: Gemensam grund',
        text: 'Hej!',
        html: '<p>Hej!</p>',
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);

    expect((await fetch(`${stack.url}/local/outbox`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await get('/local/outbox')).json()).toEqual({ emails: [] });
  });
});

describe('POST /local/reminders/run', () => {
  it('runs the reminder function and answers its summary', async () => {
    const response = await fetch(`${stack.url}/local/reminders/run`, { method: 'POST' });
    expect(await response.json()).toEqual({
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      candidates: 0,
      sent: 0,
      skipped: 0,
    });
  });

  it('hands the job a scheduled event at the clock time', async () => {
    const original = stack.gateway.jobs.reminders;
    let seen = '';
    stack.gateway.jobs.reminders = async (event) => {
      seen = event.time;
      return { today: '2015-06-30', candidates: 1, sent: 1, skipped: 0 };
    };
    try {
      await fetch(`${stack.url}/local/clock`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"now":"2015-06-30"}',
      });
      const response = await fetch(`${stack.url}/local/reminders/run`, { method: 'POST' });
      expect(await response.json()).toEqual({ today: '2015-06-30', candidates: 1, sent: 1, skipped: 0 });
      expect(seen).toBe('2015-06-30T10:00:00Z');
    } finally {
      stack.gateway.jobs.reminders = original;
      await fetch(`${stack.url}/local/clock`, { method: 'DELETE' });
    }
  });
});

describe('afterRequest hooks', () => {
  it('are awaited before the answer is written', async () => {
    const order: string[] = [];
    const hook = async () => {
      await new Promise((r) => setTimeout(r, 50));
      order.push('hook');
    };
    stack.gateway.afterRequest.push(hook);
    try {
      await get('/health');
      order.push('answer');
    } finally {
      stack.gateway.afterRequest.splice(stack.gateway.afterRequest.indexOf(hook), 1);
    }
    expect(order).toEqual(['hook', 'answer']);
  });
});

describe('routing', () => {
  it('answers an unknown route with 404 problem+json', async () => {
    await expectProblem(await get('/no/such/route'), 404, 'not-found');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const response = await fetch(`${stack.url}/health`, { method: 'DELETE' });
    await expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('refuses a body above API Gateway’s 10 MB with 413', async () => {
    const response = await fetch(`${stack.url}/programmes/kur2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(await stack.token('admin')) },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    await expectProblem(response, 413, 'payload-too-large');
  });

  it('leaves a body under 10 MB to the handler, which enforces the 256 KiB contract', async () => {
    const response = await fetch(`${stack.url}/programmes/kur2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(await stack.token('admin')) },
      body: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
    });
    await expectProblem(response, 413, 'payload-too-large');
  });
});

describe('the event a handler receives through the gateway', () => {
  let captured: APIGatewayProxyEventV2WithJWTAuthorizer | undefined;
  let capturing: LocalStack;
  beforeAll(async () => {
    capturing = await startLocalStack({
      loadHandler: async (fn) =>
        fn === 'programmes/get'
          ? async (event) => {
              captured = event;
              return { statusCode: 200, headers: { 'x-seen': 'yes' }, cookies: ['c=1'], body: '{}' };
            }
          : fn === 'health/get'
            ? async () => {
                throw new Error('secret database password in the message');
              }
            : importHandler(fn),
    });
  });
  afterAll(() => capturing?.stop());

  it('has the route key, decoded path parameters and the claims as API Gateway strings', async () => {
    const response = await fetch(`${capturing.url}/programmes/kur%202?x=1&x=2`, {
      headers: bearer(await capturing.token('coordinator', { areaId: 'karlstad' })),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-seen')).toBe('yes');
    expect(response.headers.get('set-cookie')).toBe('c=1');
    expect(captured).toMatchObject({
      routeKey: 'GET /programmes/{programmeId}',
      rawPath: '/programmes/kur%202',
      pathParameters: { programmeId: 'kur 2' },
      queryStringParameters: { x: '1,2' },
      requestContext: {
        stage: '$default',
        authorizer: { jwt: { claims: { 'cognito:groups': '[coordinator]', 'custom:areaId': 'karlstad' } } },
      },
    });
  });

  it('answers 500 internal without the message when a handler throws', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const response = await fetch(`${capturing.url}/health`);
      const body = await expectProblem(response, 500, 'internal');
      expect(JSON.stringify(body)).not.toMatch(/secret/);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
