import type { OutgoingEmail } from '../../ports.ts';
import { tableName } from './client.ts';
import { cancellationCodes } from './items.ts';
import { outboxPut } from './outbox.ts';
import { transactWrite } from './transact.ts';

/** The claim of one weekly e-mail: one item per (programme, ISO week, recipient). */
export const riskAlertClaimKey = (programmeId: string, week: string, recipient: string) => ({
  pk: `PROGRAMME#${programmeId}#RISKALERTS`,
  sk: `${week}#${recipient}`,
});

/**
 * Claims the week's e-mail to a recipient and puts it in the outbox, in one transaction: the claim
 * is a conditional put, so repeated and overlapping runs send it once a week at most. False when
 * it was claimed before.
 */
export const claimRiskAlert = async (
  claim: { programmeId: string; week: string; recipient: string },
  email: OutgoingEmail,
  at: Date,
): Promise<boolean> => {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...riskAlertClaimKey(claim.programmeId, claim.week, claim.recipient),
            entity: 'riskAlertClaim',
            ...claim,
            claimedAt: at.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      outboxPut(email.email, at, email.source),
    ]);
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
};
