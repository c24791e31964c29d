import type { OutgoingEmail } from '../../ports.ts';
import { claimAndSend } from './claims.ts';

/** The claim of one weekly e-mail: one item per (programme, ISO week, recipient). */
export const riskAlertClaimKey = (programmeId: string, week: string, recipient: string) => ({
  pk: `PROGRAMME#${programmeId}#RISKALERTS`,
  sk: `${week}#${recipient}`,
});

/**
 * Claims the week's e-mail to a recipient and puts it in the outbox, in one transaction, so
 * repeated and overlapping runs send it once a week at most. False when it was claimed before.
 */
export const claimRiskAlert = (
  claim: { programmeId: string; week: string; recipient: string },
  email: OutgoingEmail,
  at: Date,
): Promise<boolean> =>
  claimAndSend(
    riskAlertClaimKey(claim.programmeId, claim.week, claim.recipient),
    { entity: 'riskAlertClaim', ...claim },
    email,
    at,
  );
