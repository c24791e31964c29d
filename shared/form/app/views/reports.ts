import {
  type FollowUpStatusReport,
  type ProgrammeSummary,
  type Report,
  reportRunDescription,
} from '../../../domain/reports.ts';
import type { Page, ReportRun } from '../../../domain/responses.ts';
import {
  COLUMN_LABEL,
  COMPLIANCE_LABEL,
  capitalised,
  count,
  REGION_LABEL,
  sek,
} from '../../../domain/vocabulary.ts';
import { ApiError, call, describe, downloadName, get } from '../api.ts';
import type { Ctx } from '../app.ts';
import { chart } from '../charts.ts';
import { button, dl, field, h, input, replace, select, table } from '../dom.ts';
import { FOLLOW_UP_STATUS, KIND, when } from '../labels.ts';
import { riskView } from './risk-report.ts';
import { surveyView } from './survey-report.ts';

/**
 * Reports for head office: the programme summary (with a chart of funds per year whose text
 * alternative is the table beside it), follow-up compliance, and each table as a CSV file.
 */

const SERIES = (['appropriation', 'granted', 'disbursed', 'repaid'] as const).map(
  (key) => [key, COLUMN_LABEL[key]] as const,
);

/**
 * Each year's appropriation as one bar, split into what is disbursed, what is granted but not yet
 * disbursed and what is not granted: the parts of one whole, so a grant is never a sliver beside
 * the appropriation's tall bar.
 */
export const fundsChart = (
  funds: readonly { year: number; appropriation: number; granted: number; disbursed: number }[],
) =>
  chart({
    title: 'Anslaget per år: utbetalt, beviljat men inte utbetalt och inte beviljat',
    rowHeading: COLUMN_LABEL.year,
    series: ['Utbetalt', 'Beviljat men inte utbetalt', 'Inte beviljat'],
    rows: funds.map((f) => ({
      label: String(f.year),
      values: [
        f.disbursed,
        Math.max(0, f.granted - f.disbursed),
        Math.max(0, f.appropriation - Math.max(f.granted, f.disbursed)),
      ],
    })),
    format: sek,
    total: COLUMN_LABEL.appropriation,
  });

/** Per region: areas with a granted application and those without. */
export const regionsChart = (byRegion: ProgrammeSummary['byRegion']) =>
  chart({
    title: 'Områden med beviljad ansökan per region',
    rowHeading: COLUMN_LABEL.region,
    series: ['Med beviljad ansökan', 'Utan beviljad ansökan'],
    rows: byRegion.map((b) => ({
      label: REGION_LABEL[b.region] ?? b.region,
      values: [b.withApprovedApplication, b.areas - b.withApprovedApplication],
    })),
    format: (n) => count(n, 'område', 'områden'),
    total: 'Alla områden',
  });

const COMPLIANCE_ORDER = ['onTime', 'late', 'overdue', 'pending', 'waived'] as const;
type Compliance = (typeof COMPLIANCE_ORDER)[number];

/** A row's place in the report's counts, from its status and days late (as the API judged them). */
const complianceOf = (row: FollowUpStatusReport['rows'][number]): Compliance =>
  row.status === 'waived'
    ? 'waived'
    : row.status === 'submitted' || row.status === 'accepted'
      ? row.daysLate > 0
        ? 'late'
        : 'onTime'
      : row.daysLate > 0
        ? 'overdue'
        : 'pending';

/** Follow-ups per region by how they stand. */
export const complianceChart = (rows: FollowUpStatusReport['rows']) => {
  const regions = [...new Set(rows.map((r) => r.region ?? ''))].sort();
  return chart({
    title: 'Uppföljningar per region och läge',
    rowHeading: COLUMN_LABEL.region,
    series: COMPLIANCE_ORDER.map((c) => capitalised(COMPLIANCE_LABEL[c])),
    rows: regions.map((region) => ({
      label: region ? (REGION_LABEL[region as keyof typeof REGION_LABEL] ?? region) : 'Utan region',
      values: COMPLIANCE_ORDER.map(
        (c) => rows.filter((r) => (r.region ?? '') === region && complianceOf(r) === c).length,
      ),
    })),
    format: (n) => count(n, 'uppföljning', 'uppföljningar'),
    total: 'Alla',
  });
};

const text = (value: string | number | null) =>
  document.createTextNode(value === null ? '–' : typeof value === 'number' ? sek(value) : value);

const areas = (n: number) => count(n, 'område', 'områden');

const summaryView = (r: ProgrammeSummary, name: string) =>
  h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, `Programsammanställning för ${name} per ${r.asOf}`),
    dl([
      ['Områden med beviljad ansökan', `${r.areas.withApprovedApplication} av ${r.areas.total}`],
      ['Bara gemensam kunskapssatsning', areas(r.activityMix.knowledgeOnly)],
      ['Bara plan för samarbete', areas(r.activityMix.collaborationPlanOnly)],
      ['Båda aktiviteterna', areas(r.activityMix.both)],
      [
        'Brukar- eller patientorganisationer med i planeringen',
        `Ja i ${areas(r.userInvolvement.consulted)}, nej i ${areas(r.userInvolvement.notConsulted)}`,
      ],
    ]),
    h('h3', null, 'Medel per år'),
    fundsChart(r.funds),
    table(
      'Medel per år (kr)',
      [COLUMN_LABEL.year, ...SERIES.map(([, name]) => name)],
      [
        ...r.funds.map((f) => [text(String(f.year)), ...SERIES.map(([key]) => text(f[key]))]),
        [text('Totalt'), ...SERIES.map(([key]) => text(r.totals[key]))],
      ],
    ),
    h('h3', null, 'Per region'),
    regionsChart(r.byRegion),
  );

