import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConfirmationLink, ConfirmerRole } from '../../domain/confirmations.ts';
import type {
  ConfirmationLinkStore,
  ConfirmationReminderClaim,
  NewConfirmationLink,
  OutgoingEmail,
} from '../../ports.ts';
import { claimAndSend } from './claims.ts';
import { dynamo, tableName } from './client.ts';
import type { TransactItem } from './guarded-write.ts';
import { applicationKey, confirmationLinkKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-schema.ts';

/**
 * Confirmation links in the table, never in the clear: `CONFIRMLINK#<sha256 hex of the token>`
 * names the application, the confirmer and when the link was sent — the anonymous page's one
 * GetItem. Whether the link still counts is the application's to say (the latest `sentAt` of that
 * confirmer, unanswered, within 14 days); the item only expires from the table some weeks later.
 */

/** Kept a month past the link's last day, then removed by TTL (it answers 404 long before). */
const KEEP_SECONDS = 45 * 86_400;

export const confirmationLinkPut = ({ tokenHash, link }: NewConfirmationLink): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...confirmationLinkKey(tokenHash),
      entity: 'confirmationLink',
      ...link,
      [TTL_ATTRIBUTE]: Math.floor(new Date(link.sentAt).getTime() / 1000) + KEEP_SECONDS,
    },
    // A token is minted once: a second put of the same hash would be a collision, never a retry.
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const get = async (tokenHash: string): Promise<ConfirmationLink | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName(),
      Key: confirmationLinkKey(tokenHash),
      ProjectionExpression: 'applicationId, #role, sentAt',
      ExpressionAttributeNames: { '#role': 'role' },
    }),
  );
  return Item
    ? {
        applicationId: String(Item.applicationId),
        role: Item.role as ConfirmerRole,
        sentAt: String(Item.sentAt),
      }
    : undefined;
};

export const confirmationLinksTable: ConfirmationLinkStore = { get };

/** A reminder about one link, claimed once per step of its sending, with its e-mail. */
export const claimConfirmationReminder = (
  claim: ConfirmationReminderClaim,
  email: OutgoingEmail,
  at: Date,
): Promise<boolean> =>
  claimAndSend(
    {
      pk: applicationKey(claim.applicationId).pk,
      sk: `CONFIRMREMINDER#${claim.role}#${claim.sentAt}#${claim.offset}`,
    },
    { entity: 'confirmationReminderClaim', ...claim },
    email,
    at,
  );
