import type { Application } from './application.ts';
import type { Area } from './area.ts';
import type { Confirmation, ConfirmerRole } from './confirmations.ts';
import { applicationLink, compose, type Email } from './email.ts';
import { PARTNER_LABEL } from './vocabulary.ts';

/**
 * The e-mails of anchoring (shared/domain/confirmations.ts): the personal link to each confirmer,
 * and a decline to the coordinators.
 */

const title = (app: Application) => app.title ?? 'Ansökan utan titel';

/** Whom a confirmer answers for, as the e-mail and the confirmation page say it. */
export const confirmerLabel = (role: ConfirmerRole, area: Pick<Area, 'name'>): string =>
  role === 'areaManager' ? `chef för ${area.name}` : `kontaktperson för ${PARTNER_LABEL[role]}`;

/** What confirming means: one sentence, the same in the e-mail and on the page. */
export const WHAT_YOU_CONFIRM =
  'Genom att bekräfta intygar du att din organisation står bakom ansökan, har varit med och tagit fram den och är beredd att delta i aktiviteterna.';

export const confirmationRequest = (
  app: Application,
  area: Area,
  confirmation: Pick<Confirmation, 'role' | 'email'>,
  url: string,
  validThrough: string,
): Email =>
  compose(
    [confirmation.email],
    [],
    `Bekräfta ansökan: ${title(app)} (${area.name})`,
    [
      `${area.name} har skickat in ansökan ”${title(app)}” om KUR-medel. Innan projektledningen kan behandla den behöver den bekräftas av områdets chef och av alla parter.`,
      `Du får det här e-postmeddelandet som ${confirmerLabel(confirmation.role, area)}. ${WHAT_YOU_CONFIRM}`,
      `Öppna länken, läs ansökan och svara senast ${validThrough}. Länken är personlig och kan bara användas en gång. Kan du inte bekräfta ansökan, skriv varför: den går då tillbaka till området.`,
    ],
    { url, label: 'Läs och bekräfta ansökan' },
  );

export const confirmationDeclined = (
  app: Application,
  area: Area,
  declined: Confirmation,
  formUrl: string,
): Email =>
  compose(
    area.coordinatorEmails,
    [],
    `Ansökan inte bekräftad: ${title(app)}`,
    [
      `${declined.email} (${confirmerLabel(declined.role, area)}) kan inte bekräfta ansökan ”${title(app)}”. Ansökan har därför gått tillbaka till er och har inte skickats till projektledningen.`,
      `Kommentar:\n${declined.comment ?? ''}`,
      'Ändra ansökan och skicka in den igen. Alla får då en ny länk för att bekräfta.',
    ],
    applicationLink(formUrl, app),
  );

/** Before the link runs out: the confirmer is reminded to use the link they were sent. */
export const confirmationReminder = (
  app: Application,
  area: Area,
  confirmation: Pick<Confirmation, 'role' | 'email' | 'sentAt'>,
  validThrough: string,
): Email =>
  compose(
    [confirmation.email],
    [],
    `Påminnelse: bekräfta ansökan ${title(app)} senast ${validThrough}`,
    [
      `Den ${confirmation.sentAt.slice(0, 10)} fick du en personlig länk för att bekräfta ansökan ”${title(app)}” från ${area.name}, som ${confirmerLabel(confirmation.role, area)}. Ansökan går inte till projektledningen förrän alla har svarat.`,
      `Öppna länken i e-postmeddelandet ”Bekräfta ansökan: ${title(app)} (${area.name})” och svara senast ${validThrough}. Hittar du inte meddelandet, be områdets samverkansansvariga om en ny länk: ${area.coordinatorEmails.join(', ')}.`,
    ],
    { url: `mailto:${area.coordinatorEmails[0] ?? ''}`, label: 'Skriv till områdets samverkansansvariga' },
  );

/** After the link ran out unanswered: the coordinators are asked to send a new one. */
export const confirmationLinkExpired = (
  app: Application,
  area: Area,
  confirmation: Pick<Confirmation, 'role' | 'email'>,
  validThrough: string,
  formUrl: string,
): Email =>
  compose(
    area.coordinatorEmails,
    [area.managerEmail],
    `Länken för att bekräfta ${title(app)} har gått ut`,
    [
      `${confirmation.email} (${confirmerLabel(confirmation.role, area)}) har inte bekräftat ansökan ”${title(app)}”, och länken gick ut ${validThrough}. Ansökan går inte till projektledningen förrän alla har bekräftat den.`,
      'Öppna ansökan och skicka en ny länk, eller kontakta personen.',
    ],
    applicationLink(formUrl, app),
  );
