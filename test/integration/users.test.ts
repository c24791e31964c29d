import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestResponse } from '../support/events.ts';
import { areaBody } from '../support/factories.ts';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * Head office administers who may sign in (issue 12, item 5), against the local user pool on the
 * Cognito emulator, through the local gateway: the invitation e-mail, the invited person's first
 * sign-in with its temporary password, the list, and disabling (a disabled user's new sign-in fails).
 */

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
let admin: { authorization: string };

beforeAll(async () => {
  stack = await startLocalStack({ ownOutbox: true, directory: true });
  cognito = new CognitoIdentityProviderClient({
    endpoint: stack.directory?.endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // Head office signs in through the pool, as with npm start.
  admin = { authorization: `Bearer ${await signInAs('admin', 'chef@fk.example.se')}` };
  for (const id of ['karlstad', 'lulea']) {
    const put = await call('PUT', `/areas/${id}`, areaBody());
    expect(put.status).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  cognito?.destroy();
  await stack?.stop();
});

const call = async (method: string, path: string, body?: unknown, headers = admin): Promise<TestResponse> => {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: {}, body: await response.json() };
};

/** The local picker (GET /local/token), which signs in through the pool. */
const signInAs = async (role: string, email: string, areaId?: string) => {
  const query = new URLSearchParams({ role, email, ...(areaId ? { areaId } : {}) });
  const response = await fetch(`${stack.url}/local/token?${query}`);
  const body = (await response.json()) as { token: string; detail: string };
  if (response.status !== 200) throw Object.assign(new Error(body.detail), { status: response.status });
  return body.token;
};

/** The temporary password from the invitation e-mail the pool sent to `email`. */
const temporaryPasswordOf = async (email: string): Promise<string> => {
  const invitation = (await stack.outbox()).find((e) => e.to.includes(email));
  expect(invitation?.subject).toBe('Ditt konto i KUR-tjänsten');
  const password = /Ditt tillfälliga lösenord: (\S+)/.exec(invitation?.text ?? '')?.[1];
  expect(password).toBeDefined();
  return password as string;
};

/** What a person does with the invitation: signs in with the temporary password, then chooses one. */
const firstSignIn = async (email: string, temporary: string): Promise<string> => {
  const clientId = stack.directory?.clientId;
  const started = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: temporary },
    }),
  );
  expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: started.Session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Mitt-eget-lösenord-9' },
    }),
  );
  return done.AuthenticationResult?.IdToken as string;
};

