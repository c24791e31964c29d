/**
 * Calendar dates (`YYYY-MM-DD`, Europe/Stockholm days) and their arithmetic, as Temporal's
 * PlainDate does it: adding months clamps to the month's last day (31 March + 3 months = 30 June),
 * and no time zone or DST can shift a date by one, because a date is counted as a UTC day number.
 * Written out rather than taken from a Temporal polyfill: these few rules are all we need, and the
 * polyfill was 55 KB of every function's cold start (issue 16). test/domain/dates.test.ts checks
 * them against the polyfill on random dates.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number; // 1–12
  day: number;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const parse = (iso: IsoDate): Ymd => {
  const match = ISO_DATE.exec(iso);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new RangeError(`Not a calendar date: ${iso}`);
  return { year, month, day };
};

/** Days since 1970-01-01 (Date.UTC would read years 0–99 as 1900–1999). */
const dayNumber = ({ year, month, day }: Ymd): number => {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return Math.round(at.getTime() / DAY_MS);
};

const fromDayNumber = (days: number): IsoDate => new Date(days * DAY_MS).toISOString().slice(0, 10);

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * `iso` + an ISO-8601 duration of years, months, weeks and days (`P0D`, `P6W`, `P3M`, `P6M`, `-P1M`):
 * years and months first, clamped to the month's length, then weeks and days, as Temporal adds.
 */
export const addDuration = (iso: IsoDate, duration: string): IsoDate => {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration === '-P') throw new RangeError(`Not a duration: ${duration}`);
  const sign = match[1] ? -1 : 1;
  const [years, months, weeks, days] = [match[2], match[3], match[4], match[5]].map(
    (n) => sign * Number(n ?? 0),
  );
  const start = parse(iso);
  const monthIndex = start.year * 12 + (start.month - 1) + (years as number) * 12 + (months as number);
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(start.day, daysInMonth(year, month));
  return fromDayNumber(dayNumber({ year, month, day }) + (weeks as number) * 7 + (days as number));
};

export const addDays = (iso: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(parse(iso)) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  dayNumber(parse(to)) - dayNumber(parse(from));

/** The ISO week of a day, `2014-W40`: weeks start on Monday and week 1 holds the year's first Thursday. */
export const isoWeek = (iso: IsoDate): string => {
  const days = dayNumber(parse(iso));
  const weekday = (new Date(days * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = fromDayNumber(days - weekday + 3); // the week's Thursday decides its year
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayNumber(parse(thursday)) - dayNumber({ year, month: 1, day: 1 })) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
};

const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of a month: when the EU's summer time begins (March) and ends (October). */
const lastSundayAtOneUtc = (year: number, month: number): number => {
  const lastDay = Date.UTC(year, month, 0); // month is 1–12, so this is the month's last day
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
};

/**
 * The Europe/Stockholm calendar day of an instant: the users' day, not the Lambda's UTC day.
 * Sweden is UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of October at
 * 01:00 UTC (the EU's summer time, as in Sweden since 1996). Computed rather than asked of Intl:
 * the first time-zone formatter of a process loads ICU's zone data, 25–90 ms of nearly every cold
 * start, since every write asks for today (issue 16). test/domain/dates.test.ts compares it with
 * the IANA zone database that Node ships, on random instants and at every switch to 2100, so a
 * change of the rule (the EU has discussed ending the clock changes) fails the tests.
 */
export const stockholmDate = (instant: Date): IsoDate => {
  const at = instant.getTime();
  const year = instant.getUTCFullYear();
  const summer = at >= lastSundayAtOneUtc(year, 3) && at < lastSundayAtOneUtc(year, 10);
  return new Date(at + (summer ? 2 : 1) * HOUR_MS).toISOString().slice(0, 10);
};
