import type { Application } from '../domain/application.ts';
import type { Area } from '../domain/area.ts';
import { confirmationDeclined } from '../domain/confirmation-emails.ts';
import {
  answerConfirmation,
  type Confirmation,
  type ConfirmationAnswer,
  type ConfirmationLink,
  linkValidThrough,
  openConfirmation,
  resendConfirmation,
} from '../domain/confirmations.ts';
import { submissionConfirmation } from '../domain/email.ts';
import { NotFound } from '../domain/errors.ts';
import type { HistoryEvent } from '../domain/history.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import type { ApplicationStore, AreaStore, Clock, ConfirmationLinkStore, OutgoingEmail } from '../ports.ts';
import { CONFIRMATION_TOKEN, mintLinks, tokenHash } from './confirmation-links.ts';
import { found, retryLostRaces } from './support.ts';

export interface ConfirmationPorts {
  applications: ApplicationStore;
  areas: Pick<AreaStore, 'get'>;
  links: ConfirmationLinkStore;
  clock: Clock;
  formUrl: string;
}

/** What the confirmation page shows: the application read-only, whom the link is for, until when. */
export interface ConfirmationPageState {
  application: Application;
  area: Area;
  confirmation: Confirmation;
  validThrough: string;
}

const GONE = 'Länken gäller inte längre.';

/** The manager and four partners may all answer in the same second: each must get through. */
const EVERYONE_AT_ONCE = { attempts: 8 };

/**
 * Anchoring by personal link (shared/domain/confirmations.ts): the page a link opens, the answer
 * it records, and the coordinator's "send a new link". Each write is one transaction with its
 * history event and e-mails; a link that no longer counts is one 404 whatever the reason.
 */
export const makeConfirmations = ({ applications, areas, links, clock, formUrl }: ConfirmationPorts) => {
  const linkOf = async (token: string): Promise<ConfirmationLink> => {
    if (!CONFIRMATION_TOKEN.test(token)) throw new NotFound(GONE);
    return found(links.get(tokenHash(token)), GONE);
  };
  const loadArea = (id: string) => found(areas.get(id), 'Området finns inte.');
  const event = (
    actor: string,
    action: HistoryEvent['action'],
    app: Application,
    detail?: string,
  ): HistoryEvent => ({
    at: clock.now().toISOString(),
    actor,
    action,
    version: app.version,
    ...(detail ? { detail } : {}),
  });

  const page = async (token: string): Promise<ConfirmationPageState> => {
    const link = await linkOf(token);
    const { app, confirmation } = openConfirmation(
      await applications.get(link.applicationId),
      link,
      clock.today(),
    );
    return {
      application: app,
      area: await loadArea(app.areaId),
      confirmation,
      validThrough: linkValidThrough(link.sentAt),
    };
  };

  const answer = async (token: string, body: ConfirmationAnswer): Promise<Application> => {
    const link = await linkOf(token);
    return retryLostRaces(async () => {
      const { app: current, confirmation } = openConfirmation(
        await applications.get(link.applicationId),
        link,
        clock.today(),
      );
      const area = await loadArea(current.areaId);
      const next = answerConfirmation(current, link, body, clock.today(), clock.now());
      const answered = next.confirmations?.find((c) => c.role === link.role) as Confirmation;
      const emails: OutgoingEmail[] =
        next.status === 'returned'
          ? [
              {
                email: confirmationDeclined(next, area, answered, formUrl),
                source: { applicationId: next.id, kind: 'confirmation-declined' },
              },
            ]
          : next.status === 'submitted'
            ? [
                {
                  email: submissionConfirmation(next, area, formUrl),
                  source: { applicationId: next.id, kind: 'submitted' },
                },
              ]
            : [];
      await applications.write({
        next,
        previousVersion: current.version,
        event: event(confirmation.email, body.decision, next, link.role),
        emails,
        at: clock.now(),
      });
      return next;
    }, EVERYONE_AT_ONCE);
  };

  /** The area's coordinator sends a confirmer a new link; the one sent before stops working. */
  const resend = (caller: Caller, applicationId: string, role: string): Promise<Application> =>
    retryLostRaces(async () => {
      const app = await applications.get(applicationId);
      if (!app || (!isAdmin(caller) && app.areaId !== caller.areaId))
        throw new NotFound('Ansökan finns inte.');
      const next = resendConfirmation(app, role, clock.now());
      const area = await loadArea(app.areaId);
      const resent = (next.confirmations ?? []).filter((c) => c.role === role);
      const { links: minted, emails } = mintLinks(next, area, resent, formUrl);
      await applications.write({
        next,
        previousVersion: app.version,
        event: event(caller.email || caller.sub, 'confirmation-resent', next, role),
        emails,
        confirmationLinks: minted,
        at: clock.now(),
      });
      return next;
    });

  return { page, answer, resend };
};

export type Confirmations = ReturnType<typeof makeConfirmations>;
