import { createHash, randomBytes } from 'node:crypto';
import type { Application } from '../domain/application.ts';
import type { Area } from '../domain/area.ts';
import { confirmationRequest } from '../domain/confirmation-emails.ts';
import { type Confirmation, linkValidThrough } from '../domain/confirmations.ts';
import type { NewConfirmationLink, OutgoingEmail } from '../ports.ts';

/**
 * Minting confirmation links: 256 random bits, base64url in the URL, only their SHA-256 in the
 * table. A link names one confirmer of one application at one sending.
 */

/** What a confirmation token looks like: anything else names nothing (a 404 without a read). */
export const CONFIRMATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A link per confirmer now pending (their `sentAt` is this sending), with the e-mail carrying it. */
export const mintLinks = (
  app: Application,
  area: Area,
  confirmations: readonly Confirmation[],
  formUrl: string,
): { links: NewConfirmationLink[]; emails: OutgoingEmail[] } => {
  const links: NewConfirmationLink[] = [];
  const emails: OutgoingEmail[] = [];
  for (const confirmation of confirmations) {
    const token = randomBytes(32).toString('base64url');
    links.push({
      tokenHash: tokenHash(token),
      link: { applicationId: app.id, role: confirmation.role, sentAt: confirmation.sentAt },
    });
    emails.push({
      email: confirmationRequest(
        app,
        area,
        confirmation,
        `${formUrl.replace(/\/?$/, '/')}c/${token}`,
        linkValidThrough(confirmation.sentAt),
      ),
      source: { applicationId: app.id, kind: `confirmation-${confirmation.role}` },
    });
  }
  return { links, emails };
};
