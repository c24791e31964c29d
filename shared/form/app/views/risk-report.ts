import type { GoalsReport } from '../../../domain/goals.ts';
import type { RepaymentRiskReport } from '../../../domain/repayment-risk.ts';
import {
  COLUMN_LABEL,
  capitalised,
  GOAL_COLUMN_LABEL,
  RISK_COLUMN_LABEL,
  RISK_REASON_LABEL,
  sek,
} from '../../../domain/vocabulary.ts';
import { chart } from '../charts.ts';
import { h, table } from '../dom.ts';

/** The money-at-risk and goals reports on screen: a chart with its table, and the rows behind it. */

const text = (value: string | number | null) =>
  document.createTextNode(value === null ? '–' : typeof value === 'number' ? sek(value) : value);

/** Each year's appropriation split into disbursed, granted and safe, at risk, and not granted. */
export const riskChart = (years: RepaymentRiskReport['years']) =>
  chart({
    title: 'Anslaget per år: utbetalt, beviljat utan risk, riskerar att betalas tillbaka och inte beviljat',
    rowHeading: COLUMN_LABEL.year,
    series: ['Utbetalt', 'Beviljat utan risk', RISK_COLUMN_LABEL.atRisk, 'Inte beviljat'],
    rows: years.map((y) => ({
      label: String(y.year),
      values: [
        y.disbursed,
        Math.max(0, y.granted - y.disbursed - y.atRisk),
        y.atRisk,
        Math.max(0, y.appropriation - y.granted),
      ],
    })),
    format: sek,
    total: COLUMN_LABEL.appropriation,
  });

export const riskView = (r: RepaymentRiskReport, name: string) =>
  h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, `Medel som riskerar att betalas tillbaka i ${name} per ${r.asOf}`),
    riskChart(r.years),
    table(
      'Ansökningar med medel som riskerar att betalas tillbaka',
      [
        COLUMN_LABEL.year,
        COLUMN_LABEL.area,
        COLUMN_LABEL.application,
        RISK_COLUMN_LABEL.plannedEnd,
        RISK_COLUMN_LABEL.atRisk,
        RISK_COLUMN_LABEL.reason,
      ],
      r.years.flatMap((y) =>
        y.applications.map((a) => [
          text(String(y.year)),
          text(a.areaName),
          text(a.title),
          text(a.plannedEnd ?? '–'),
          text(a.granted),
          text(capitalised(RISK_REASON_LABEL[a.reason])),
        ]),
      ),
    ),
  );

const G = GOAL_COLUMN_LABEL;

export const goalsView = (r: GoalsReport, name: string) =>
  h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, `Måluppfyllelse i ${name} per ${r.asOf}`),
    table(
      'Mål per område',
      [COLUMN_LABEL.area, G.goals, G.yes, G.partly, G.no, G.notReported],
      [...r.byArea, { areaName: G.total, ...r.total }].map((a) =>
        [a.areaName, a.goals, a.yes, a.partly, a.no, a.notReported].map((v) => text(String(v))),
      ),
    ),
  );
