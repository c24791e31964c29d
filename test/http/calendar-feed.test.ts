import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaBody } from '../support/factories.ts';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * The calendar URL through the real local gateway: what a coordinator copies into Outlook is
 * fetched with no Authorization header at all, and answers an iCalendar document.
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(() => stack?.stop());

const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${stack.url}${path}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('GET /calendar/{token}.ics through the gateway', () => {
  it('answers the subscription URL without a token, and 404 once it is rotated', async () => {
    const admin = await stack.authHeader('admin');
    expect((await call('PUT', '/areas/gateway-area', admin, areaBody({ name: 'LFC Gävle' }))).status).toBe(
      201,
    );
    const coordinator = await stack.authHeader('coordinator', { areaId: 'gateway-area' });

    const answer = await call('GET', '/areas/gateway-area/calendar', coordinator);
    expect(answer.status).toBe(200);
    const { url } = (await answer.json()) as { url: string };
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await fetch(`${stack.url}${path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('KUR – LFC Gävle');

    expect((await call('POST', '/areas/gateway-area/calendar/rotate', coordinator)).status).toBe(200);
    const gone = await fetch(`${stack.url}${path}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
