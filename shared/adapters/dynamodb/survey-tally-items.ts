import { monthOf, type SurveyCommentEntry, type SurveyTally } from '../../domain/survey-results.ts';
import { SURVEY_QUESTIONS, type SurveyQuestion } from '../../domain/surveys.ts';
import { surveyCommentKey, surveyCommentPageKey, surveyDayKey, surveyTallyKey } from './keys.ts';

/**
 * How the survey-results report's sums and comments are stored (keys.ts, "Participant surveys"):
 * written with each response by surveys-table.ts, read by reports-table.ts.
 *
 * Every report run reads every month's sums, so each byte of them is paid for at each run, and
 * DynamoDB counts attribute names as bytes. Hence short names (the table below is their one
 * definition), no `entity` (the partition says what an item is), nothing the sort key holds, and
 * comments packed into lists: a comment goes into its month's list under its day (`c05`) while
 * the month holds under 4 KB of them, else into its day's page of comments (`c`), up to 4 KB too,
 * and only beyond that into an item of its own (~100 bytes of keys beside its text).
 */

const NAME = {
  responses: 'n',
  ratingSum: 'r',
  /** Bytes of comment text the month holds. */
  commentBytes: 'cb',
  /** The month's comments of one day, by the day of the month. */
  comments: (day: string) => `c${day}`,
  /** A day's page of comments. */
  pageComments: 'c',
  /** A comment in an item of its own. */
  text: 'text',
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
 * Comment text a month's sums, or a day's page, hold, in UTF-8 bytes. An update is charged by the
 * item's size, so this bounds what an answer costs to write (~5 write units) as much as it packs
 * the report's reads.
 */
export const COMMENT_BYTES_PER_ITEM = 4096;

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
 * `comments` appended to the list `listName` of an item — only if the item then holds at most
 * `COMMENT_BYTES_PER_ITEM` of them (DynamoDB conditions have no arithmetic: the room left is
 * computed here). When that condition fails, the comments go one level down: a month's to its
 * day's page (`addToPage`), a page's into items of their own (`commentItem`).
 */
const appendComments = (
  counted: ReturnType<typeof addCounters>,
  listName: string,
  comments: readonly string[],
) => {
  if (comments.length === 0) {
    return {
      UpdateExpression: `ADD ${counted.add.join(', ')}`,
      ExpressionAttributeNames: counted.names,
      ExpressionAttributeValues: counted.values,
    };
  }
  const bytes = commentBytes(comments);
  return {
    UpdateExpression: `ADD ${[...counted.add, '#bytes :bytes'].join(', ')} SET #list = list_append(if_not_exists(#list, :none), :comments)`,
    ConditionExpression: 'attribute_not_exists(#bytes) OR #bytes <= :room',
    ExpressionAttributeNames: { ...counted.names, '#bytes': NAME.commentBytes, '#list': listName },
    ExpressionAttributeValues: {
      ...counted.values,
      ':bytes': bytes,
      ':none': [],
      ':comments': [...comments],
      ':room': COMMENT_BYTES_PER_ITEM - bytes,
    },
  };
};

/**
 * An Update that adds one day's `tally` to its month's sums (creating them if need be), and that
 * day's `comments` to the month's list for the day, if the month has room for them.
 */
export const addToMonth = (
  tableName: string,
  programmeId: string,
  tally: SurveyTally,
  comments: readonly string[] = [],
) => ({
  TableName: tableName,
  Key: surveyTallyKey(programmeId, { ...tally, month: monthOf(tally.period) }),
  ...appendComments(addCounters(tally), NAME.comments(tally.period.slice(8, 10)), comments),
});

/** An Update that adds a day's `comments` to its page, if the page has room for them. */
export const addToPage = (
  tableName: string,
  programmeId: string,
  day: { areaId: string; round: number; answeredOn: string },
  comments: readonly string[],
) => ({
  TableName: tableName,
  Key: surveyCommentPageKey(programmeId, day),
  ...appendComments({ add: [], names: {}, values: {} }, NAME.pageComments, comments),
});

/** An Update that adds one day's `tally` to that day's sums. */
export const addToDay = (tableName: string, programmeId: string, tally: SurveyTally) => ({
  TableName: tableName,
  Key: surveyDayKey(programmeId, { ...tally, day: tally.period }),
  ...appendComments(addCounters(tally), NAME.pageComments, []),
});

/** A comment that found no room in its month or on its day's page. */
export const commentItem = (
  programmeId: string,
  comment: SurveyCommentEntry & { id: string },
): Record<string, unknown> => ({
  ...surveyCommentKey(programmeId, comment),
  [NAME.text]: comment.text,
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

/** A day's page of comments (`<area>#<round>#<day>`) or a comment of its own (the same with `#<id>`). */
export const toComments = (item: Record<string, unknown>): SurveyCommentEntry[] => {
  const sk = String(item.sk);
  const page = Array.isArray(item[NAME.pageComments]);
  const { areaId, round, rest } = areaRoundAnd(sk, page ? 1 : 2);
  const entry = (text: unknown) => ({ areaId, round, answeredOn: rest[0] ?? '', text: String(text) });
  return page ? (item[NAME.pageComments] as unknown[]).map(entry) : [entry(item[NAME.text])];
};
