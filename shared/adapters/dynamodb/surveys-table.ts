import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tallyOf } from '../../domain/survey-results.ts';
import type { SurveyResponse } from '../../domain/surveys.ts';
import { LostRace, type OutgoingEmail, type SurveyLink, type SurveyStore } from '../../ports.ts';
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
  surveyTokenKey,
  untalliedSurveyResponsePartition,
} from './keys.ts';
import { outboxPut } from './outbox.ts';
import { queryAll } from './pages.ts';
import {
  addToDay,
  addToMonth,
  addToPage,
  COMMENT_BYTES_PER_ITEM,
  commentBytes,
  commentItem,
} from './survey-tally-items.ts';
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

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Where a response's comment goes: its month's sums, its day's page of comments, an item of its own. */
type CommentPlace = 'month' | 'page' | 'apart';

/**
 * Where a response goes: beside its obligation, into its month's and its day's sums (what the
 * report reads), and its comment, if any, into the place given. Also answers which of the writes
 * holds the comment on the condition that there is room for it (none for an item of its own).
 */
const responseWrites = (
  response: SurveyResponse,
  id: string,
  at: Date,
  place: CommentPlace,
): { writes: TransactItem[]; roomAt?: number } => {
  const tally = tallyOf(response);
  const comments = response.comment ? [response.comment] : [];
  const writes: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...surveyResponseKey({ ...response, id }),
          entity: 'surveyResponse',
          ...response,
          createdAt: at.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Update: addToMonth(tableName(), response.programmeId, tally, place === 'month' ? comments : []) },
    { Update: addToDay(tableName(), response.programmeId, tally) },
  ];
  if (comments.length === 0) return { writes };
  if (place === 'month') return { writes, roomAt: 1 };
  if (place === 'page') {
    writes.push({ Update: addToPage(tableName(), response.programmeId, response, comments) });
    return { writes, roomAt: writes.length - 1 };
  }
  for (const text of comments)
    writes.push({
      Put: { TableName: tableName(), Item: commentItem(response.programmeId, { ...response, id, text }) },
    });
  return { writes };
};

/**
 * `before` and the response's writes in one transaction. A comment goes into its month's sums
 * while they have room, else into its day's page while that has room, else into an item of its
 * own: when only the room's condition failed, the same transaction again with the comment one
 * place further. Any other condition failure is the caller's, as `transactWrite` leaves it.
 */
const storeResponse = async (before: TransactItem[], response: SurveyResponse, id: string, at: Date) => {
  const fits = commentBytes(response.comment ? [response.comment] : []) <= COMMENT_BYTES_PER_ITEM;
  const places: CommentPlace[] = fits ? ['month', 'page', 'apart'] : ['apart'];
  for (const place of places) {
    const { writes, roomAt } = responseWrites(response, id, at, place);
    try {
      await transactWrite([...before, ...writes]);
      return;
    } catch (error) {
      const failed = (cancellationCodes(error) ?? []).flatMap((code, i) =>
        code === 'ConditionalCheckFailed' ? [i] : [],
      );
      const noRoom = roomAt !== undefined && failed.length === 1 && failed[0] === before.length + roomAt;
      if (!noRoom) throw error;
    }
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
    await storeResponse(
      [
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
      ],
      response,
      randomUUID(),
      at,
    );
  } catch (error) {
    if (conditionFailed(error)) throw new LostRace();
    throw error;
  }
};

/**
 * Responses stored before the tallies existed, moved each in a transaction that deletes it where
 * it was (only if it is still there) and stores it as a new one is: two runs at once count each once.
 */
const moveUntallied = async (programmeId: string, limit: number): Promise<number> => {
  const items = await queryAll(
    { partition: untalliedSurveyResponsePartition(programmeId) },
    { pageSize: limit, maxPages: 1 },
  );
  let moved = 0;
  // One after another: answers of an area and month add to the same sums, which transactions run
  // at once would conflict over; a day's share (MOVES_PER_RUN) fits well inside the job's five minutes.
  for (const item of items) {
    const { createdAt, ...response } = withoutKeys<SurveyResponse & { createdAt: string }>(item);
    // The old sort key ends in the response's id: it keeps it where it goes.
    const id = String(item.sk).split('#').at(-1) ?? randomUUID();
    try {
      await storeResponse(
        [
          {
            Delete: {
              TableName: tableName(),
              Key: { pk: item.pk, sk: item.sk },
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ],
        response,
        id,
        new Date(createdAt),
      );
      moved++;
    } catch (error) {
      // Another run moved it first.
      if (!conditionFailed(error)) throw error;
    }
  }
  return moved;
};

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
  moveUntallied,
  dueSurveys,
  announce,
};
