import { addDays, type IsoDate } from './dates.ts';

/**
 * The reminder policy (DOMAIN.md, "Reminders"), as a pure function of the obligation's due date,
 * the programme's offsets, the steps already sent and today:
 * 1. `s` = the latest step whose day (due + offset) is on or before today; none → nothing.
 * 2. If `s` was sent → nothing; otherwise send `s`. Earlier unsent steps are skipped for good,
 *    so a missed run is caught up without a burst of stale reminders.
 */
export const stepToSend = (
  dueOn: IsoDate,
  offsets: readonly number[],
  sent: readonly number[],
  today: IsoDate,
): number | undefined => {
  const come = [...offsets].sort((a, b) => a - b).filter((offset) => addDays(dueOn, offset) <= today);
  const latest = come.at(-1);
  return latest === undefined || sent.includes(latest) ? undefined : latest;
};

/**
 * The day the next step could be sent, once `sent` have been: what the sparse reminder index is
 * keyed by. Undefined when no later step remains (the obligation leaves the index).
 */
export const nextReminderOn = (
  dueOn: IsoDate,
  offsets: readonly number[],
  sent: readonly number[],
): IsoDate | undefined => {
  const last = sent.length === 0 ? Number.NEGATIVE_INFINITY : Math.max(...sent);
  const next = [...offsets].sort((a, b) => a - b).find((offset) => offset > last);
  return next === undefined ? undefined : addDays(dueOn, next);
};

/** Steps after the due date escalate: the area manager and the programme management are copied. */
export const isEscalation = (offset: number): boolean => offset > 0;
