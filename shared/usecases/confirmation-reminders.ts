import type { Application } from '../domain/application.ts';
import { confirmationLinkExpired, confirmationReminder } from '../domain/confirmation-emails.ts';
import { linkValidThrough } from '../domain/confirmations.ts';
import { addDays, stockholmDate } from '../domain/dates.ts';
import { isEscalation, stepToSend } from '../domain/reminders.ts';
import { mapBounded } from '../parallel.ts';
import type { AreaStore, ConfirmationReminderClaim, OutgoingEmail, ProgrammeStore } from '../ports.ts';

export interface ConfirmationReminderPorts {
  /** Applications waiting for confirmation (few: they leave the state within weeks). */
  awaitingConfirmation(): Promise<Application[]>;
  claim(claim: ConfirmationReminderClaim, email: OutgoingEmail, at: Date): Promise<boolean>;
  areas: Pick<AreaStore, 'get'>;
  programmes: Pick<ProgrammeStore, 'get'>;
  formUrl: string;
}

/**
 * Unanswered confirmation links, reminded by the programme's reminder policy counted from the
 * link's last day: before it, the confirmer is reminded to answer; after it (an escalation step),
 * the coordinators are told the link ran out and to send a new one. Steps on or before the day
 * the link was sent are left out (the link itself was that day's message). The latest step due is
 * sent once; the daily job runs it.
 */
export const makeConfirmationReminders = ({
  awaitingConfirmation,
  claim,
  areas,
  programmes,
  formUrl,
}: ConfirmationReminderPorts) => ({
  run: async (today: string, at: Date): Promise<number> => {
    let sent = 0;
    await mapBounded(await awaitingConfirmation(), 4, async (app) => {
      const [programme, area] = await Promise.all([programmes.get(app.programmeId), areas.get(app.areaId)]);
      if (!programme || !area) return;
      for (const confirmation of (app.confirmations ?? []).filter((c) => c.status === 'pending')) {
        const lastDay = linkValidThrough(confirmation.sentAt);
        const sentOn = stockholmDate(new Date(confirmation.sentAt));
        const offsets = programme.reminderOffsetsDays.filter((offset) => addDays(lastDay, offset) > sentOn);
        const offset = stepToSend(lastDay, offsets, [], today);
        if (offset === undefined) continue;
        const email = isEscalation(offset)
          ? confirmationLinkExpired(app, area, confirmation, lastDay, formUrl)
          : confirmationReminder(app, area, confirmation, lastDay);
        const claimed = await claim(
          { applicationId: app.id, role: confirmation.role, sentAt: confirmation.sentAt, offset },
          { email, source: { applicationId: app.id, kind: `confirmation-reminder-${offset}` } },
          at,
        );
        if (claimed) sent++;
      }
    });
    return sent;
  },
});

export type ConfirmationReminders = ReturnType<typeof makeConfirmationReminders>;
