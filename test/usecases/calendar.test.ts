import { describe, expect, it } from 'vitest';
import type { Area } from '../../shared/domain/area.ts';
import type { Caller } from '../../shared/domain/roles.ts';
import { type AreaStore, type CalendarTokenStore, type Clock, LostRace } from '../../shared/ports.ts';
import { makeCalendar } from '../../shared/usecases/calendar.ts';
import { areaBody } from '../support/factories.ts';

/**
 * The calendar use case on in-memory ports: first calls that race, a token that can no longer be
 * read back, and a feed request that needs no read to be refused. The table itself is tested in
 * test/integration/calendar.test.ts.
 */

const karlstad: Caller = {
  sub: 'c-karlstad',
  email: 'k@example.se',
  roles: ['coordinator'],
  areaId: 'karlstad',
};
const STAMP = '2014-01-01T00:00:00.000Z';
const area = (id: string): Area => ({ ...areaBody(), id, version: 1, createdAt: STAMP, updatedAt: STAMP });
const areas: AreaStore = {
  get: async (id) => (id === 'karlstad' ? area(id) : undefined),
  list: async () => [area('karlstad')],
  save: async () => {},
};
const clock: Clock = { now: () => new Date('2015-06-02T10:00:00Z'), today: () => '2015-06-02' };

/** Tokens in a Map with the table's version condition; `get` can be made to answer before a write lands. */
const tokenStore = () => {
  const byArea = new Map<string, { token: string | undefined; version: number }>();
  const lookups = new Map<string, string>();
  const reads: string[] = [];
  const store: CalendarTokenStore = {
    get: async (areaId) => {
      reads.push(`get ${areaId}`);
      return byArea.get(areaId);
    },
    replace: async (areaId, token, previousVersion) => {
      const current = byArea.get(areaId);
      if ((current?.version ?? 0) !== previousVersion) throw new LostRace();
      for (const [t, a] of lookups) if (a === areaId) lookups.delete(t);
      byArea.set(areaId, { token, version: previousVersion + 1 });
      lookups.set(token, areaId);
    },
    areaOf: async (token) => {
      reads.push('areaOf');
      return lookups.get(token);
    },
  };
  return { store, byArea, lookups, reads };
};

const calendarWith = (tokens: CalendarTokenStore) =>
  makeCalendar({
    calendarTokens: tokens,
    followUps: { pendingOfArea: async () => [] },
    applications: { ofArea: async () => [] },
    areas,
    clock,
    formUrl: 'https://kur.example.se/',
  });

describe('the calendar URL', () => {
  it('answers two first calls at once with the same URL: the loser reads the winner’s token', async () => {
    const { store } = tokenStore();
    const calendar = calendarWith(store);
    const [a, b] = await Promise.all([
      calendar.url(karlstad, 'karlstad'),
      calendar.url(karlstad, 'karlstad'),
    ]);
    expect(a.url).toBe(b.url);
    expect(a.url).toMatch(/^https:\/\/kur\.example\.se\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  });

  it('puts the feed under the API’s URL when it differs from the form’s', async () => {
    const { store } = tokenStore();
    const calendar = makeCalendar({
      calendarTokens: store,
      followUps: { pendingOfArea: async () => [] },
      applications: { ofArea: async () => [] },
      areas,
      clock,
      formUrl: 'https://kur.example.se/',
      apiUrl: 'https://api.kur.example.se/v1',
    });
    expect((await calendar.url(karlstad, 'karlstad')).url).toMatch(
      /^https:\/\/api\.kur\.example\.se\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );
  });

  it('replaces a token that can no longer be read back (its sealing key was lost), retiring the old one', async () => {
    const { store, byArea, lookups } = tokenStore();
    const calendar = calendarWith(store);
    const first = await calendar.url(karlstad, 'karlstad');
    const stored = byArea.get('karlstad');
    byArea.set('karlstad', { token: undefined, version: stored?.version ?? 0 });
    const second = await calendar.url(karlstad, 'karlstad');
    expect(second.url).not.toBe(first.url);
    expect(lookups.size).toBe(1);
  });
});

describe('the feed', () => {
  it('refuses a malformed token without reading anything', async () => {
    const { store, reads } = tokenStore();
    const calendar = calendarWith(store);
    for (const token of ['', 'abc', `${'A'.repeat(43)}=`, `${'A'.repeat(42)}/`, 'A'.repeat(44)]) {
      await expect(calendar.feed(token)).rejects.toMatchObject({ status: 404 });
    }
    expect(reads).toEqual([]);
  });

  it('answers the calendar of the token’s area, named after it', async () => {
    const { store } = tokenStore();
    const calendar = calendarWith(store);
    const { url } = await calendar.url(karlstad, 'karlstad');
    const token = /calendar\/(.+)\.ics$/.exec(url)?.[1] ?? '';
    const text = await calendar.feed(token);
    expect(text).toContain(`X-WR-CALNAME:KUR – ${area('karlstad').name}`);
  });
});
