import { Temporal } from 'temporal-polyfill';

/**
 * Calendar dates (`YYYY-MM-DD`, Europe/Stockholm days) and their arithmetic, on Temporal's
 * PlainDate: adding months clamps to the month's last day (31 March + 3 months = 30 June), and no
 * time zone or DST can shift a date by one.
 */
export type IsoDate = string;

const date = (iso: IsoDate) => Temporal.PlainDate.from(iso);

/** `iso` + an ISO-8601 duration of days, weeks, months or years (`P0D`, `P6W`, `P3M`, `P6M`). */
export const addDuration = (iso: IsoDate, duration: string): IsoDate =>
  date(iso).add(Temporal.Duration.from(duration)).toString();

export const addDays = (iso: IsoDate, days: number): IsoDate => date(iso).add({ days }).toString();

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  date(from).until(date(to), { largestUnit: 'days' }).days;

/** The Europe/Stockholm calendar day of an instant: the users' day, not the Lambda's UTC day. */
export const stockholmDate = (instant: Date): IsoDate =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO('Europe/Stockholm')
    .toPlainDate()
    .toString();
