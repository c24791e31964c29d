import type { CsvTable } from './csv.ts';
import type { IsoDate } from './dates.ts';
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

/** yes / (yes + no) as a whole percent; null when nobody answered yes or no. */
export const share = (answers: readonly (string | undefined)[]): number | null => {
  const yes = answers.filter((a) => a === 'yes').length;
  const no = answers.filter((a) => a === 'no').length;
  return yes + no === 0 ? null : Math.round((100 * yes) / (yes + no));
};

/** The mean of the ratings to one decimal; null without responses. */
export const meanRating = (ratings: readonly number[]): number | null =>
  ratings.length === 0 ? null : Math.round((10 * ratings.reduce((a, b) => a + b, 0)) / ratings.length) / 10;

const figures = (round: number, responses: readonly SurveyResponse[]): SurveyFigures => ({
  round,
  responses: responses.length,
  meanRating: meanRating(responses.map((r) => r.rating)),
  shares: Object.fromEntries(
    SURVEY_QUESTIONS.map((q) => [q, share(responses.map((r) => r.answers[q]))]),
  ) as SurveyShares,
});

const byRound = (a: { round: number }, b: { round: number }) => a.round - b.round;

export const surveyResults = (input: {
  programmeId: string;
  asOf: IsoDate;
  responses: readonly SurveyResponse[];
  areas: readonly { id: string; name: string }[];
}): SurveyResultsReport => {
  const names = new Map(input.areas.map((a) => [a.id, a.name]));
  const nameOf = (areaId: string) => names.get(areaId) ?? areaId;
  // A response given after `asOf` had not come in yet on that day.
  const counted = input.responses.filter((r) => r.answeredOn <= input.asOf);
  const groups = <K extends string>(key: (r: SurveyResponse) => K) => {
    const map = new Map<K, SurveyResponse[]>();
    // Appended in place: copying the group for every response took minutes at 200 000 of them.
    for (const r of counted) {
      const group = map.get(key(r));
      if (group) group.push(r);
      else map.set(key(r), [r]);
    }
    return [...map.values()];
  };
  const rounds = groups((r) => String(r.round))
    .map((group) => figures(group[0]?.round ?? 0, group))
    .sort(byRound);
  const areas = groups((r) => `${r.areaId}#${r.round}`)
    .map((group) => {
      const areaId = group[0]?.areaId ?? '';
      return { areaId, areaName: nameOf(areaId), ...figures(group[0]?.round ?? 0, group) };
    })
    .sort((a, b) => a.areaName.localeCompare(b.areaName, 'sv') || byRound(a, b));
  const comments = counted
    .filter((r) => r.comment)
    .map((r) => ({ areaId: r.areaId, areaName: nameOf(r.areaId), round: r.round, text: r.comment ?? '' }))
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
