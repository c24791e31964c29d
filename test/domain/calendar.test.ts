import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  type CalendarApplication,
  type CalendarFollowUp,
  calendarEvents,
  renderCalendar,
} from '../../shared/domain/calendar.ts';

/** An area's due dates as an iCalendar feed (RFC 5545), read back with a strict parser. */

const FORM_URL = 'https://kur.example.se/';
const STAMP = new Date('2015-06-02T10:00:00Z');

const followUp = (overrides: Partial<CalendarFollowUp> = {}): CalendarFollowUp => ({
  id: 'f1',
  applicationId: 'a1',
  kind: 'competencePlan',
  dueOn: '2015-06-30',
  status: 'pending',
  version: 1,
  ...overrides,
});

const application = (overrides: Partial<CalendarApplication> = {}): CalendarApplication => ({
  id: 'a1',
  title: 'Gemensam grund i Värmland',
  status: 'approved',
  version: 2,
  ...overrides,
});

const feed = (followUps: CalendarFollowUp[], applications: CalendarApplication[], name = 'KUR – Karlstad') =>
  renderCalendar({
    name,
    stamp: STAMP,
    events: calendarEvents({ followUps, applications, formUrl: FORM_URL }),
  });

/** Every VEVENT of a feed, as ical.js reads it. */
const parsed = (text: string) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        start: event.startDate,
        end: event.endDate,
        url: component.getFirstPropertyValue('url'),
      };
    }),
  };
};

describe('calendar events of an area', () => {
  it('lists a pending follow-up on its due date, named in Swedish with its application', () => {
    const { events } = parsed(feed([followUp()], [application()]));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.summary).toBe('Kompetensutvecklingsplan: Gemensam grund i Värmland');
    expect(event?.start.toString()).toBe('2015-06-30');
    expect(event?.description).toContain('2015-06-30');
    expect(event?.description).toContain('https://kur.example.se/#/uppfoljningar');
    expect(event?.url).toBe('https://kur.example.se/#/uppfoljningar');
  });

  it('makes every event all-day: a date without time, ending the next day', () => {
    const text = feed([followUp()], [application({ completionDueOn: '2015-07-31' })]);
    const { events } = parsed(text);
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.start.isDate).toBe(true);
      expect(event.end.isDate).toBe(true);
      expect(event.end.toJSDate().getTime() - event.start.toJSDate().getTime()).toBe(24 * 3600 * 1000);
    }
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20150630\r\n');
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20150731\r\n');
  });

  it('lists an approved application’s completion report on its completion due date, linking to the application', () => {
    const { events } = parsed(feed([], [application({ completionDueOn: '2015-07-31' })]));
    expect(events).toEqual([
      expect.objectContaining({
        summary: 'Slutrapport: Gemensam grund i Värmland',
        url: 'https://kur.example.se/#/ansokningar/a1',
      }),
    ]);
    expect(events[0]?.start.toString()).toBe('2015-07-31');
  });

  it('shows a returned document on the date it must be handed in again', () => {
    const { events } = parsed(feed([followUp({ resubmitBy: '2015-07-14' })], [application()]));
    expect(events[0]?.start.toString()).toBe('2015-07-14');
    expect(events[0]?.summary).toBe('Kompetensutvecklingsplan, komplettering: Gemensam grund i Värmland');
  });

  it('leaves out what is no longer owed: handed in, accepted, waived, completed, not approved', () => {
    const { events } = parsed(
      feed(
        [
          followUp({ id: 's', status: 'submitted' }),
          followUp({ id: 'acc', status: 'accepted' }),
          followUp({ id: 'w', status: 'waived' }),
        ],
        [
          application({ id: 'done', status: 'completed', completionDueOn: '2015-07-31' }),
          application({ id: 'draft', status: 'draft' }),
          application({ id: 'old', status: 'approved' }), // approved before completion dates existed
        ],
      ),
    );
    expect(events).toEqual([]);
  });

  it('gives each obligation a UID of its own that stays when its date moves', () => {
    const before = parsed(
      feed([followUp(), followUp({ id: 'f2', kind: 'participantSurvey' })], [application()]),
    );
    const after = parsed(
      feed(
        [followUp({ dueOn: '2015-09-30', version: 3 }), followUp({ id: 'f2', kind: 'participantSurvey' })],
        [application({ completionDueOn: '2015-07-31' })],
      ),
    );
    const uids = (events: { uid: string }[]) => events.map((e) => e.uid).sort();
    expect(new Set(uids(after.events)).size).toBe(3);
    expect(uids(after.events)).toEqual(expect.arrayContaining(uids(before.events)));
    const moved = after.events.find((e) => e.start.toString() === '2015-09-30');
    expect(moved?.uid).toBe(before.events.find((e) => e.start.toString() === '2015-06-30')?.uid);
  });

  it('names the calendar and asks clients to refresh it', () => {
    const { calendar } = parsed(feed([], [], 'KUR – LFC Karlstad'));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('KUR – LFC Karlstad');
    expect(calendar.getFirstPropertyValue('refresh-interval')?.toString()).toMatch(/^PT\d+H$/);
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toMatch(/^PT\d+H$/);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  });

  it('stamps every event with the instant given, in UTC', () => {
    const text = feed([followUp()], [application()]);
    expect(text).toContain('\r\nDTSTAMP:20150602T100000Z\r\n');
  });
});

describe('RFC 5545 form', () => {
  const longTitle =
    'Gemensam grund för samverkan i Värmland, Örebro och Dalarna – kunskapsöverföring åt ' +
    'försäkringsläkare, arbetsförmedlare och socialsekreterare i små kommuner på landsbygden';
  const text = feed([followUp()], [application({ title: longTitle, completionDueOn: '2015-07-31' })]);

  it('ends every line with CRLF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('folds lines at 75 octets without splitting a character, and unfolds to the whole summary', () => {
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    const summaries = parsed(text).events.map((e) => e.summary);
    expect(summaries).toContain(`Kompetensutvecklingsplan: ${longTitle}`);
    expect(summaries).toContain(`Slutrapport: ${longTitle}`);
  });

  it('escapes commas, semicolons and backslashes in text', () => {
    const tricky = 'Plan; del 1, del 2 \\ bilaga';
    const out = feed([followUp()], [application({ title: tricky })]);
    expect(out).toContain('Plan\\; del 1\\, del 2 \\\\ bilaga');
    expect(parsed(out).events[0]?.summary).toBe(`Kompetensutvecklingsplan: ${tricky}`);
  });

  it('is one VCALENDAR holding only VEVENTs, each with UID, DTSTAMP and DTSTART', () => {
    const { calendar, events } = parsed(text);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getAllSubcomponents().every((c) => c.name === 'vevent')).toBe(true);
    for (const component of calendar.getAllSubcomponents('vevent')) {
      for (const property of ['uid', 'dtstamp', 'dtstart']) {
        expect(component.getAllProperties(property)).toHaveLength(1);
      }
    }
    expect(events).toHaveLength(2);
  });

  it('writes the calendar properties before its first component', () => {
    const lines = text.split('\r\n');
    const firstEvent = lines.indexOf('BEGIN:VEVENT');
    const lastEvent = lines.lastIndexOf('END:VEVENT');
    expect(lines.slice(lastEvent + 1)).toEqual(['END:VCALENDAR', '']);
    expect(lines.slice(0, firstEvent).some((line) => line.startsWith('X-WR-CALNAME:'))).toBe(true);
  });
});
