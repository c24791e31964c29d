import type { FollowUpStatusReport, FundsRow, ProgrammeSummary } from '../../../domain/reports.ts';
import type { Page, ReportRun } from '../../../domain/responses.ts';
import { COLUMN_LABEL, COMPLIANCE_LABEL, count, REGION_LABEL, sek } from '../../../domain/vocabulary.ts';
import { ApiError, call, describe, get } from '../api.ts';
import type { Ctx } from '../app.ts';
import { button, dl, field, h, input, replace, select, svg, table } from '../dom.ts';
import { FOLLOW_UP_STATUS, KIND, when } from '../labels.ts';

/**
 * Reports for head office: the programme summary (with a chart of funds per year whose text
 * alternative is the table beside it), follow-up compliance, and each table as a CSV file.
 */

const SERIES = (['appropriation', 'granted', 'disbursed', 'repaid'] as const).map(
  (key) => [key, COLUMN_LABEL[key]] as const,
);

const millions = (amount: number) =>
  `${(amount / 1_000_000).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} mkr`;

/** Grouped bars per year; the same figures are in the table that follows it. */
export const fundsChart = (funds: readonly FundsRow[], titleId: string): SVGElement => {
  const max = Math.max(1, ...funds.flatMap((f) => SERIES.map(([key]) => f[key] ?? 0)));
  const bar = 34;
  const group = SERIES.length * bar + 40;
  const top = 16;
  const plot = 200;
  const left = 80;
  const width = left + funds.length * group + 8;
  const y = (amount: number) => top + plot - (amount / max) * plot;
  const ticks = [0, 0.5, 1].map((t) => t * max);
  return svg(
    'svg',
    {
      class: 'chart',
      // Drawn at its natural size, shrunk (never stretched) to fit: its text stays legible.
      viewBox: `0 0 ${width} ${top + plot + 28}`,
      width,
      height: top + plot + 28,
      role: 'img',
      'aria-labelledby': titleId,
      'aria-describedby': `${titleId}-desc`,
    },
    svg('title', { id: titleId }, 'Medel per år: anslag, beviljat, utbetalt och återbetalt'),
    svg(
      'desc',
      { id: `${titleId}-desc` },
      funds
        .map(
          (f) =>
            `${f.year}: ${SERIES.map(([key, name]) => `${name.toLowerCase()} ${f[key] === null ? 'ej känt ännu' : sek(f[key] ?? 0)}`).join(', ')}.`,
        )
        .join(' '),
    ),
    ticks.map((t) => [
      svg('line', { x1: left - 4, x2: width, y1: y(t), y2: y(t), class: 'grid' }),
      svg('text', { x: left - 8, y: y(t) + 4, 'text-anchor': 'end' }, millions(t)),
    ]),
    funds.map((f, i) => {
      const x0 = left + 14 + i * group;
      return [
        SERIES.map(([key], s) => {
          const amount = f[key] ?? 0;
          return svg('rect', {
            x: x0 + s * bar,
            y: y(amount),
            width: bar - 4,
            height: Math.max(0, top + plot - y(amount)),
            class: `s${s}`,
          });
        }),
        svg(
          'text',
          { x: x0 + (SERIES.length * bar) / 2, y: top + plot + 20, 'text-anchor': 'middle' },
          String(f.year),
        ),
      ];
    }),
  );
};

const legend = () =>
  h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    SERIES.map(([, name], s) => h('li', null, h('span', { class: `swatch s${s}` }), name)),
  );

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
      ['Bara kunskapssatsning', areas(r.activityMix.knowledgeOnly)],
      ['Bara plan för samarbete', areas(r.activityMix.collaborationPlanOnly)],
      ['Båda aktiviteterna', areas(r.activityMix.both)],
      [
        'Brukarorganisationer rådfrågade',
        `${areas(r.userInvolvement.consulted)} (inte: ${r.userInvolvement.notConsulted})`,
      ],
    ]),
    h('h3', null, 'Medel per år'),
    h('figure', null, fundsChart(r.funds, 'funds-chart'), legend()),
    table(
      'Medel per år (kr)',
      [COLUMN_LABEL.year, ...SERIES.map(([, name]) => name)],
      [
        ...r.funds.map((f) => [text(String(f.year)), ...SERIES.map(([key]) => text(f[key]))]),
        [text('Totalt'), ...SERIES.map(([key]) => text(r.totals[key]))],
      ],
    ),
    h('h3', null, 'Per region'),
    table(
      'Områden per region',
      [COLUMN_LABEL.region, COLUMN_LABEL.areas, COLUMN_LABEL.withApprovedApplication],
      r.byRegion.map((b) => [
        text(REGION_LABEL[b.region] ?? b.region),
        text(String(b.areas)),
        text(String(b.withApprovedApplication)),
      ]),
    ),
  );

const REPORT_SV: Record<string, string> = {
  'programme-summary': 'Programsammanställning',
  'follow-up-status': 'Uppföljningsstatus',
};

const statusView = (r: FollowUpStatusReport, name: string) =>
  h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, `Uppföljningsstatus för ${name} per ${r.asOf}`),
    h(
      'p',
      null,
      Object.entries(r.counts)
        .map(([key, n]) => `${n} ${COMPLIANCE_LABEL[key as keyof typeof r.counts] ?? key}`)
        .join(', '),
    ),
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
              ['Tid', 'Vem', 'Rapport', 'Per', 'Format'],
              page.items.map((run) =>
                [
                  when(run.at),
                  run.actor,
                  `${REPORT_SV[run.type] ?? run.type}, ${run.programmeId}`,
                  run.asOf,
                  run.table ? `${run.format} (${run.table})` : run.format,
                ].map((t) => document.createTextNode(t)),
              ),
            ),
          ]
        : null,
    );
  };

  const run = async (type: 'programme-summary' | 'follow-up-status') => {
    error.textContent = '';
    try {
      const { data } = await call<ProgrammeSummary | FollowUpStatusReport>('POST', '/reports', {
        body: body(type),
      });
      const name = programmes.find((p) => p.id === data.programmeId)?.name ?? data.programmeId;
      replace(result, data.type === 'programme-summary' ? summaryView(data, name) : statusView(data, name));
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
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${type}.csv`;
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
    ),
    error,
    result,
    runs,
  );
};
