import type { CsvTable } from './csv.ts';
import { addDays, type IsoDate } from './dates.ts';
import { SURVEY_QUESTIONS, type SurveyQuestion, type SurveyResponse } from './surveys.ts';
import { SURVEY_COLUMN_LABEL, SURVEY_QUESTION_SHORT } from './vocabulary.ts';

/**
 * Report `survey-results` (API.md "Surveys"): per round over the whole programme, and per area and
 * round — responses, mean rating to one decimal, and per question the share answering yes among
 * those who answered yes or no ("vet ej" counts in neither), to a whole percent. KUR 1 reported
 * exactly these: 3,9 of 5; 89 %; 85 %; about 40 %; about 25 % (seed 000_…).
 */

export type SurveyShares = Record<SurveyQuestion, number | null>;

export interface SurveyFigures {
  round: number;
  responses: number;
  meanRating: number | null;
  shares: SurveyShares;
}

export interface SurveyAreaFigures extends SurveyFigures {
  areaId: string;
  areaName: string;
}

/** A free-text answer, as typed: text, never markup (whoever shows it escapes it). */
export interface SurveyComment {
  areaId: string;
  areaName: string;
  round: number;
  text: string;
}

export interface SurveyResultsReport {
  type: 'survey-results';
  programmeId: string;
  asOf: IsoDate;
  rounds: SurveyFigures[];
  areas: SurveyAreaFigures[];
  comments: SurveyComment[];
}

export const SURVEY_REPORT_TABLES = ['rounds', 'areas'] as const;
export type SurveyReportTable = (typeof SURVEY_REPORT_TABLES)[number];

/**
 * What the report needs of the responses of one area and round in one period — a month
 * (`2012-06`) or a day (`2012-06-05`): sums, kept as each answer is stored (surveys-table.ts), so
 * that the report reads a few hundred bytes per area and month instead of every response.
 */
export interface SurveyTally {
  areaId: string;
  round: number;
  /** `YYYY-MM` or `YYYY-MM-DD`. */
  period: string;
  responses: number;
  ratingSum: number;
  yes: Partial<Record<SurveyQuestion, number>>;
  no: Partial<Record<SurveyQuestion, number>>;
}

/** A free-text answer as the report reads it. */
export interface SurveyCommentEntry {
  areaId: string;
  round: number;
  answeredOn: IsoDate;
  text: string;
}

/** One response as a tally of one for its day: what storing it adds to its sums. */
export const tallyOf = (r: SurveyResponse): SurveyTally => ({
  areaId: r.areaId,
  round: r.round,
  period: r.answeredOn,
  responses: 1,
  ratingSum: r.rating,
  yes: Object.fromEntries(SURVEY_QUESTIONS.filter((q) => r.answers[q] === 'yes').map((q) => [q, 1])),
  no: Object.fromEntries(SURVEY_QUESTIONS.filter((q) => r.answers[q] === 'no').map((q) => [q, 1])),
});

/** The month a day falls in, or the month itself. */
export const monthOf = (period: string): string => period.slice(0, 7);

const plus = (a: Partial<Record<SurveyQuestion, number>>, b: Partial<Record<SurveyQuestion, number>>) =>
  Object.fromEntries(
    SURVEY_QUESTIONS.flatMap((q) => {
      const sum = (a[q] ?? 0) + (b[q] ?? 0);
      return sum === 0 ? [] : [[q, sum]];
    }),
  );

/** Tallies summed per area, round and period (`period` maps each to the period it counts in). */
export const sumTallies = (
  tallies: readonly SurveyTally[],
  period: (t: SurveyTally) => string = (t) => t.period,
): SurveyTally[] => {
  const sums = new Map<string, SurveyTally>();
  for (const t of tallies) {
    const key = `${t.areaId}#${t.round}#${period(t)}`;
    const before = sums.get(key);
    sums.set(
      key,
      before
        ? {
            ...before,
            responses: before.responses + t.responses,
            ratingSum: before.ratingSum + t.ratingSum,
            yes: plus(before.yes, t.yes),
            no: plus(before.no, t.no),
          }
        : { ...t, period: period(t) },
    );
  }
  return [...sums.values()];
};

/**
 * Whether a report as of `asOf` needs the day sums of `asOf`'s month, or may count that month's
 * sums whole: it may when nothing in the month can have been answered after `asOf` — `asOf` is
 * today or later (answers are dated the day they come in), or the month's last day.
 */
export const needsDays = (asOf: IsoDate, today: IsoDate): boolean =>
  asOf < today && monthOf(addDays(asOf, 1)) === monthOf(asOf);

