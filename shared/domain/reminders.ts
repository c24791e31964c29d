import { addDays, type IsoDate } from './dates.ts';

/**
 * What every reminded thing carries (a follow-up obligation, an application's completion report):
 * the programme's offsets it was created with, and the current round — the date it counts from
 * (`reminderFrom`) and the steps of this round already sent. A new round (after a return or an
 * approved deferral) counts from a new date with nothing sent.
 */
export interface ReminderBookkeeping {
  reminderOffsetsDays: number[];
  /** 1, 2, …: each step is claimed once per round. */
  reminderRound: number;
  reminderFrom: IsoDate;
  /** Steps (days relative to `reminderFrom`) of the current round already sent. */
  remindersSent: number[];
}

/** The first round of something due on `dueOn`: nothing sent yet. */
export const firstRound = (dueOn: IsoDate, offsets: readonly number[]): ReminderBookkeeping => ({
  reminderOffsetsDays: [...offsets],
  reminderRound: 1,
  reminderFrom: dueOn,
  remindersSent: [],
});

/** A new round counting from `from`: the next round number, nothing sent in it yet. */
export const nextRound = <T extends ReminderBookkeeping>(reminded: T, from: IsoDate): T => ({
  ...reminded,
  reminderRound: reminded.reminderRound + 1,
  reminderFrom: from,
  remindersSent: [],
});

/**
 * The reminder policy (DOMAIN.md, "Reminders"), as a pure function of the date the round counts
 * from, the programme's offsets, the steps of the round already sent and today:
 * 1. `s` = the latest step whose day (from + offset) is on or before today; none → nothing.
 * 2. If `s` was sent → nothing; otherwise send `s`. Earlier unsent steps are skipped for good,
 *    so a missed run is caught up without a burst of stale reminders.
 */
export const stepToSend = (
  from: IsoDate,
  offsets: readonly number[],
  sent: readonly number[],
  today: IsoDate,
): number | undefined => {
  const come = [...offsets].sort((a, b) => a - b).filter((offset) => addDays(from, offset) <= today);
  const latest = come.at(-1);
  return latest === undefined || sent.includes(latest) ? undefined : latest;
};

/**
 * The next day on which `stepToSend` has something to send, as of `today`: what the sparse
 * reminder index is keyed by. Today itself when a step is due now; otherwise the day of the
 * earliest unsent step still ahead (on the days before it the latest step come is one already
 * sent). Undefined when none remains (it leaves the index). Exact, so that a due date moved
 * later after a step was sent still gets its earlier steps of the new date.
 */
export const nextReminderOn = (
  from: IsoDate,
  offsets: readonly number[],
  sent: readonly number[],
  today: IsoDate,
): IsoDate | undefined => {
  if (stepToSend(from, offsets, sent, today) !== undefined) return today;
  return [...offsets]
    .sort((a, b) => a - b)
    .filter((offset) => !sent.includes(offset))
    .map((offset) => addDays(from, offset))
    .find((day) => day > today);
};

/** Steps after the due date escalate: the area manager and the programme management are copied. */
export const isEscalation = (offset: number): boolean => offset > 0;
