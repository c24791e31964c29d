import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type FieldError, Forbidden, ValidationFailed } from '../../shared/domain/errors.ts';
import { problemResponse } from '../../shared/http/problem.ts';
import { json } from '../../shared/http/responses.ts';
import { clock, fixClock } from './clock.ts';
import { parseClockInput } from './clock-input.ts';
import { type LocalDirectory, UserDisabled } from './directory.ts';
import { type LocalJobs, scheduledEvent } from './jobs.ts';
import { DEFAULT_EMAIL, type LocalKeys } from './keys.ts';
import { clearOutbox, readOutbox } from './outbox.ts';

const validationFailed = (errors: FieldError[]) => problemResponse(new ValidationFailed(errors));

/**
 * Routes only the local gateway answers (API.md "Local-only routes"); never in the route table,
 * never deployed.
 */

export interface LocalRouteContext {
  query: URLSearchParams;
  body: Buffer;
  /** The tests' signing key (GET /local/token signs with it when there is no directory). */
  keys?: LocalKeys;
  /** The local user pool: GET /local/token signs in through it. */
  directory?: LocalDirectory;
  sesEndpoint: string;
  jobs: LocalJobs;
}

export interface LocalRoute {
  method: string;
  path: string;
  handle(ctx: LocalRouteContext): Promise<APIGatewayProxyStructuredResultV2>;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const AREA_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

const token: LocalRoute['handle'] = async ({ query, keys, directory }) => {
  const errors: FieldError[] = [];
  const role = query.get('role');
  const areaId = query.get('areaId') ?? undefined;
  const email = query.get('email') ?? undefined;
  if (role !== 'admin' && role !== 'coordinator') {
    errors.push({ path: 'role', message: 'role must be "admin" or "coordinator".' });
  }
  if (role === 'coordinator' && !areaId) {
    errors.push({ path: 'areaId', message: 'A coordinator needs the areaId of the area they act for.' });
  }
  if (role === 'admin' && areaId !== undefined) {
    errors.push({ path: 'areaId', message: 'Only a coordinator acts for an area; leave areaId out.' });
  }
  if (areaId !== undefined && areaId !== '' && !AREA_ID.test(areaId)) {
    errors.push({ path: 'areaId', message: 'areaId must be letters, digits, "-", "_" or ".".' });
  }
  if (email !== undefined && !EMAIL.test(email)) {
    errors.push({ path: 'email', message: 'email must be an e-mail address.' });
  }
  if (errors.length > 0 || (role !== 'admin' && role !== 'coordinator')) return validationFailed(errors);
  const area = role === 'coordinator' && areaId ? { areaId } : {};
  if (directory) {
    try {
      return json(200, {
        token: await directory.signIn({ role, email: email ?? DEFAULT_EMAIL[role], ...area }),
      });
    } catch (error) {
      if (error instanceof UserDisabled) return problemResponse(new Forbidden(error.message));
      throw error;
    }
  }
  if (!keys) throw new Error('The local gateway has neither a user pool nor a signing key');
  return json(200, { token: await keys.token(role, { ...(email !== undefined ? { email } : {}), ...area }) });
};

const clockNow = (): APIGatewayProxyStructuredResultV2 =>
  json(200, { now: clock.now().toISOString(), today: clock.today() });

const setClock: LocalRoute['handle'] = async ({ body }) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return validationFailed([{ path: '', message: 'The body must be JSON: { "now": "2015-03-01" }.' }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return validationFailed([{ path: '', message: 'The body must be an object: { "now": "2015-03-01" }.' }]);
  }
  const errors: FieldError[] = Object.keys(parsed)
    .filter((key) => key !== 'now')
    .map((key) => ({ path: key, message: `Unknown field "${key}".` }));
  const now = (parsed as { now?: unknown }).now;
  const instant = typeof now === 'string' ? parseClockInput(now) : undefined;
  if (!instant) {
    errors.push({
      path: 'now',
      message: 'now must be a date (YYYY-MM-DD) or an ISO-8601 date-time with an offset.',
    });
  }
  if (errors.length > 0 || !instant) return validationFailed(errors);
  fixClock(instant);
  return clockNow();
};

export const localRoutes: readonly LocalRoute[] = [
  { method: 'GET', path: '/local/token', handle: token },
  {
    method: 'GET',
    path: '/local/jwks.json',
    handle: async ({ keys, directory }) =>
      directory
        ? json(200, await (await fetch(`${directory.trustedIssuer.issuer}/.well-known/jwks.json`)).json())
        : json(200, keys?.jwks ?? { keys: [] }),
  },
  { method: 'GET', path: '/local/clock', handle: async () => clockNow() },
  { method: 'PUT', path: '/local/clock', handle: setClock },
  {
    method: 'DELETE',
    path: '/local/clock',
    handle: async () => {
      fixClock(undefined);
      return clockNow();
    },
  },
  {
    method: 'POST',
    path: '/local/reminders/run',
    handle: async ({ jobs }) => json(200, await jobs.reminders(scheduledEvent(clock.now(), 'reminders'))),
  },
  {
    method: 'GET',
    path: '/local/outbox',
    handle: async ({ sesEndpoint }) => json(200, { emails: await readOutbox(sesEndpoint) }),
  },
  {
    method: 'DELETE',
    path: '/local/outbox',
    handle: async ({ sesEndpoint }) => {
      await clearOutbox(sesEndpoint);
      return { statusCode: 204 };
    },
  },
];
