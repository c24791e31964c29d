import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as areaCalendar } from '../../functions/areas/calendar.ts';
import { handler as rotateAreaCalendar } from '../../functions/areas/calendar-rotate.ts';
import { handler as calendarFeed } from '../../functions/calendar/feed.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { followUpKey } from '../../shared/adapters/dynamodb/keys.ts';
import { config } from '../../shared/config.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke, type TestCaller } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';
import { tableItems } from '../support/table-contents.ts';

/**
 * The calendar feed per area (issue 11, item 7): a secret URL handed to the area's coordinator and
 * to administrators, read anonymously by calendar clients, rotatable, stored only hashed.
 */

const karlstad = coordinatorOf('karlstad');
const lulea = coordinatorOf('lulea');
const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));
afterEach(() => fixClock(undefined));

const calendarUrl = (caller: TestCaller, areaId: string) =>
  invoke(areaCalendar, routes.areaCalendar, { caller, path: { areaId } });
const rotate = (caller: TestCaller, areaId: string) =>
  invoke(rotateAreaCalendar, routes.rotateAreaCalendar, { caller, path: { areaId } });
/** What a calendar client gets: no Authorization header, just the URL. */
const fetchFeed = (url: string) =>
  invoke(calendarFeed, routes.calendarFeed, {
    path: { file: new URL(url).pathname.split('/').at(-1) ?? '' },
  });
const tokenOf = (url: string) => /\/calendar\/([^/]+)\.ics$/.exec(url)?.[1] ?? '';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The feed's events as an iCalendar parser reads them. */
const eventsOf = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      date: event.startDate.toString(),
      allDay: event.startDate.isDate,
    };
  });

/** An application of the area, approved on 2014-06-01. */
const approve = async (caller: TestCaller, title: string) => {
  at('2014-06-01');
  const created = await api.create(caller, applicationBody({ title }));
  expect((await api.submit(caller, created.body.id)).status).toBe(200);
  const decided = await api.decide(admin, created.body.id, {
    outcome: 'approved',
    grantedByYear: { '2014': 120_000, '2015': 180_000 },
  });
  expect(decided.status).toBe(200);
  return created.body.id as string;
};

const complete = async (caller: TestCaller, id: string) => {
  at('2015-06-10');
  const completed = await followUpApi.complete(caller, id, {
    activities: [
      { type: 'knowledge', endedOn: '2015-03-31', participants: 120 },
      { type: 'collaborationPlan', endedOn: '2015-05-31' },
    ],
    costs: [
      { year: 2014, category: 'lecturer', amount: 100_000 },
      { year: 2015, category: 'processSupport', amount: 150_000 },
    ],
  });
  expect(completed.status).toBe(200);
  return completed.body.followUps as { id: string; kind: string; dueOn: string }[];
};

/** A stored attribute the review writes (issue 11, item 4), set directly so that this file tests what the feed reads. */
const storeAttribute = (key: { pk: string; sk: string }, name: string, value: string) =>
  dynamo.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET #n = :v',
      ExpressionAttributeNames: { '#n': name },
      ExpressionAttributeValues: { ':v': value },
    }),
  );

