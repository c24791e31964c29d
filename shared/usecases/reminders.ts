import {
  completionReminder,
  type Email,
  followUpReminder,
  type RemindedApplication,
} from '../domain/email.ts';
import { nextReminderOn, stepToSend } from '../domain/reminders.ts';
import { mapBounded } from '../parallel.ts';
import type { ApplicationStore, AreaStore, Log, ProgrammeStore, Reminded, ReminderStore } from '../ports.ts';

export interface ReminderPorts {
  reminders: ReminderStore;
  applications: Pick<ApplicationStore, 'get'>;
  areas: Pick<AreaStore, 'get'>;
  programmes: Pick<ProgrammeStore, 'get'>;
  log: Log;
  /** Where the form lives; reminders link to it. */
  formUrl: string;
}

export interface ReminderSummary {
  today: string;
  candidates: number;
  sent: number;
  skipped: number;
}

/** Raised after a run in which some obligations could not be handled; they are retried next run. */
export class ReminderRunIncomplete extends Error {
  constructor(readonly summary: ReminderSummary & { failed: number }) {
    super(`Reminder run for ${summary.today}: ${summary.failed} of ${summary.candidates} obligations failed`);
  }
}

/** Obligations handled at once: enough to hide latency, few enough not to trip throttling. */
const CONCURRENCY = 8;

/** Loads each distinct thing once per run: many obligations share an area and a programme. */
const memo = <T>(load: (id: string) => Promise<T>) => {
  const cache = new Map<string, Promise<T>>();
  return (id: string) => {
    let value = cache.get(id);
    if (!value) {
      value = load(id);
      cache.set(id, value);
    }
    return value;
  };
};

/**
 * What the e-mail says of the application, as the reminded item carries it — so that the job reads
 * no application (issue 16: those reads were 80 % of its capacity). A pending completion reminder
 * is always an approved application's: the completion closes it in the transaction that makes the
 * application completed. An obligation carries its application's status from the approval on, and
 * the completion writes `completed` onto every obligation it moves or makes. Undefined for items
 * stored before they carried these: only those are read from the application.
 */
const carriedApplication = (reminded: Reminded): RemindedApplication | undefined => {
  if (reminded.type === 'completion') {
    const { applicationId, applicationTitle } = reminded.completion;
    return typeof applicationTitle === 'string'
      ? { id: applicationId, title: applicationTitle || undefined, status: 'approved' }
      : undefined;
  }
  const { applicationId, applicationTitle, applicationStatus } = reminded.followUp;
  return applicationStatus
    ? { id: applicationId, title: applicationTitle || undefined, status: applicationStatus }
    : undefined;
};

/** The daily reminder job. */
export const makeReminders = ({
  reminders,
  applications,
  areas,
  programmes,
  log,
  formUrl,
}: ReminderPorts) => {
  /**
   * The run for `today` (Europe/Stockholm): for each pending obligation and each unreported
   * completion whose next reminder day has come, send the latest step of its round that is due and
   * not sent yet. Each obligation is its own transaction, so a
   * run that crashes half-way leaves the rest for the next run, and a run that overlaps another
   * sends nothing twice.
   */
  const run = async (today: string, now: Date): Promise<ReminderSummary> => {
    const candidates = await reminders.due(today);
    const application = memo((id) => applications.get(id));
    const area = memo((id) => areas.get(id));
    const programme = memo((id) => programmes.get(id));

    /** What a reminder is about, whichever kind of thing it reminds of. */
    const about = (reminded: Reminded) =>
      reminded.type === 'followUp'
        ? { ...reminded.followUp, id: reminded.followUp.id }
        : { ...reminded.completion, id: reminded.completion.applicationId };

    const remind = async (reminded: Reminded): Promise<'sent' | 'skipped'> => {
      const it = about(reminded);
      const step = stepToSend(it.reminderFrom, it.reminderOffsetsDays, it.remindersSent, today);
      const [app, itsArea, itsProgramme] = await Promise.all([
        carriedApplication(reminded) ?? application(it.applicationId),
        area(it.areaId),
        programme(it.programmeId),
      ]);
      if (step === undefined || !app || !itsArea || !itsProgramme) return 'skipped';
      const context = {
        step,
        today,
        app,
        area: itsArea,
        managementEmails: itsProgramme.managementEmails,
        formUrl,
      };
      const email: Email =
        reminded.type === 'followUp'
          ? followUpReminder({ ...context, followUp: reminded.followUp })
          : completionReminder({ ...context, completion: reminded.completion });
      const recorded = await reminders.record({
        reminded,
        step,
        nextReminderOn: nextReminderOn(
          it.reminderFrom,
          it.reminderOffsetsDays,
          [...it.remindersSent, step],
          today,
        ),
        email: {
          email,
          source:
            reminded.type === 'followUp'
              ? { followUpId: it.id, kind: `reminder${step}` }
              : { applicationId: it.applicationId, kind: `completion-reminder${step}` },
        },
        at: now,
      });
      return recorded ? 'sent' : 'skipped';
    };

    // One obligation's failure does not stop the others; the run then fails as a whole, so that
    // Lambda's retry and on-failure destination see it. Retrying is safe: steps are claimed once.
    const outcomes = await mapBounded(candidates, CONCURRENCY, (reminded) =>
      remind(reminded).catch((error: unknown) => {
        log.error('reminder failed', {
          type: reminded.type,
          id: about(reminded).id,
          errorName: (error as Error)?.name,
        });
        return 'failed' as const;
      }),
    );
    const count = (outcome: (typeof outcomes)[number]) => outcomes.filter((o) => o === outcome).length;
    const summary = { today, candidates: candidates.length, sent: count('sent'), skipped: count('skipped') };
    const failed = count('failed');
    log.info('reminder run', { ...summary, failed });
    if (failed > 0) throw new ReminderRunIncomplete({ ...summary, failed });
    return summary;
  };

  return { run };
};

export type Reminders = ReturnType<typeof makeReminders>;
