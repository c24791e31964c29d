import type { Application } from './application.ts';
import type { Area } from './area.ts';
import { FOLLOW_UP_NAMES_SV } from './follow-ups.ts';
import { isEscalation } from './reminders.ts';

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

const sek = (amount: number) => `${amount.toLocaleString('sv-SE')} kr`;

/** Builds both parts from paragraphs of plain text; every paragraph is escaped for the HTML part. */
const compose = (
  to: string[],
  cc: string[],
  subject: string,
  paragraphs: string[],
  link: { url: string; label: string },
): Email => ({
  to,
  cc,
  subject,
  text: `${paragraphs.join('\n\n')}\n\n${link.label}: ${link.url}\n`,
  html: `<!doctype html><html lang="sv"><body>${paragraphs
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p></body></html>`,
});

const applicationLink = (formUrl: string, app: Application) => ({
  url: `${formUrl.replace(/\/?$/, '/')}#/ansokningar/${encodeURIComponent(app.id)}`,
  label: 'Öppna ansökan',
});

const title = (app: Application) => app.title ?? 'Ansökan utan rubrik';

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
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, amount]) => `${year}: ${sek(amount)}`)
    .join('\n');

export const decisionNotice = (app: Application, area: Area, formUrl: string): Email => {
  const decision = app.decision;
  const comment = decision?.comment ? [`Kommentar från projektledningen:\n${decision.comment}`] : [];
  const byOutcome = {
    approved: {
      subject: `Ansökan beviljad: ${title(app)} (${area.name})`,
      body: [
        `Ansökan ”${title(app)}” från ${area.name} har beviljats medel:\n${grantedLines(app.grantedByYear ?? {})}`,
        'Medel som inte används under året kan inte föras över till nästa år. När aktiviteterna är genomförda rapporterar ni dem och de faktiska kostnaderna i formuläret.',
      ],
    },
    rejected: {
      subject: `Ansökan avslagen: ${title(app)} (${area.name})`,
      body: [`Ansökan ”${title(app)}” från ${area.name} har tyvärr avslagits.`],
    },
    returned: {
      subject: `Ansökan återsänd för komplettering: ${title(app)} (${area.name})`,
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

export interface ReminderContext {
  followUp: { kind: keyof typeof FOLLOW_UP_NAMES_SV; dueOn: string };
  step: number;
  app: Application;
  area: Area;
  managementEmails: string[];
  formUrl: string;
}

/**
 * A follow-up reminder: names the application, the area, the obligation and its due date, and
 * says what to do and where. From the first overdue step on it escalates: the area manager and
 * the programme management are copied.
 */
export const followUpReminder = ({
  followUp,
  step,
  app,
  area,
  managementEmails,
  formUrl,
}: ReminderContext): Email => {
  const what = FOLLOW_UP_NAMES_SV[followUp.kind];
  const subjectTail = `${what} för ”${title(app)}” (${area.name}), senast ${followUp.dueOn}`;
  const lead =
    step < 0
      ? {
          subject: `Påminnelse: ${subjectTail}`,
          text: `Om ${-step} dagar, ${followUp.dueOn}, ska ${area.name} lämna in en ${what}.`,
        }
      : step === 0
        ? {
            subject: `I dag: ${subjectTail}`,
            text: `I dag, ${followUp.dueOn}, ska ${area.name} lämna in en ${what}.`,
          }
        : {
            subject: `Försenad: ${subjectTail}`,
            text: `${area.name} skulle ha lämnat in en ${what} senast ${followUp.dueOn}; den är nu ${step} dagar försenad. Områdeschefen och projektledningen får en kopia av detta meddelande.`,
          };
  return compose(
    area.coordinatorEmails,
    isEscalation(step) ? [area.managerEmail, ...managementEmails] : [],
    lead.subject,
    [
      `Gäller ansökan ”${title(app)}” från ${area.name}.`,
      lead.text,
      `Så här gör ni: öppna formuläret, välj Uppföljningar och lämna in ${what} med en kort sammanfattning och gärna en länk till dokumentet.`,
    ],
    { url: `${formUrl.replace(/\/?$/, '/')}#/uppfoljningar`, label: 'Öppna uppföljningarna' },
  );
};
