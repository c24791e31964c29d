import type { Activity } from './application.ts';
import { addDays, type IsoDate } from './dates.ts';
import { firstRound, type ReminderBookkeeping } from './reminders.ts';

/**
 * Completion is itself an obligation of the application: the coordinator reports the real end
 * dates and costs within `completionReportDays` of the latest planned end. Until then it is
 * reminded and escalated like a follow-up; the completion closes it. Not a follow-up: it is not
 * listed with them, it is the application's `completionDueOn`.
 */
export interface CompletionDue extends ReminderBookkeeping {
  applicationId: string;
  applicationTitle: string;
  programmeId: string;
  areaId: string;
  dueOn: IsoDate;
  status: 'pending' | 'done';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The latest planned end + `completionReportDays`; undefined when no activity has a planned end. */
export const completionDueOn = (
  activities: readonly Activity[] | undefined,
  completionReportDays: number,
): IsoDate | undefined => {
  const ends = (activities ?? []).flatMap((a) => (a.plannedEnd ? [a.plannedEnd] : [])).sort();
  const latest = ends.at(-1);
  return latest === undefined ? undefined : addDays(latest, completionReportDays);
};

export const newCompletionDue = (fields: {
  application: { id: string; title?: string | undefined; programmeId: string; areaId: string };
  dueOn: IsoDate;
  reminderOffsetsDays: readonly number[];
  now: Date;
}): CompletionDue => ({
  applicationId: fields.application.id,
  applicationTitle: fields.application.title ?? '',
  programmeId: fields.application.programmeId,
  areaId: fields.application.areaId,
  dueOn: fields.dueOn,
  status: 'pending',
  version: 1,
  createdAt: fields.now.toISOString(),
  updatedAt: fields.now.toISOString(),
  ...firstRound(fields.dueOn, fields.reminderOffsetsDays),
});
