import type { RepaymentRiskReport } from '../../../domain/repayment-risk.ts';
import { COLUMN_LABEL, RISK_COLUMN_LABEL, sek } from '../../../domain/vocabulary.ts';
import { chart } from '../charts.ts';
import { h } from '../dom.ts';

/**
 * The money-at-risk report on screen: each year's appropriation split into disbursed, granted and
 * safe, at risk, and not granted — a chart with its text alternative and table. The applications
 * behind it are in its CSV file.
 */
export const riskView = (r: RepaymentRiskReport, name: string) =>
  h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, `Medel som riskerar att betalas tillbaka i ${name} per ${r.asOf}`),
    chart({
      title: `Anslaget per år: utbetalt, beviljat utan risk, ${RISK_COLUMN_LABEL.atRisk.toLowerCase()} och inte beviljat`,
      rowHeading: COLUMN_LABEL.year,
      series: ['Utbetalt', 'Beviljat utan risk', RISK_COLUMN_LABEL.atRisk, 'Inte beviljat'],
      rows: r.years.map((y) => ({
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
    }),
  );
