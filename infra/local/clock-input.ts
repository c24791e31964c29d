/**
 * Parses the `now` of PUT /local/clock: a calendar date (that day at 12:00 Europe/Stockholm, in
 * CET or CEST as the day has it) or an ISO-8601 date-time with an explicit offset.
 */

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** 12:00 in Stockholm on the given day: 11:00Z in winter (CET), 10:00Z in summer (CEST). */
export const stockholmNoon = (date: string): Date | undefined => {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(y, m - 1, d, 12 - offsetHours));
    if (stockholm.format(candidate) === `${date} 12:00`) return candidate;
  }
  return undefined;
};

export const parseClockInput = (now: string): Date | undefined => {
  if (DATE.test(now)) return stockholmNoon(now);
  if (!DATE_TIME.test(now)) return undefined;
  const instant = new Date(now);
  if (Number.isNaN(instant.getTime())) return undefined;
  // Reject dates that Date silently rolls over (2015-02-30T…).
  const [y, m, d] = now.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return instant;
};
