import type { SurveyFigures, SurveyResultsReport } from '../../../domain/survey-results.ts';
import { SURVEY_QUESTIONS } from '../../../domain/surveys.ts';
import { SURVEY_COLUMN_LABEL as C, SURVEY_QUESTION_SHORT as Q } from '../../../domain/vocabulary.ts';
import { chart } from '../charts.ts';
import { h, table } from '../dom.ts';

/**
 * Report `survey-results` on screen: the share answering yes per question and round as a chart
 * (with its table), the rounds and the areas as tables, and the participants' own words — as
 * text nodes, so that markup they typed shows as typed.
 */

const percent = (n: number | null) => (n === null ? '–' : `${n} %`);

/** Each question in each round as one bar: yes and no, as parts of those who answered either. */
export const sharesChart = (rounds: SurveyFigures[]) =>
  chart({
    title: 'Andel som svarat ja av dem som svarat ja eller nej, per fråga och enkät',
    rowHeading: 'Fråga och enkät',
    series: ['Ja', 'Nej'],
    rows: SURVEY_QUESTIONS.flatMap((q) =>
      rounds.flatMap(({ round, shares: { [q]: yes } }) =>
        yes === null ? [] : [{ label: `${Q[q]}, enkät ${round}`, values: [yes, 100 - yes] }],
      ),
    ),
    format: percent,
  });

/** The rounds, or with `areaName` first the areas and rounds, one row each. */
const figures = (caption: string, rows: (SurveyFigures & { areaName?: string })[], area = false) =>
  table(
    caption,
    // "1–5" kept on one line in a narrow heading: a word joiner on each side of the dash.
    [
      ...(area ? [C.area] : []),
      C.round,
      C.responses,
      C.meanRating.replace('–', '\u2060–\u2060'),
      ...SURVEY_QUESTIONS.map((q) => Q[q]),
    ],
    rows.map((f) =>
      [
        ...(area ? [f.areaName] : []),
        f.round,
        f.responses,
        f.meanRating?.toFixed(1).replace('.', ',') ?? '–',
        ...SURVEY_QUESTIONS.map((q) => percent(f.shares[q])),
      ].map((v) => document.createTextNode(String(v))),
    ),
  );

export const surveyView = (r: SurveyResultsReport, name: string) =>
  h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, `Deltagarenkäter i ${name} per ${r.asOf}`),
    r.rounds.length === 0
      ? h('p', null, 'Ingen har svarat ännu.')
      : [
          sharesChart(r.rounds),
          figures('Svar per enkät', r.rounds),
          figures('Svar per område och enkät', r.areas, true),
        ],
    r.comments.length > 0 && [
      h('h3', null, 'Deltagarnas kommentarer'),
      h(
        'ul',
        { class: 'comments' },
        r.comments.map((c) =>
          h('li', null, h('p', { class: 'hint' }, `${c.areaName}, enkät ${c.round}`), h('p', null, c.text)),
        ),
      ),
    ],
  );
