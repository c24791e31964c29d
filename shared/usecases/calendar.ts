import { randomBytes } from 'node:crypto';
import { calendarEvents, renderCalendar } from '../domain/calendar.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type {
  AreaStore,
  CalendarApplications,
  CalendarFollowUps,
  CalendarTokenStore,
  Clock,
} from '../ports.ts';
import { found, retryLostRaces } from './support.ts';

export interface CalendarPorts {
  calendarTokens: CalendarTokenStore;
  followUps: CalendarFollowUps;
  applications: CalendarApplications;
  areas: AreaStore;
  clock: Clock;
  /** The form; the events link to it. */
  formUrl: string;
  /** Where the API answers, the feed URLs' base; the form's URL when absent (the API serves the form at `/`). */
  apiUrl?: string;
}

/** 32 random bytes, base64url: 43 characters, 256 bits that nobody guesses. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const newToken = (): string => randomBytes(32).toString('base64url');

/** One answer for every token that opens nothing — unknown, replaced or malformed alike. */
const noSuchCalendar = () => new NotFound('Kalendern finns inte. Be om en ny länk i formuläret.');

/**
 * The calendar feed per area: a secret subscription URL for the area's coordinators and the
 * administrators, and the feed behind it, which calendar clients read without signing in.
 */
export const makeCalendar = ({
  calendarTokens,
  followUps,
  applications,
  areas,
  clock,
  formUrl,
  apiUrl = formUrl,
}: CalendarPorts) => {
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  const urlOf = (token: string) => ({ url: new URL(`calendar/${token}.ics`, base).toString() });

  /** Admins may see every area's URL; a coordinator their own area's only. */
  const allowed = async (caller: Caller, areaId: string) => {
    if (!isAdmin(caller) && caller.areaId !== areaId) {
      throw new Forbidden('Du kan bara se kalendern för ditt eget område.');
    }
    await found(areas.get(areaId), 'Området finns inte.');
  };

  /**
   * The area's URL: the first call makes the token, later calls answer the same URL. Two first
   * calls at once: one wins the write, the other reads again and answers the winner's URL.
   */
  const url = async (caller: Caller, areaId: string) => {
    await allowed(caller, areaId);
    return retryLostRaces(async () => {
      const current = await calendarTokens.get(areaId);
      if (current?.token !== undefined) return urlOf(current.token);
      // None yet, or one that can no longer be read back (its key was lost): a new one.
      const token = newToken();
      await calendarTokens.replace(areaId, token, current?.version ?? 0, clock.now());
      return urlOf(token);
    });
  };

  /** A new URL for the area; the old one answers 404 from now on (e.g. after it was shared by mistake). */
  const rotate = async (caller: Caller, areaId: string) => {
    await allowed(caller, areaId);
    return retryLostRaces(async () => {
      const current = await calendarTokens.get(areaId);
      const token = newToken();
      await calendarTokens.replace(areaId, token, current?.version ?? 0, clock.now());
      return urlOf(token);
    });
  };

  /**
   * The feed of the area the token belongs to. A malformed token is refused before any read, so
   * that guessing costs nothing but the request; every refusal is the same 404.
   */
  const feed = async (token: string): Promise<string> => {
    if (!TOKEN.test(token)) throw noSuchCalendar();
    const areaId = await calendarTokens.areaOf(token);
    if (areaId === undefined) throw noSuchCalendar();
    const [area, pending, areaApplications] = await Promise.all([
      areas.get(areaId),
      followUps.pendingOfArea(areaId),
      applications.ofArea(areaId),
    ]);
    if (!area) throw noSuchCalendar();
    return renderCalendar({
      name: `KUR – ${area.name}`,
      stamp: clock.now(),
      events: calendarEvents({ followUps: pending, applications: areaApplications, formUrl }),
    });
  };

  return { url, rotate, feed };
};

export type Calendar = ReturnType<typeof makeCalendar>;
