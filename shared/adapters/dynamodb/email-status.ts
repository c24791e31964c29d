import type { EmailFeedback, EmailProblem, EmailStatus, FeedbackOutcome } from '../../ports.ts';
import { tableName } from './client.ts';
import { cancellationCodes } from './items.ts';
import { emailFeedbackMarkerKey, emailProblemListKeys, emailStatusKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-schema.ts';
import { transactWrite } from './transact.ts';

export type { EmailFeedback, EmailProblem, EmailStatus, FeedbackOutcome };

export const EMAIL_STATUS_ENTITY = 'emailStatus';
export const EMAIL_FEEDBACK_ENTITY = 'emailFeedback';

/** Markers outlive every redelivery: Lambda retries an async event for 6 h at most, SNS far less once delivered. */
const MARKER_DAYS = 30;

const isCondition = (code: string | undefined) => code === 'ConditionalCheckFailed';

/**
 * Counts one notification for one address, once: a conditional put of the notification's marker
 * and the update of the address's status commit together, so a redelivered notification changes
 * nothing. The status shows the newest problem: a notification older than the one shown is
 * counted without replacing it.
 */
export const recordEmailFeedback = async (feedback: EmailFeedback, now: Date): Promise<FeedbackOutcome> => {
  const address = feedback.address.toLowerCase();
  const marker = {
    Put: {
      TableName: tableName(),
      Item: {
        ...emailFeedbackMarkerKey(address, feedback.eventId),
        entity: EMAIL_FEEDBACK_ENTITY,
        problem: feedback.problem,
        at: feedback.at,
        [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + MARKER_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  const names = { '#count': 'count', '#lastEventAt': 'lastEventAt' };
  const listKeys = emailProblemListKeys(address);

  const latest = {
    Update: {
      TableName: tableName(),
      Key: emailStatusKey(address),
      UpdateExpression:
        'SET #address = :address, #entity = :entity, #gsi1pk = :gsi1pk, #gsi1sk = :gsi1sk, ' +
        '#problem = :problem, #lastEventAt = :at' +
        // Only a bounce has a type: any other problem clears the one of an earlier bounce.
        (feedback.bounceType
          ? ', #bounceType = :bounceType ADD #count :one'
          : ' ADD #count :one REMOVE #bounceType'),
      ConditionExpression: 'attribute_not_exists(#lastEventAt) OR #lastEventAt <= :at',
      ExpressionAttributeNames: {
        ...names,
        '#address': 'address',
        '#entity': 'entity',
        '#gsi1pk': 'gsi1pk',
        '#gsi1sk': 'gsi1sk',
        '#problem': 'problem',
        '#bounceType': 'bounceType',
      },
      ExpressionAttributeValues: {
        ':address': address,
        ':entity': EMAIL_STATUS_ENTITY,
        ':gsi1pk': listKeys.gsi1pk,
        ':gsi1sk': listKeys.gsi1sk,
        ':problem': feedback.problem,
        ':at': feedback.at,
        ':one': 1,
        ...(feedback.bounceType ? { ':bounceType': feedback.bounceType } : {}),
      },
    },
  };
  try {
    await transactWrite([marker, latest]);
    return 'recorded';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (isCondition(codes[0])) return 'duplicate';
    if (!isCondition(codes[1])) throw error;
  }

  // A newer problem is shown already (the condition proves the status item exists): count only.
  const countOnly = {
    Update: {
      TableName: tableName(),
      Key: emailStatusKey(address),
      UpdateExpression: 'ADD #count :one',
      ConditionExpression: 'attribute_exists(#lastEventAt)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
  try {
    await transactWrite([marker, countOnly]);
    return 'counted';
  } catch (error) {
    if (isCondition(cancellationCodes(error)?.[0])) return 'duplicate';
    throw error;
  }
};
