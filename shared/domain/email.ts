import type { Application } from './application.ts';
import type { Area } from './area.ts';
import { daysBetween, type IsoDate } from './dates.ts';
import type { FollowUpKind } from './programme.ts';
import { isEscalation } from './reminders.ts';
import { count, genitive, KIND_LABEL, STATUS_LABEL, sek } from './vocabulary.ts';

/** An e-mail as the outbox stores it and the mailer sends it: Swedish, with a text and an HTML part. */
export interface Email {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** User text goes into HTML only through this. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/**
 * A subject is one line of plain text: a line break in it would end the header and let the rest
 * of a title be read as headers of its own, and no mail program shows a control character. Runs
 * of whitespace and control characters become one space, whatever the user typed.
 */
export const oneLine = (text: string): string => text.replace(/[\s\p{Cc}]+/gu, ' ').trim();

/** Builds both parts from paragraphs of plain text; every paragraph is escaped for the HTML part. */
export const compose = (
  to: string[],
  cc: string[],
  subject: string,
  paragraphs: string[],
  link: { url: string; label: string },
): Email => ({
  to,
  cc,
  subject: oneLine(subject),
  text: `${paragraphs.join('\n\n')}\n\n${link.label}: ${link.url}\n`,
  html: `<!doctype html><html lang="sv"><body>${paragraphs
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p></body></html>`,
});

export const applicationLink = (formUrl: string, app: Pick<Application, 'id'>) => ({
  url: `${formUrl.replace(/\/?$/, '/')}#/ansokningar/${encodeURIComponent(app.id)}`,
  label: 'Öppna ansökan',
});

const title = (app: Pick<Application, 'title'>) => app.title ?? 'Ansökan utan titel';

export const submissionConfirmation = (app: Application, area: Area, formUrl: string): Email =>
  compose(
    area.coordinatorEmails,
    [area.managerEmail],
    `Ansökan inskickad: ${title(app)} (${area.name})`,
    [
      `Ansökan ”${title(app)}” från ${area.name} har kommit in till projektledningen för KUR.`,
      'Ni får ett nytt e-postmeddelande när ansökan har beslutats.',
    ],
    applicationLink(formUrl, app),
  );

const grantedLines = (granted: Record<string, number>) =>
  Object.entries(granted)
    .sort(([a], [b]) => Number(a) - Number(b)) // years; localeCompare would load ICU's collator for this
    .map(([year, amount]) => `${year}: ${sek(amount)}`)
    .join('\n');

export const decisionNotice = (app: Application, area: Area, formUrl: string): Email => {
  const decision = app.decision;
  const comment = decision?.comment ? [`Kommentar från projektledningen:\n${decision.comment}`] : [];
  const byOutcome = {
    approved: {
      subject: `Ansökan ${STATUS_LABEL.approved}: ${title(app)} (${area.name})`,
      body: [
        `Ansökan ”${title(app)}” från ${area.name} har beviljats medel:\n${grantedLines(app.grantedByYear ?? {})}`,
        'Medel som inte används under året kan inte föras över till nästa år. När aktiviteterna är genomförda rapporterar ni dem och de faktiska kostnaderna i formuläret.',
      ],
    },
    rejected: {
      subject: `Ansökan ${STATUS_LABEL.rejected}: ${title(app)} (${area.name})`,
      body: [`Ansökan ”${title(app)}” från ${area.name} har tyvärr avslagits.`],
    },
    returned: {
      subject: `Ansökan ${STATUS_LABEL.returned}: ${title(app)} (${area.name})`,
      body: [
        `Ansökan ”${title(app)}” från ${area.name} har skickats tillbaka för komplettering.`,
        'Komplettera ansökan i formuläret och skicka in den igen.',
      ],
    },
  } as const;
  const { subject, body } = byOutcome[decision?.outcome ?? 'returned'];
  return compose(
    area.coordinatorEmails,
    [area.managerEmail],
    subject,
    [...body, ...comment],
    applicationLink(formUrl, app),
  );
};

/**
 * What a reminder says about time, counted from the day it is sent (a step sent late, after missed
 * runs, still tells the truth): coming up, due today, or late by so many days.
 */
/**
 * A reminder of something an area owes (a completion report, a follow-up): to the area's
 * coordinators, naming the application; an escalation copies the area manager and the programme
 * management and says so.
 */
const reminder = (
  about: {
    app: RemindedApplication;
    area: Area;
    managementEmails: string[];
    escalated: boolean;
    lead: { subject: string; text: string };
  },
  howTo: string[],
  link: { url: string; label: string },
): Email => {
  const { app, area, managementEmails, escalated, lead } = about;
  return compose(
    area.coordinatorEmails,
    escalated ? [area.managerEmail, ...managementEmails] : [],
    lead.subject,
    [
      `Gäller ansökan ”${title(app)}” från ${area.name}, som är ${STATUS_LABEL[app.status]}.`,
      escalated
        ? `${lead.text} Områdeschefen och projektledningen får en kopia av detta meddelande.`
        : lead.text,
      ...howTo,
    ],
    link,
  );
};

const timing = (dueOn: IsoDate, today: IsoDate) => {
  const late = daysBetween(dueOn, today);
  return late < 0
    ? ({ when: 'before', days: -late } as const)
    : late === 0
      ? ({ when: 'today', days: 0 } as const)
      : ({ when: 'late', days: late } as const);
};

/**
 * What a reminder says of the application: its title, status and link. The reminder job has them
 * from the obligation it reminds of (shared/usecases/reminders.ts), not from the application.
 */
export type RemindedApplication = Pick<Application, 'id' | 'title' | 'status'>;

export interface CompletionReminderContext {
  completion: { dueOn: IsoDate };
  step: number;
  today: IsoDate;
  app: RemindedApplication;
  area: Area;
  managementEmails: string[];
  formUrl: string;
}

/**
 * A completion reminder: the area is to report that the activities have ended and what they
 * actually cost. Names the application, the area and `completionDueOn`, says what to do and links
 * to the application; copies the area manager and the programme management from the first
 * overdue step on, like every reminder.
 */
export const completionReminder = ({
  completion,
  step,
  today,
  app,
  area,
  managementEmails,
  formUrl,
}: CompletionReminderContext): Email => {
  const subjectTail = `slutrapport för ”${title(app)}” (${area.name}), senast ${completion.dueOn}`;
  const time = timing(completion.dueOn, today);
  const escalated = isEscalation(step);
  const lead = {
    before: {
      subject: `Påminnelse: ${subjectTail}`,
      text: `Om ${days(time.days)}, ${completion.dueOn}, ska ${area.name} lämna slutrapporten.`,
    },
    today: {
      subject: `I dag är sista dagen: ${subjectTail}`,
      text: `I dag, ${completion.dueOn}, ska ${area.name} lämna slutrapporten.`,
    },
    late: {
      subject: `Försenad ${days(time.days)}: ${subjectTail}`,
      text: `${area.name} skulle ha lämnat slutrapporten senast ${completion.dueOn}. Den är nu ${days(time.days)} försenad.`,
    },
  }[time.when];
  return reminder(
    { app, area, managementEmails, escalated, lead },
    [
      'Så här gör ni: öppna ansökan i formuläret och skicka slutrapporten, med det datum då varje aktivitet avslutades och vad den faktiskt kostade per år.',
      'Inga pengar betalas ut förrän slutrapporten har kommit in, och pengar som inte har betalats ut när året är slut betalas tillbaka.',
    ],
    applicationLink(formUrl, app),
  );
};

export interface ReminderContext {
  /** `resubmitBy` when head office returned it: the reminders are then about handing it in again. */
  followUp: { kind: FollowUpKind; dueOn: IsoDate; resubmitBy?: IsoDate | undefined };
  step: number;
  /** The day the reminder is sent: what "in 10 days" and "15 days late" count from. */
  today: IsoDate;
  app: RemindedApplication;
  area: Area;
  managementEmails: string[];
  formUrl: string;
}

const days = (n: number) => count(n, 'dag', 'dagar');

/**
 * A follow-up reminder: names the application, the area, the obligation and its due date, and
 * says what to do and where. What it says about time counts from the day it is sent (a step sent
 * late, after missed runs, still tells the truth); whom it copies follows the step: from the
 * first overdue step on, the area manager and the programme management are copied.
 */
export const followUpReminder = ({
  followUp,
  step,
  today,
  app,
  area,
  managementEmails,
  formUrl,
}: ReminderContext): Email => {
  const what = KIND_LABEL[followUp.kind];
  const subjectTail = `${what} för ”${title(app)}” (${area.name}), senast ${followUp.resubmitBy ?? followUp.dueOn}`;
  const late = daysBetween(followUp.resubmitBy ?? followUp.dueOn, today);
  const escalated = isEscalation(step);
  const lead = followUp.resubmitBy
    ? late <= 0
      ? {
          subject: `Komplettera: ${subjectTail}`,
          text: `Projektledningen har skickat tillbaka ${genitive(area.name)} ${what} för komplettering. Lämna in den igen senast ${followUp.resubmitBy}.`,
        }
      : {
          subject: `Kompletteringen är försenad ${days(late)}: ${subjectTail}`,
          text: `${area.name} skulle ha lämnat in sin kompletterade ${what} senast ${followUp.resubmitBy}. Den ursprungliga sista dagen var ${followUp.dueOn}.`,
        }
    : late < 0
      ? {
          subject: `Påminnelse: ${subjectTail}`,
          text: `Om ${days(-late)}, ${followUp.dueOn}, ska ${area.name} lämna in en ${what}.`,
        }
      : late === 0
        ? {
            subject: `I dag är sista dagen: ${subjectTail}`,
            text: `I dag, ${followUp.dueOn}, ska ${area.name} lämna in en ${what}.`,
          }
        : {
            subject: `Försenad ${days(late)}: ${subjectTail}`,
            text: `${area.name} skulle ha lämnat in en ${what} senast ${followUp.dueOn}. Den är nu ${days(late)} försenad.`,
          };
  return reminder(
    { app, area, managementEmails, escalated, lead },
    [
      `Så här gör ni: öppna formuläret, välj Uppföljningar och lämna in er ${what} med en kort sammanfattning och gärna en länk till dokumentet.`,
    ],
    { url: `${formUrl.replace(/\/?$/, '/')}#/uppfoljningar`, label: 'Öppna uppföljningarna' },
  );
};

/** What review and deferral e-mails say about an obligation: its kind, application, area and date. */
export interface FollowUpMailContext {
  followUp: { kind: FollowUpKind; dueOn: IsoDate; applicationTitle: string };
  area: Area;
  formUrl: string;
}

const followUpsLink = (formUrl: string) => ({
  url: `${formUrl.replace(/\/?$/, '/')}#/uppfoljningar`,
  label: 'Öppna uppföljningarna',
});

const followUpName = ({ followUp, area }: FollowUpMailContext) =>
  `${KIND_LABEL[followUp.kind]} för ”${followUp.applicationTitle || 'ansökan'}” (${area.name})`;

/** To the area's coordinators: head office accepted what they handed in, or returned it with a comment. */
export const followUpReviewed = (
  context: FollowUpMailContext,
  review: {
    outcome: 'accepted' | 'returned';
    comment?: string | undefined;
    resubmitBy?: IsoDate | undefined;
  },
): Email =>
  review.outcome === 'accepted'
    ? compose(
        context.area.coordinatorEmails,
        [],
        `Godkänd: ${followUpName(context)}`,
        [
          `Projektledningen har godkänt er ${KIND_LABEL[context.followUp.kind]}. Ni behöver inte göra något mer med den.`,
          ...(review.comment ? [`Kommentar från projektledningen:\n${review.comment}`] : []),
        ],
        followUpsLink(context.formUrl),
      )
    : compose(
        context.area.coordinatorEmails,
        [],
        `Komplettera senast ${review.resubmitBy}: ${followUpName(context)}`,
        [
          `Projektledningen har skickat tillbaka er ${KIND_LABEL[context.followUp.kind]} och ber er komplettera den.`,
          `Kommentar från projektledningen:\n${review.comment ?? ''}`,
          `Lämna in den igen senast ${review.resubmitBy}. Den ursprungliga sista dagen, ${context.followUp.dueOn}, gäller fortfarande när förseningen räknas.`,
        ],
        followUpsLink(context.formUrl),
      );

/** To the programme management: an area asks to hand in later. */
export const deferralRequested = (
  context: FollowUpMailContext,
  managementEmails: string[],
  request: { dueOn: IsoDate; reason: string },
): Email =>
  compose(
    managementEmails,
    [],
    `Begäran om ny sista dag: ${followUpName(context)}`,
    [
      `${context.area.name} ber att få lämna in sin ${KIND_LABEL[context.followUp.kind]} senast ${request.dueOn} i stället för ${context.followUp.dueOn}.`,
      `Skäl:\n${request.reason}`,
      'Godkänn eller avslå begäran i formuläret.',
    ],
    followUpsLink(context.formUrl),
  );

/** To the area's coordinators: head office answered their request for a later date. */
export const deferralAnswered = (
  context: FollowUpMailContext,
  answer: { outcome: 'approved' | 'rejected'; dueOn: IsoDate; comment?: string | undefined },
): Email =>
  compose(
    context.area.coordinatorEmails,
    [],
    answer.outcome === 'approved'
      ? `Ny sista dag ${answer.dueOn}: ${followUpName(context)}`
      : `Ingen ny sista dag: ${followUpName(context)}`,
    [
      answer.outcome === 'approved'
        ? `Projektledningen har godkänt er begäran. Ny sista dag för er ${KIND_LABEL[context.followUp.kind]} är ${answer.dueOn}.`
        : `Projektledningen har avslagit er begäran. Sista dagen för er ${KIND_LABEL[context.followUp.kind]} är fortfarande ${context.followUp.dueOn}.`,
      ...(answer.comment ? [`Kommentar från projektledningen:\n${answer.comment}`] : []),
    ],
    followUpsLink(context.formUrl),
  );

/** To the programme management: an area handed in what it owed (again, after a return). */
export const followUpSubmitted = (
  context: FollowUpMailContext,
  managementEmails: string[],
  submission: { submittedOn: IsoDate; summary: string; documentIds?: string[] | undefined },
): Email =>
  compose(
    managementEmails,
    [],
    `Inlämnad: ${followUpName(context)}`,
    [
      `${context.area.name} lämnade in sin ${KIND_LABEL[context.followUp.kind]} ${submission.submittedOn} (sista dag ${context.followUp.dueOn}).`,
      `Sammanfattning:\n${submission.summary}`,
      submission.documentIds?.length
        ? `${count(submission.documentIds.length, 'dokument', 'dokument')} finns att hämta i formuläret. Granska och godkänn, eller skicka tillbaka med en kommentar.`
        : 'Granska och godkänn, eller skicka tillbaka med en kommentar.',
    ],
    followUpsLink(context.formUrl),
  );