/** yes / (yes + no) as a whole percent; null when nobody answered yes or no. */
export const share = (yes: number, no: number): number | null =>
  yes + no === 0 ? null : Math.round((100 * yes) / (yes + no));

/** The mean of the ratings to one decimal; null without responses. */
export const meanRating = (ratingSum: number, responses: number): number | null =>
  responses === 0 ? null : Math.round((10 * ratingSum) / responses) / 10;

const figures = (round: number, tallies: readonly SurveyTally[]): SurveyFigures => {
  const sum = (f: (t: SurveyTally) => number) => tallies.reduce((total, t) => total + f(t), 0);
  const responses = sum((t) => t.responses);
  return {
    round,
    responses,
    meanRating: meanRating(
      sum((t) => t.ratingSum),
      responses,
    ),
    shares: Object.fromEntries(
      SURVEY_QUESTIONS.map((q) => [
        q,
        share(
          sum((t) => t.yes[q] ?? 0),
          sum((t) => t.no[q] ?? 0),
        ),
      ]),
    ) as SurveyShares,
  };
};

const byRound = (a: { round: number }, b: { round: number }) => a.round - b.round;

/**
 * The report from the programme's sums. `months` are the month sums; `days` are day sums: those of
 * `asOf`'s month when `needsDays` (they then stand in for that month's sum), and responses stored
 * before the sums existed (a tally of one each). A day counts when it is on or before `asOf`; a month
 * when it is before `asOf`'s, or is `asOf`'s and no day sums were needed.
 */
export const surveyResults = (input: {
  programmeId: string;
  asOf: IsoDate;
  today: IsoDate;
  months: readonly SurveyTally[];
  days: readonly SurveyTally[];
  comments: readonly SurveyCommentEntry[];
  areas: readonly { id: string; name: string }[];
}): SurveyResultsReport => {
  const names = new Map(input.areas.map((a) => [a.id, a.name]));
  const nameOf = (areaId: string) => names.get(areaId) ?? areaId;
  const month = monthOf(input.asOf);
  const wholeMonth = !needsDays(input.asOf, input.today);
  const counted = [
    ...input.months.filter((t) => t.period < month || (t.period === month && wholeMonth)),
    ...input.days.filter((t) => t.period <= input.asOf),
  ];
  const groups = <K extends string>(key: (t: SurveyTally) => K) => {
    const map = new Map<K, SurveyTally[]>();
    // Appended in place: copying the group for every entry took minutes at 200 000 of them.
    for (const t of counted) {
      const group = map.get(key(t));
      if (group) group.push(t);
      else map.set(key(t), [t]);
    }
    return [...map.values()];
  };
  const rounds = groups((t) => String(t.round))
    .map((group) => figures(group[0]?.round ?? 0, group))
    .sort(byRound);
  const areas = groups((t) => `${t.areaId}#${t.round}`)
    .map((group) => {
      const areaId = group[0]?.areaId ?? '';
      return { areaId, areaName: nameOf(areaId), ...figures(group[0]?.round ?? 0, group) };
    })
    .sort((a, b) => a.areaName.localeCompare(b.areaName, 'sv') || byRound(a, b));
  const comments = input.comments
    .filter((c) => c.answeredOn <= input.asOf)
    .map((c) => ({ areaId: c.areaId, areaName: nameOf(c.areaId), round: c.round, text: c.text }))
    .sort((a, b) => a.areaName.localeCompare(b.areaName, 'sv') || byRound(a, b));
  return {
    type: 'survey-results',
    programmeId: input.programmeId,
    asOf: input.asOf,
    rounds,
    areas,
    comments,
  };
};

/** One decimal with a decimal comma, as Swedish Excel reads a number. */
const decimal = (value: number | null) => (value === null ? null : value.toFixed(1).replace('.', ','));

const C = SURVEY_COLUMN_LABEL;
const shareColumns = SURVEY_QUESTIONS.map((q) => `${SURVEY_QUESTION_SHORT[q]} (${C.shareUnit})`);
const shareCells = (f: SurveyFigures) => SURVEY_QUESTIONS.map((q) => f.shares[q]);

export const surveyResultsTable = (report: SurveyResultsReport, table: SurveyReportTable): CsvTable =>
  table === 'rounds'
    ? {
        header: [C.round, C.responses, C.meanRating, ...shareColumns],
        rows: report.rounds.map((f) => [f.round, f.responses, decimal(f.meanRating), ...shareCells(f)]),
      }
    : {
        header: [C.area, C.round, C.responses, C.meanRating, ...shareColumns],
        rows: report.areas.map((f) => [
          f.areaName,
          f.round,
          f.responses,
          decimal(f.meanRating),
          ...shareCells(f),
        ]),
      };