/** What the lists say Karlstad owes: every pending obligation's UID and date, and the ongoing application's completion. */
const owedByKarlstad = async () => {
  const pending = await followUpApi.list(karlstad, { status: 'pending', limit: '100' });
  expect(pending.status).toBe(200);
  const ongoing = await api.get(karlstad, ongoingId);
  expect(ongoing.body.completionDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return [
    ...pending.body.items.map((f: { id: string; dueOn: string; resubmitBy?: string }) => [
      `followup-${f.id}@kur`,
      f.resubmitBy ?? f.dueOn,
    ]),
    [`completion-${ongoingId}@kur`, ongoing.body.completionDueOn],
  ].sort();
};

let karlstadFollowUps: { id: string; kind: string; dueOn: string }[];
let ongoingId: string;

beforeAll(async () => {
  at('2014-06-01');
  await api.putProgramme('kur2', kur2Programme({ maxGrantPerArea: 10_000_000 }));
  await api.putArea('karlstad', areaBody({ name: 'LFC Karlstad' }));
  await api.putArea('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));

  // Karlstad: one completed application with its obligations, one approved and still running.
  karlstadFollowUps = await complete(karlstad, await approve(karlstad, 'Gemensam grund i Värmland'));
  ongoingId = await approve(karlstad, 'Samverkan över länsgränsen');
  // Luleå: the same, none of which may show in Karlstad's calendar.
  await complete(lulea, await approve(lulea, 'Norrbottens gemensamma kunskap'));
  await approve(lulea, 'Luleås pågående satsning');
});

describe('GET /areas/{areaId}/calendar', () => {
  it('hands the area’s coordinator a secret subscription URL, the same one every time', async () => {
    const first = await calendarUrl(karlstad, 'karlstad');
    expect(first.status).toBe(200);
    const base = new URL('calendar/', config().FORM_URL).toString();
    expect(first.body.url.startsWith(base)).toBe(true);
    // 32 random bytes, base64url: 43 characters.
    expect(tokenOf(first.body.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await calendarUrl(karlstad, 'karlstad')).body.url).toBe(first.body.url);
    expect((await calendarUrl(admin, 'karlstad')).body.url).toBe(first.body.url);
  });

  it('gives each area a URL of its own', async () => {
    const own = (await calendarUrl(karlstad, 'karlstad')).body.url;
    const other = (await calendarUrl(lulea, 'lulea')).body.url;
    expect(other).not.toBe(own);
  });

  it('refuses another area’s coordinator, and answers 404 for an area that does not exist', async () => {
    const refused = await calendarUrl(lulea, 'karlstad');
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('/calendar/');
    expect((await rotate(lulea, 'karlstad')).status).toBe(403);
    expect((await calendarUrl(admin, 'atlantis')).status).toBe(404);
    expect((await rotate(admin, 'atlantis')).status).toBe(404);
  });

  it('needs a signed-in caller', async () => {
    const anonymous = await invoke(areaCalendar, routes.areaCalendar, { path: { areaId: 'karlstad' } });
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /calendar/{token}.ics', () => {
  it('answers the area’s due dates as all-day events, without a token, and nothing of another area', async () => {
    at('2015-06-12');
    const answer = await fetchFeed((await calendarUrl(karlstad, 'karlstad')).body.url);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = eventsOf(answer.body);
    expect(events.every((e) => e.allDay)).toBe(true);
    // The same as the lists: each pending obligation, and the running application's completion report.
    expect(events.map((e) => [e.uid, e.date]).sort()).toEqual(await owedByKarlstad());
    const summaries = events.map((e) => e.summary);
    expect(summaries).toContain('Plan för samarbete: Gemensam grund i Värmland');
    expect(summaries).toContain('Uppföljning efter sex månader: Gemensam grund i Värmland');
    expect(summaries).toContain('Slutrapport: Samverkan över länsgränsen');
    expect(summaries.filter((s) => s.startsWith('Slutrapport:'))).toHaveLength(1);
    expect(answer.body).not.toMatch(/Norrbotten|Luleå/);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('keeps each event’s UID when its date moves, and shows a returned document on its resubmission date', async () => {
    const url = (await calendarUrl(karlstad, 'karlstad')).body.url;
    const before = eventsOf((await fetchFeed(url)).body);
    const plan = karlstadFollowUps[0]!;
    const uid = `followup-${plan.id}@kur`;
    expect(before.find((e) => e.uid === uid)?.date).toBe(plan.dueOn);
    await storeAttribute(followUpKey(plan.id), 'resubmitBy', '2015-07-01');
    const after = eventsOf((await fetchFeed(url)).body);
    expect(after.find((e) => e.uid === uid)).toMatchObject({
      date: '2015-07-01',
      summary: 'Plan för samarbete, komplettering: Gemensam grund i Värmland',
    });
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
  });

  it('drops a document once it is handed in', async () => {
    const url = (await calendarUrl(karlstad, 'karlstad')).body.url;
    const survey = karlstadFollowUps[1]!;
    at('2015-11-01');
    const submitted = await followUpApi.submit(karlstad, survey.id, { summary: 'Uppföljningen är gjord.' });
    expect(submitted.status).toBe(200);
    const events = eventsOf((await fetchFeed(url)).body);
    expect(events.map((e) => e.uid)).not.toContain(`followup-${survey.id}@kur`);
    expect(events.map((e) => [e.uid, e.date]).sort()).toEqual(await owedByKarlstad());
  });

  it('answers 404 to an unknown token, the same as to a malformed one, revealing nothing', async () => {
    const unknown = await fetchFeed(`https://x.test/calendar/${'A'.repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const file of ['nonsense.ics', `${'A'.repeat(43)}`, `${'A'.repeat(43)}.json`, '.ics']) {
      const answer = await invoke(calendarFeed, routes.calendarFeed, { path: { file } });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(unknown.body);
    }
  });
});

describe('POST /areas/{areaId}/calendar/rotate', () => {
  it('replaces the URL: the old one answers 404 like one that never existed, the new one works', async () => {
    const old = (await calendarUrl(karlstad, 'karlstad')).body.url;
    expect((await fetchFeed(old)).status).toBe(200);

    const rotated = await rotate(karlstad, 'karlstad');
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(old);
    expect(tokenOf(rotated.body.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual((await fetchFeed(`https://x.test/calendar/${'B'.repeat(43)}.ics`)).body);
    expect((await fetchFeed(rotated.body.url)).status).toBe(200);
    expect((await calendarUrl(karlstad, 'karlstad')).body.url).toBe(rotated.body.url);
    expect((await calendarUrl(admin, 'karlstad')).body.url).toBe(rotated.body.url);
  });

  it('lets an administrator rotate an area’s URL', async () => {
    const old = (await calendarUrl(admin, 'lulea')).body.url;
    const rotated = await rotate(admin, 'lulea');
    expect(rotated.status).toBe(200);
    expect((await fetchFeed(old)).status).toBe(404);
    expect((await fetchFeed(rotated.body.url)).status).toBe(200);
  });
});

describe('stored tokens', () => {
  it('keeps no token in the table in the clear: a lookup item by its SHA-256, the area’s copy sealed', async () => {
    const karlstadToken = tokenOf((await calendarUrl(karlstad, 'karlstad')).body.url);
    const luleaToken = tokenOf((await calendarUrl(lulea, 'lulea')).body.url);
    const items = await tableItems();
    const stored = JSON.stringify(items);
    for (const token of [karlstadToken, luleaToken]) {
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(Buffer.from(token, 'base64url').toString('hex'));
      expect(stored).not.toContain(Buffer.from(token, 'base64url').toString('base64'));
      expect(items.some((item) => item.pk === `CALENDAR#${sha256(token)}`)).toBe(true);
    }
    // One lookup item per area: rotated tokens leave nothing behind.
    expect(items.filter((item) => String(item.pk).startsWith('CALENDAR#'))).toHaveLength(2);
  });
});
