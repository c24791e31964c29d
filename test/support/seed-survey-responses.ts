import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { surveyResponseKey, untalliedSurveyResponseKey } from '../../shared/adapters/dynamodb/keys.ts';
import {
  addToDay,
  addToMonth,
  addToPage,
  commentItem,
} from '../../shared/adapters/dynamodb/survey-tally-items.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { sumTallies, tallyOf } from '../../shared/domain/survey-results.ts';
import { questionsOf, SURVEY_ANSWERS, type SurveyResponse } from '../../shared/domain/surveys.ts';
import { mapBounded } from '../../shared/parallel.ts';
import { AREAS, type Table, writeAll } from './seed-applications.ts';

/**
 * Participant survey responses for applications `from`…`to` of a programme, for the survey-results
 * report's capacity test and benchmark: each application's knowledge activity was surveyed in one
 * round (round 1 for even indexes, round 2 for odd) and answered by `perApplication` participants,
 * every fourth with a comment.
 */

const STAMP = '2015-06-01T10:00:00.000Z';

export const responseOf = (
  programmeId: string,
  index: number,
  followUpId: string,
  participant: number,
): SurveyResponse => {
  const round = 1 + (index % 2);
  const opensOn = addDays('2015-04-01', index % 60);
  const comment = participant % 4 === 0 ? { comment: 'Bra att träffa de andra huvudmännen.' } : {};
  return {
    programmeId,
    areaId: AREAS[index % AREAS.length]?.id ?? 'area-1',
    followUpId,
    round,
    rating: 1 + ((index + participant) % 5),
    answers: Object.fromEntries(
      questionsOf(round).map((q, i) => [
        q,
        SURVEY_ANSWERS[(index + participant + i) % SURVEY_ANSWERS.length],
      ]),
    ),
    ...comment,
    answeredOn: addDays(opensOn, participant % 10),
  };
};

/** A response as the survey store keeps it beside its obligation (surveys-table.ts `addResponse`). */
export const responseItem = (
  response: SurveyResponse,
  id: string = randomUUID(),
): Record<string, unknown> => ({
  ...surveyResponseKey({ ...response, id }),
  entity: 'surveyResponse',
  ...response,
  createdAt: STAMP,
});

/** A response as it was stored before the tallies existed (the report reads it; the daily job moves it). */
export const untalliedResponseItem = (response: SurveyResponse): Record<string, unknown> => ({
  ...untalliedSurveyResponseKey(response.programmeId, { ...response, id: randomUUID() }),
  entity: 'surveyResponse',
  ...response,
  createdAt: STAMP,
});

/**
 * Stores responses as `addResponse` leaves them — each response beside its obligation, its month's
 * and day's sums, a day's comments in the month's list while it has room, else on the day's page,
 * else in items of their own — but in bulk: the responses with BatchWriteItem, each day's sums and comments in one
 * update each (ADDs, so that ranges seeded one after another add up).
 */
export const storeResponses = async (table: Table, responses: readonly SurveyResponse[]): Promise<void> => {
  const programmeId = responses[0]?.programmeId ?? '';
  const ids = responses.map(() => randomUUID());
  await writeAll(
    table,
    responses.map((r, i) => responseItem(r, ids[i])),
  );
  const comments = new Map<string, { text: string; id: string }[]>();
  responses.forEach((r, i) => {
    const key = `${r.areaId}#${r.round}#${r.answeredOn}`;
    if (r.comment) comments.set(key, [...(comments.get(key) ?? []), { text: r.comment, id: ids[i] ?? '' }]);
  });
  const apart: Record<string, unknown>[] = [];
  const update = (input: ReturnType<typeof addToDay>) => table.dynamo.send(new UpdateCommand(input));
  /** True once written; false when its condition found no room for the comments. */
  const ifRoom = async (input: ReturnType<typeof addToDay>) => {
    try {
      await update(input);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  await mapBounded(sumTallies(responses.map(tallyOf)), 16, async (day) => {
    const kept = comments.get(`${day.areaId}#${day.round}#${day.period}`) ?? [];
    const texts = kept.map((c) => c.text);
    const on = { ...day, answeredOn: day.period };
    await update(addToDay(table.tableName, programmeId, day));
    // The day's comments where `addResponse` puts them: the month's list, else the day's page, else apart.
    if (await ifRoom(addToMonth(table.tableName, programmeId, day, texts))) return;
    await update(addToMonth(table.tableName, programmeId, day));
    if (texts.length === 0 || (await ifRoom(addToPage(table.tableName, programmeId, on, texts)))) return;
    for (const c of kept) apart.push(commentItem(programmeId, { ...on, id: c.id, text: c.text }));
  });
  await writeAll(table, apart);
};

export const surveyResponsesOf = (programmeId: string, from: number, to: number, perApplication: number) => {
  const responses: SurveyResponse[] = [];
  for (let index = from; index < to; index++) {
    const followUpId = randomUUID();
    for (let participant = 0; participant < perApplication; participant++)
      responses.push(responseOf(programmeId, index, followUpId, participant));
  }
  return responses;
};

/** Responses to applications `from`…`to`, stored as they are now (a range seeded at once: tallies are whole items). */
export const seedSurveyResponses = async (
  table: Table,
  programmeId: string,
  from: number,
  to: number,
  perApplication = 20,
): Promise<void> => {
  await storeResponses(table, surveyResponsesOf(programmeId, from, to, perApplication));
};
