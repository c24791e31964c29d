import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SurveyResponse } from '../../domain/surveys.ts';
import {
  LostRace,
  type OutgoingEmail,
  type ReadMeter,
  type SurveyLink,
  type SurveyStore,
} from '../../ports.ts';
import { seal, tokenHash, unseal } from '../sealed-token.ts';
import { dynamo, tableName } from './client.ts';
import { toFollowUp } from './follow-ups-table.ts';
import { cancellationCodes, withoutKeys } from './items.ts';
import {
  followUpKey,
  followUpPartitions,
  surveyLinkKey,
  surveyMailKey,
  surveyRateKey,
  surveyResponseKey,
  surveyResponsePartition,
  surveyTokenKey,
} from './keys.ts';
import { outboxPut } from './outbox.ts';
import { queryAll } from './pages.ts';
import { TTL_ATTRIBUTE } from './table-schema.ts';
import { transactWrite } from './transact.ts';

/** Participant surveys in the table (keys.ts, "Participant surveys"). */

const SEALING_LABEL = 'kur survey-token sealing v1';

interface SurveyLinkItem {
  followUpId: string;
  tokenHash: string;
  sealedToken: string;
  responses?: number;
}

const conditionFailed = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (cancellationCodes(error) ?? []).includes('ConditionalCheckFailed');

const link = async (followUpId: string): Promise<SurveyLink | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName(), Key: surveyLinkKey(followUpId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const item = Item as SurveyLinkItem;
  return {
    followUpId,
    token: await unseal(SEALING_LABEL, followUpId, item.sealedToken),
    responses: item.responses ?? 0,
  };
};

/** The link and its lookup item in one transaction; both only if new. */
const createLink = async (
  followUp: { id: string; programmeId: string; areaId: string },
  token: string,
  at: Date,
): Promise<boolean> => {
  const hash = tokenHash(token);
  const createdAt = at.toISOString();
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...surveyLinkKey(followUp.id),
            entity: 'surveyLink',
            followUpId: followUp.id,
            programmeId: followUp.programmeId,
            areaId: followUp.areaId,
            tokenHash: hash,
            sealedToken: await seal(SEALING_LABEL, followUp.id, token),
            responses: 0,
            createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: { ...surveyTokenKey(hash), entity: 'surveyToken', followUpId: followUp.id, createdAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
};

/** The anonymous page's one read: a strongly consistent GetItem by the token's hash. */
const followUpOf = async (token: string): Promise<string | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName(),
      Key: surveyTokenKey(tokenHash(token)),
      ConsistentRead: true,
      ProjectionExpression: 'followUpId',
    }),
  );
  return typeof Item?.followUpId === 'string' ? Item.followUpId : undefined;
};

/**
 * One counter per link and minute, raised only while under the limit (a conditional update, so
 * concurrent answers cannot overshoot it); it expires by TTL an hour later.
 */
const admit = async (token: string, at: Date, perMinute: number): Promise<boolean> => {
  const minute = at.toISOString().slice(0, 16);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: surveyRateKey(tokenHash(token), minute),
        UpdateExpression: 'SET #ttl = :ttl ADD answers :one',
        ConditionExpression: 'attribute_not_exists(answers) OR answers < :limit',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':ttl': Math.floor(at.getTime() / 1000) + 3600,
          ':one': 1,
          ':limit': perMinute,
        },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
};

/** The response, its count on the link, and a check that the round's window has not moved. */
const addResponse = async (
  token: string,
  response: SurveyResponse,
  dueOn: string,
  at: Date,
): Promise<void> => {
  try {
    await transactWrite([
      {
        Update: {
          TableName: tableName(),
          Key: surveyLinkKey(response.followUpId),
          UpdateExpression: 'ADD responses :one',
          ConditionExpression: 'tokenHash = :hash',
          ExpressionAttributeValues: { ':one': 1, ':hash': tokenHash(token) },
        },
      },
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: followUpKey(response.followUpId),
          ConditionExpression: 'dueOn = :dueOn',
          ExpressionAttributeValues: { ':dueOn': dueOn },
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...surveyResponseKey(response.programmeId, { ...response, id: randomUUID() }),
            entity: 'surveyResponse',
            ...response,
            createdAt: at.toISOString(),
          },
        },
      },
    ]);
  } catch (error) {
    if (conditionFailed(error)) throw new LostRace();
    throw error;
  }
};

const responsesOf = async (programmeId: string, meter?: ReadMeter): Promise<SurveyResponse[]> =>
  (
    await queryAll(
      { partition: surveyResponsePartition(programmeId) },
      meter
        ? {
            onPage: (page) => {
              meter.requests++;
              meter.capacityUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
            },
          }
        : {},
    )
  ).map((item) => {
    const { createdAt: _createdAt, ...response } = withoutKeys<SurveyResponse & { createdAt: string }>(item);
    return response;
  });

/** Pending obligations by due date (GSI5), only the surveys: what is due grows slowly, and stays small. */
const dueSurveys = async (today: string) =>
  (
    await queryAll({
      index: 'gsi5',
      partition: followUpPartitions.status('pending'),
      to: `${today}~`,
      filters: [{ attribute: 'kind', value: 'participantSurvey' }],
    })
  ).map(toFollowUp);

/** The claim and the e-mail in one transaction: a second run, or a retry, finds the claim and sends nothing. */
const announce = async (followUpId: string, email: OutgoingEmail, at: Date): Promise<boolean> => {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: { ...surveyMailKey(followUpId), entity: 'surveyMail', sentAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      outboxPut(email.email, at, email.source),
    ]);
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
};

export const surveysTable: SurveyStore = {
  link,
  createLink,
  followUpOf,
  admit,
  addResponse,
  responsesOf,
  dueSurveys,
  announce,
};
