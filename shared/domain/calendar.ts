import ical, { ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import type { ApplicationStatus } from './application.ts';
import { addDays, type IsoDate } from './dates.ts';
import type { FollowUpStatus } from './follow-ups.ts';
import type { FollowUpKind } from './programme.ts';
import { capitalised, KIND_LABEL } from './vocabulary.ts';

/**
 * An area's due dates as an iCalendar feed (RFC 5545) that Outlook and Google Calendar subscribe
 * to: one all-day event per date the area must hand something in. Pure: the instant that stamps
 * the events is handed in, and nothing is read.
 */

/** What the calendar needs of an obligation. `resubmitBy`, when set, is the date that stands after a return. */
export interface CalendarFollowUp {
  id: string;
  applicationId: string;
  kind: FollowUpKind;
  dueOn: IsoDate;
  resubmitBy?: IsoDate;
  status: FollowUpStatus | (string & {});
  version: number;
}

/** What the calendar needs of an application: its title, and the date its completion report is due. */
export interface CalendarApplication {
  id: string;
  title?: string;
  status: ApplicationStatus | (string & {});
  completionDueOn?: IsoDate;
  version: number;
}

export interface CalendarEvent {
  /** Stable per obligation, so that a client updates an event whose date moved instead of adding one. */
  uid: string;
  date: IsoDate;
  summary: string;
  description: string;
  url: string;
  /** Grows with every change of what the event shows (the item's version). */
  sequence: number;
}

const COMPLETION_REPORT = 'slutrapport';
const UNTITLED = 'ansökan utan titel';

/** Where in the form the area hands in a document, and where it reports completion. */
const formLink = (formUrl: string, fragment: string): string => new URL(fragment, formUrl).toString();

/**
 * The events of an area: each pending obligation on its due date (or on `resubmitBy` after a
 * return), and each approved application not yet completed on its `completionDueOn`. Earliest first.
 */
export const calendarEvents = ({
  followUps,
  applications,
  formUrl,
}: {
  followUps: readonly CalendarFollowUp[];
  applications: readonly CalendarApplication[];
  formUrl: string;
}): CalendarEvent[] => {
  const titles = new Map(applications.map((a) => [a.id, a.title?.trim() || capitalised(UNTITLED)]));
  const documents = followUps
    .filter((f) => f.status === 'pending')
    .map((f): CalendarEvent => {
      const title = titles.get(f.applicationId) ?? capitalised(UNTITLED);
      const what = capitalised(KIND_LABEL[f.kind]);
      const url = formLink(formUrl, '#/uppfoljningar');
      const date = f.resubmitBy ?? f.dueOn;
      return {
        uid: `followup-${f.id}@kur`,
        date,
        summary: f.resubmitBy ? `${what}, komplettering: ${title}` : `${what}: ${title}`,
        description: f.resubmitBy
          ? `${what} för ”${title}” har granskats och ska kompletteras. Lämna in den igen senast ${date}.\n\nLämna den i formuläret: ${url}`
          : `${what} för ”${title}” ska lämnas in senast ${date}.\n\nLämna den i formuläret: ${url}`,
        url,
        sequence: f.version,
      };
    });
  const completions = applications
    .filter((a) => a.status === 'approved' && a.completionDueOn !== undefined)
    .map((a): CalendarEvent => {
      const title = titles.get(a.id) ?? capitalised(UNTITLED);
      const url = formLink(formUrl, `#/ansokningar/${encodeURIComponent(a.id)}`);
      const date = a.completionDueOn as IsoDate;
      return {
        uid: `completion-${a.id}@kur`,
        date,
        summary: `${capitalised(COMPLETION_REPORT)}: ${title}`,
        description: `${capitalised(COMPLETION_REPORT)}en för ”${title}” ska lämnas in senast ${date}: vad aktiviteterna blev och vad de kostade.\n\nLämna den i formuläret: ${url}`,
        url,
        sequence: a.version,
      };
    });
  return [...documents, ...completions].sort((a, b) =>
    a.date === b.date ? a.uid.localeCompare(b.uid) : a.date < b.date ? -1 : 1,
  );
};

/** How often clients are asked to fetch the feed again (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 4 * 3600;

/** `YYYY-MM-DD` as midnight UTC: ical-generator writes an all-day date from the UTC fields, so no time zone can shift it. */
const utcMidnight = (date: IsoDate): Date => new Date(`${date}T00:00:00Z`);

/**
 * The feed as text: CRLF line endings and lines folded at 75 octets (ical-generator does both,
 * counting UTF-8 octets). All-day events carry `DTSTART;VALUE=DATE` and a `DTEND` the day after.
 * A DATE value has no time zone in iCalendar: the due date (a Europe/Stockholm calendar day) shows
 * on that same day in every client, wherever it is set — which is what a deadline means. No
 * `X-WR-TIMEZONE` either: ical-generator would then write all-day dates in the process's own time
 * zone. Events are transparent: a due date does not make anyone busy.
 */
export const renderCalendar = ({
  name,
  events,
  stamp,
}: {
  name: string;
  events: readonly CalendarEvent[];
  stamp: Date;
}): string => {
  const calendar = ical({
    name,
    prodId: { company: 'KUR', product: 'Uppföljning', language: 'SV' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp,
      start: utcMidnight(event.date),
      end: utcMidnight(addDays(event.date, 1)),
      allDay: true,
      summary: event.summary,
      description: event.description,
      url: event.url,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
};
