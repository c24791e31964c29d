import { monthOf, type SurveyCommentEntry, type SurveyTally } from '../../domain/survey-results.ts';
import { SURVEY_QUESTIONS, type SurveyQuestion } from '../../domain/surveys.ts';
import { surveyCommentKey, surveyDayKey, surveyTallyKey } from './keys.ts';

/**
 * How the survey-results report's sums and comments are stored (keys.ts, "Participant surveys"):
 * written with each response by surveys-table.ts, read by reports-table.ts.
 *
 * Every report run reads every month's sums, so each byte of them is paid for at each run, and
 * DynamoDB counts attribute names as bytes. Hence short names (the table below is their one
 * definition), no `entity` (the partition says what an item is), nothing the sort key holds, and
 * a comment kept in its month's list under its day (`c05`: a few bytes beside its text) while
 * the month has room; only beyond that does a comment get an item of its own (~100 bytes of keys).
 */

const NAME = {
  responses: 'n',
  ratingSum: 'r',
  /** Bytes of comment text the month holds. */
  commentBytes: 'cb',
  /** The month's comments of one day, by the day of the month. */
  comments: (day: string) => `c${day}`,
  yes: (q: SurveyQuestion) => `${QUESTION[q]}y`,
  no: (q: SurveyQuestion) => `${QUESTION[q]}n`,
} as const;
const QUESTION: Record<SurveyQuestion, string> = {
  valuable: 'v',
  moreNeeded: 'm',
  usesKnowledge: 'u',
  workImproved: 'w',
};
const COMMENTS = /^c(\d\d)$/;

/**
 * Comment text a month's sums hold, in UTF-8 bytes. An update is charged by the item's size, so
 * this bounds what an answer costs to write (~5 write units) as much as it packs the report's reads.
 */
export const COMMENT_BYTES_PER_MONTH = 4096;

export const commentBytes = (texts: readonly string[]): number =>
  texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);

/** The counters of a tally, by attribute name; only those that are not zero. */
const counters = (t: SurveyTally): [string, number][] =>
  (
    [
      [NAME.responses, t.responses],
      [NAME.ratingSum, t.ratingSum],
      ...SURVEY_QUESTIONS.flatMap((q) => [
        [NAME.yes(q), t.yes[q] ?? 0],
        [NAME.no(q), t.no[q] ?? 0],
      ]),
    ] as [string, number][]
  ).filter(([, n]) => n !== 0);

const addCounters = (t: SurveyTally) => {
  const entries = counters(t);
  return {
    add: entries.map((_, i) => `#c${i} :c${i}`),
    names: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
    values: Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])) as Record<string, unknown>,
  };
};

/**
 * An Update that adds one day's `tally` to its month's sums (creating them if need be), and that
 * day's `comments` to the month's list for the day — only if the month then holds at most
 * `COMMENT_BYTES_PER_MONTH` (DynamoDB conditions have no arithmetic: the room left is computed
 * here). When that condition fails, the comments go into items of their own (`commentItem`).
 */
export const addToMonth = (
  tableName: string,
  programmeId: string,
  tally: SurveyTally,
  comments: readonly string[] = [],
) => {
  const { add, names, values } = addCounters(tally);
  const Key = surveyTallyKey(programmeId, { ...tally, month: monthOf(tally.period) });
  if (comments.length === 0) {
    return {
      TableName: tableName,
      Key,
      UpdateExpression: `ADD ${add.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }
  const bytes = commentBytes(comments);
  return {
    TableName: tableName,
    Key,
    UpdateExpression: `ADD ${[...add, '#bytes :bytes'].join(', ')} SET #day = list_append(if_not_exists(#day, :none), :comments)`,
    ConditionExpression: 'attribute_not_exists(#bytes) OR #bytes <= :room',
    ExpressionAttributeNames: {
      ...names,
      '#bytes': NAME.commentBytes,
      '#day': NAME.comments(tally.period.slice(8, 10)),
    },
    ExpressionAttributeValues: {
      ...values,
      ':bytes': bytes,
      ':none': [],
      ':comments': [...comments],
      ':room': COMMENT_BYTES_PER_MONTH - bytes,
    },
  };
};

/** An Update that adds one day's `tally` to that day's sums. */
export const addToDay = (tableName: string, programmeId: string, tally: SurveyTally) => {
  const { add, names, values } = addCounters(tally);
  return {
    TableName: tableName,
    Key: surveyDayKey(programmeId, { ...tally, day: tally.period }),
    UpdateExpression: `ADD ${add.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

/** A comment its month had no room for. */
export const commentItem = (
  programmeId: string,
  comment: SurveyCommentEntry & { id: string },
): Record<string, unknown> => ({
  ...surveyCommentKey(programmeId, comment),
  text: comment.text,
});

const sumsOf = (item: Record<string, unknown>) => {
  const count = (name: string) => Number(item[name] ?? 0);
  const byQuestion = (name: (q: SurveyQuestion) => string) =>
    Object.fromEntries(SURVEY_QUESTIONS.flatMap((q) => (count(name(q)) ? [[q, count(name(q))]] : [])));
  return {
    responses: count(NAME.responses),
    ratingSum: count(NAME.ratingSum),
    yes: byQuestion(NAME.yes),
    no: byQuestion(NAME.no),
  };
};

/** `<area>#<round>#<month>`: the area id is what is left once the others are taken from the end. */
const areaRoundAnd = (sk: string, tail: number) => {
  const parts = sk.split('#');
  const rest = parts.splice(parts.length - tail - 1, tail + 1);
  return { areaId: parts.join('#'), round: Number(rest[0]), rest: rest.slice(1) };
};

/** A month's sums, and the comments it holds. */
export const toMonth = (
  item: Record<string, unknown>,
): { tally: SurveyTally; comments: SurveyCommentEntry[] } => {
  const { areaId, round, rest } = areaRoundAnd(String(item.sk), 1);
  const month = rest[0] ?? '';
  const comments = Object.entries(item).flatMap(([name, texts]) => {
    const day = COMMENTS.exec(name)?.[1];
    return day && Array.isArray(texts)
      ? texts.map((text) => ({ areaId, round, answeredOn: `${month}-${day}`, text: String(text) }))
      : [];
  });
  return { tally: { areaId, round, period: month, ...sumsOf(item) }, comments };
};

/** A day's sums (`<day>#<area>#<round>`). */
export const toDay = (item: Record<string, unknown>): SurveyTally => {
  const [day = '', ...areaAndRound] = String(item.sk).split('#');
  const { areaId, round } = areaRoundAnd(areaAndRound.join('#'), 0);
  return { areaId, round, period: day, ...sumsOf(item) };
};

/** A comment item (`<area>#<round>#<day>#<id>`). */
export const toComment = (item: Record<string, unknown>): SurveyCommentEntry => {
  const { areaId, round, rest } = areaRoundAnd(String(item.sk), 2);
  return { areaId, round, answeredOn: rest[0] ?? '', text: String(item.text) };
};