const statusView = (r: FollowUpStatusReport, name: string) =>
  h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, `Uppföljningsstatus för ${name} per ${r.asOf}`),
    h(
      'p',
      null,
      // "Försenade: 1", never "1 försenade": the group's name, then its count.
      COMPLIANCE_ORDER.map((key) => `${capitalised(COMPLIANCE_LABEL[key])}: ${r.counts[key]}`).join(', '),
      '.',
    ),
    r.rows.length > 0 ? complianceChart(r.rows) : null,
    table(
      'Uppföljningar',
      [
        COLUMN_LABEL.area,
        COLUMN_LABEL.application,
        COLUMN_LABEL.followUp,
        COLUMN_LABEL.dueOn,
        COLUMN_LABEL.status,
        COLUMN_LABEL.submittedOn,
        COLUMN_LABEL.daysLate,
      ],
      r.rows.map((row) => [
        text(row.areaName),
        text(row.applicationTitle),
        text(KIND[row.kind]),
        text(row.dueOn),
        text(FOLLOW_UP_STATUS[row.status]),
        text(row.submittedOn ?? '–'),
        text(String(row.daysLate)),
      ]),
    ),
  );

export const reportsView = async (ctx: Ctx): Promise<Node> => {
  const programmes = await ctx.programmes();
  const programme = select(
    'r-programme',
    programmes.map((p) => [p.id, p.name] as const),
    programmes[0]?.id ?? '',
  );
  const asOf = input('r-asof', '', { type: 'date' });
  const result = h('div', { 'aria-live': 'polite' });
  const runs = h('div');
  const error = h('p', { class: 'error-text', role: 'alert' });

  const body = (type: string, extra: Record<string, string> = {}) => ({
    type,
    programmeId: programme.value,
    ...(asOf.value ? { asOf: asOf.value } : {}),
    ...extra,
  });

  const showRuns = async () => {
    const page = await get<Page<ReportRun>>('/reports/runs?limit=10').catch(() => ({ items: [] }));
    replace(
      runs,
      page.items.length > 0
        ? [
            h('h2', null, 'Senaste körningar'),
            table(
              'Senaste rapportkörningar',
              ['Tid', 'Vem', 'Rapport', 'Program', 'Per'],
              page.items.map((run) =>
                [
                  when(run.at),
                  run.actor,
                  // "Programsammanställning, CSV-fil med regioner", never "csv (byRegion)".
                  reportRunDescription(run),
                  programmes.find((p) => p.id === run.programmeId)?.name ?? run.programmeId,
                  run.asOf,
                ].map((t) => document.createTextNode(t)),
              ),
            ),
          ]
        : null,
    );
  };

  const run = async (type: Report['type']) => {
    error.textContent = '';
    try {
      const { data } = await call<Report>('POST', '/reports', {
        body: body(type),
      });
      const name = programmes.find((p) => p.id === data.programmeId)?.name ?? data.programmeId;
      replace(
        result,
        data.type === 'programme-summary'
          ? summaryView(data, name)
          : data.type === 'follow-up-status'
            ? statusView(data, name)
            : data.type === 'repayment-risk'
              ? riskView(data, name)
              : data.type === 'survey-results'
                ? surveyView(data, name)
                : null,
      );
      await showRuns();
    } catch (e) {
      error.textContent =
        e instanceof ApiError && e.problem.errors
          ? e.problem.errors.map((x) => x.message).join(' ')
          : describe(e);
    }
  };

  const download = async (type: string, tableName: string) => {
    error.textContent = '';
    try {
      const { response } = await call<string>('POST', '/reports', {
        body: body(type, { format: 'csv', table: tableName }),
        raw: true,
      });
      // The bytes as they came: the BOM that lets Excel read å, ä, ö stays in the file.
      const blob = await response.blob();
      const name = downloadName(response, `${type}.csv`);
      const link = h('a', { href: URL.createObjectURL(blob), download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      ctx.flash(`Filen ${name} är nedladdad.`);
      await showRuns();
    } catch (e) {
      error.textContent = describe(e);
    }
  };

  await showRuns();
  return h(
    'div',
    null,
    h('h1', null, 'Rapporter'),
    h('p', null, 'Rapporterna räknas fram när du ber om dem, med de senaste uppgifterna.'),
    h(
      'div',
      { class: 'row' },
      field('Program', programme),
      field('Per datum (valfritt)', asOf, 'Lämna tomt för i dag.'),
    ),
    h(
      'div',
      { class: 'actions' },
      button('Visa programsammanställning', () => void run('programme-summary'), { class: 'primary' }),
      button('Visa uppföljningsstatus', () => void run('follow-up-status'), { class: 'primary' }),
      button('Visa medel som riskerar att betalas tillbaka', () => void run('repayment-risk'), {
        class: 'primary',
      }),
      button('Visa deltagarenkäter', () => void run('survey-results'), { class: 'primary' }),
    ),
    h(
      'div',
      { class: 'actions' },
      button('Ladda ner medel per år (CSV)', () => void download('programme-summary', 'funds'), {
        class: 'secondary',
      }),
      button('Ladda ner regioner (CSV)', () => void download('programme-summary', 'byRegion'), {
        class: 'secondary',
      }),
      button('Ladda ner uppföljningar (CSV)', () => void download('follow-up-status', 'rows'), {
        class: 'secondary',
      }),
      button('Ladda ner risk per ansökan (CSV)', () => void download('repayment-risk', 'applications'), {
        class: 'secondary',
      }),
      button('Ladda ner mål och utfall (CSV)', () => void download('goals', 'goalList'), {
        class: 'secondary',
      }),
      button('Ladda ner enkätsvar per område (CSV)', () => void download('survey-results', 'areas'), {
        class: 'secondary',
      }),
    ),
    error,
    result,
    runs,
  );
};