const passwordSignIn = (email: string, password: string) =>
  cognito.send(
    new InitiateAuthCommand({
      ClientId: stack.directory?.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );

describe('inviting', () => {
  it('invites a coordinator, who signs in with the e-mailed password and works in their own area only', async () => {
    const invited = await call('POST', '/users', {
      email: 'eva@fk.example.se',
      role: 'coordinator',
      areaId: 'karlstad',
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      email: 'eva@fk.example.se',
      role: 'coordinator',
      areaId: 'karlstad',
      status: 'invited',
    });
    expect(invited.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const idToken = await firstSignIn('eva@fk.example.se', await temporaryPasswordOf('eva@fk.example.se'));
    const eva = { authorization: `Bearer ${idToken}` };
    // The gateway verifies the pool's token from its JWKS and the API reads its claims.
    expect((await call('GET', '/areas/karlstad/calendar', undefined, eva)).status).toBe(200);
    expect((await call('GET', '/areas/lulea/calendar', undefined, eva)).status).toBe(403);
    expect((await call('GET', '/users', undefined, eva)).status).toBe(403);

    const listed = await call('GET', '/users');
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: invited.body.id, status: 'active', areaId: 'karlstad' }),
    );
  });

  it('lists administrators first, then coordinators by area and e-mail', async () => {
    await call('POST', '/users', { email: 'bo@fk.example.se', role: 'coordinator', areaId: 'lulea' });
    await call('POST', '/users', { email: 'ada@fk.example.se', role: 'coordinator', areaId: 'karlstad' });
    await call('POST', '/users', { email: 'stina@fk.example.se', role: 'admin' });
    const { status, body } = await call('GET', '/users');
    expect(status).toBe(200);
    expect(body.items.map((u: { email: string }) => u.email)).toEqual([
      'chef@fk.example.se',
      'stina@fk.example.se',
      'ada@fk.example.se',
      'eva@fk.example.se',
      'bo@fk.example.se',
    ]);
    expect(body.items.find((u: { email: string }) => u.email === 'stina@fk.example.se')).not.toHaveProperty(
      'areaId',
    );
  });

  it('refuses what cannot become a working account, and changes nothing', async () => {
    const before = (await call('GET', '/users')).body.items.length;
    const cases = [
      [{ email: 'x@fk.example.se', role: 'coordinator' }, 400, 'areaId'],
      [{ email: 'x@fk.example.se', role: 'coordinator', areaId: 'nowhere' }, 400, 'areaId'],
      [{ email: 'x@fk.example.se', role: 'admin', areaId: 'karlstad' }, 400, 'areaId'],
      [{ email: 'not an address', role: 'admin' }, 400, 'email'],
      [{ email: 'x@fk.example.se', role: 'owner' }, 400, 'role'],
    ] as const;
    for (const [body, status, path] of cases) {
      const answer = await call('POST', '/users', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const again = await call('POST', '/users', { email: 'eva@fk.example.se', role: 'admin' });
    expect(again).toMatchObject({ status: 409, body: { code: 'user-exists' } });
    expect((await call('GET', '/users')).body.items).toHaveLength(before);
  });

  it('lets only administrators invite', async () => {
    const coordinator = {
      authorization: `Bearer ${await stack.token('coordinator', { areaId: 'karlstad' })}`,
    };
    const refused = await call('POST', '/users', { email: 'y@fk.example.se', role: 'admin' }, coordinator);
    expect(refused.status).toBe(403);
  });
});

describe('disabling', () => {
  it("stops a disabled user's next sign-in, and lets them in again once enabled", async () => {
    const invited = await call('POST', '/users', {
      email: 'olle@fk.example.se',
      role: 'coordinator',
      areaId: 'lulea',
    });
    await firstSignIn('olle@fk.example.se', await temporaryPasswordOf('olle@fk.example.se'));
    await expect(passwordSignIn('olle@fk.example.se', 'Mitt-eget-lösenord-9')).resolves.toHaveProperty(
      'AuthenticationResult.IdToken',
    );

    const disabled = await call('POST', `/users/${invited.body.id}/disable`);
    expect(disabled).toMatchObject({
      status: 200,
      body: { status: 'disabled', email: 'olle@fk.example.se' },
    });
    await expect(passwordSignIn('olle@fk.example.se', 'Mitt-eget-lösenord-9')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await expect(signInAs('coordinator', 'olle@fk.example.se', 'lulea')).rejects.toMatchObject({
      status: 403,
    });
    expect((await call('GET', '/users')).body.items).toContainEqual(
      expect.objectContaining({ id: invited.body.id, status: 'disabled' }),
    );

    const enabled = await call('POST', `/users/${invited.body.id}/enable`);
    expect(enabled).toMatchObject({ status: 200, body: { status: 'active' } });
    await expect(passwordSignIn('olle@fk.example.se', 'Mitt-eget-lösenord-9')).resolves.toHaveProperty(
      'AuthenticationResult.IdToken',
    );
  });

  it('does not let an administrator disable themselves, and answers 404 for no such user', async () => {
    const me = (await call('GET', '/users')).body.items.find(
      (u: { email: string }) => u.email === 'chef@fk.example.se',
    );
    expect(await call('POST', `/users/${me.id}/disable`)).toMatchObject({ status: 403 });
    expect((await call('GET', '/users')).body.items).toContainEqual(
      expect.objectContaining({ id: me.id, status: 'active' }),
    );
    expect((await call('POST', '/users/00000000-0000-4000-8000-000000000000/disable')).status).toBe(404);
    expect((await call('POST', '/users/not-a-user/enable')).status).toBe(404);
  });
});

describe('npm run create-admin', () => {
  const createAdmin = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/create-admin.ts', ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    });
  const pool = () => [
    '--user-pool-id',
    stack.directory?.userPoolId ?? '',
    '--endpoint',
    stack.directory?.endpoint ?? '',
  ];

  it('creates an administrator, who is invited by e-mail, and says what to do next', async () => {
    const { stdout } = await createAdmin('--email', 'forsta@fk.example.se', ...pool());
    expect(stdout).toContain('Created administrator forsta@fk.example.se');
    expect(stdout).toContain('"Användare"');
    expect((await call('GET', '/users')).body.items).toContainEqual(
      expect.objectContaining({ email: 'forsta@fk.example.se', role: 'admin', status: 'invited' }),
    );
    await firstSignIn('forsta@fk.example.se', await temporaryPasswordOf('forsta@fk.example.se'));
  });

  it('refuses a missing or malformed address and an existing account, with the usage', async () => {
    for (const args of [
      [...pool()],
      ['--email', 'nope', ...pool()],
      ['--email', 'forsta@fk.example.se', ...pool()],
    ]) {
      const failed = await createAdmin(...args).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code, args.join(' ')).toBe(1);
      expect(failed?.stderr).toContain('Usage:');
    }
  });
});
