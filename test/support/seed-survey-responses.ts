import { randomUUID } from 'node:crypto';
import { surveyResponseKey } from '../../shared/adapters/dynamodb/keys.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { questionsOf, SURVEY_ANSWERS, type SurveyResponse } from '../../shared/domain/surveys.ts';
import { AREAS, type Table, writeAll } from './seed-applications.ts';

/**
 * Participant survey responses for applications `from`…`to` of a programme, for the survey-results
 * report's capacity test and benchmark: each application's knowledge activity was surveyed in one
 * round (round 1 for even indexes, round 2 for odd) and answered by `perApplication` participants,
 * every fourth with a comment. Stored as the survey store stores a response (surveys-table.ts
 * `addResponse`), written with BatchWriteItem.
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

export const responseItem = (response: SurveyResponse): Record<string, unknown> => ({
  ...surveyResponseKey(response.programmeId, { ...response, id: randomUUID() }),
  entity: 'surveyResponse',
  ...response,
  createdAt: STAMP,
});

export const seedSurveyResponses = async (
  table: Table,
  programmeId: string,
  from: number,
  to: number,
  perApplication = 20,
): Promise<void> => {
  const items: Record<string, unknown>[] = [];
  for (let index = from; index < to; index++) {
    const followUpId = randomUUID();
    for (let participant = 0; participant < perApplication; participant++)
      items.push(responseItem(responseOf(programmeId, index, followUpId, participant)));
  }
  await writeAll(table, items);
};
