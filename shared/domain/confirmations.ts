import type { Application, PartnerType } from './application.ts';
import type { Area } from './area.ts';
import { addDays, stockholmDate } from './dates.ts';
import { InvalidTransition, NotFound, ValidationFailed } from './errors.ts';

/**
 * Anchoring before head office sees an application (programme setting `requiresConfirmation`):
 * at submit the area manager and each partner's contact get a personal link, and the application
 * waits in `awaiting-confirmation` until all have confirmed; one decline returns it to the
 * coordinator with the comment. The KUR 2 report found plans that higher management and the four
 * principals had never seen ("Förankring", "Gemensamt ansvarstagande"); this makes them say so.
 * Pure: the caller supplies the instant.
 */

export type ConfirmerRole = 'areaManager' | PartnerType;
export const CONFIRMER_ROLES = [
  'areaManager',
  'forsakringskassan',
  'arbetsformedlingen',
  'kommun',
  'region',
] as const;
export type ConfirmationStatus = 'pending' | 'confirmed' | 'declined';

export interface Confirmation {
  role: ConfirmerRole;
  email: string;
  status: ConfirmationStatus;
  /** When the current link was sent: a link sent earlier (before a resend) no longer counts. */
  sentAt: string;
  /** When they answered. */
  at?: string;
  comment?: string;
}

/** A link lives 14 days (Europe/Stockholm dates): long enough for a holiday, short enough to forget. */
export const LINK_DAYS = 14;

/** The last day a link sent at `sentAt` can be used. */
export const linkValidThrough = (sentAt: string): string =>
  addDays(stockholmDate(new Date(sentAt)), LINK_DAYS);

/** Who confirms: the area's manager and the contact of each partner, in that order. */
export const confirmersOf = (app: Application, area: Area): { role: ConfirmerRole; email: string }[] => [
  { role: 'areaManager', email: area.managerEmail },
  ...(app.partners ?? []).map((partner) => ({ role: partner.type, email: partner.contactEmail })),
];

/** The submitted application waits for every confirmer; each gets a link sent now. */
export const awaitConfirmation = (submitted: Application, area: Area, now: Date): Application => ({
  ...submitted,
  status: 'awaiting-confirmation',
  confirmations: confirmersOf(submitted, area).map(({ role, email }) => ({
    role,
    email,
    status: 'pending',
    sentAt: now.toISOString(),
  })),
});

/** What a link names: the application, the confirmer, and when it was sent. */
export interface ConfirmationLink {
  applicationId: string;
  role: ConfirmerRole;
  sentAt: string;
}

const GONE = 'Länken gäller inte längre. Be den som skickade ansökan om en ny länk.';

/**
 * The confirmation a link may still answer: the application awaits confirmation, the link is the
 * latest sent to that confirmer, unanswered and not past its 14 days. Anything else is one and the
 * same 404, so that a link tells nobody why it stopped working.
 */
export const openConfirmation = (
  app: Application | undefined,
  link: ConfirmationLink,
  today: string,
): { app: Application; confirmation: Confirmation } => {
  const confirmation = app?.confirmations?.find((c) => c.role === link.role);
  if (
    !app ||
    !confirmation ||
    app.status !== 'awaiting-confirmation' ||
    confirmation.status !== 'pending' ||
    confirmation.sentAt !== link.sentAt ||
    today > linkValidThrough(link.sentAt)
  ) {
    throw new NotFound(GONE);
  }
  return { app, confirmation };
};

export interface ConfirmationAnswer {
  decision: 'confirmed' | 'declined';
  comment?: string;
}

/**
 * Records one confirmer's answer. All confirmed: the application is `submitted` (head office sees
 * it now). One declined: it is `returned` to the coordinator, with the comment.
 */
export const answerConfirmation = (
  app: Application,
  link: ConfirmationLink,
  answer: ConfirmationAnswer,
  today: string,
  now: Date,
): Application => {
  openConfirmation(app, link, today);
  if (answer.decision === 'declined' && !answer.comment?.trim()) {
    throw new ValidationFailed([{ path: 'comment', message: 'Skriv varför du inte kan bekräfta ansökan' }]);
  }
  const at = now.toISOString();
  const confirmations = (app.confirmations ?? []).map((c) =>
    c.role === link.role
      ? {
          ...c,
          status: answer.decision,
          at,
          ...(answer.comment?.trim() ? { comment: answer.comment.trim() } : {}),
        }
      : c,
  );
  const allConfirmed = confirmations.every((c) => c.status === 'confirmed');
  return {
    ...app,
    confirmations,
    version: app.version + 1,
    updatedAt: at,
    ...(answer.decision === 'declined'
      ? { status: 'returned' as const }
      : allConfirmed
        ? { status: 'submitted' as const, submittedAt: at }
        : {}),
  };
};

/** A new link for one confirmer who has not answered; the one sent before stops working. */
export const resendConfirmation = (app: Application, role: string, now: Date): Application => {
  if (app.status !== 'awaiting-confirmation') {
    throw new InvalidTransition('Ansökan väntar inte på bekräftelser.');
  }
  const confirmation = app.confirmations?.find((c) => c.role === role);
  if (!confirmation) throw new NotFound('Ansökan har ingen sådan bekräftelse.');
  if (confirmation.status !== 'pending') {
    throw new InvalidTransition('Den personen har redan svarat.');
  }
  const at = now.toISOString();
  return {
    ...app,
    confirmations: (app.confirmations ?? []).map((c) => (c.role === role ? { ...c, sentAt: at } : c)),
    version: app.version + 1,
    updatedAt: at,
  };
};
