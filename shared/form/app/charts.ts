import { h, svg, table } from './dom.ts';

/**
 * Charts as inline SVG, drawn here (no third-party script): horizontal bars, each row split into
 * its series. Every chart comes with its text alternative (the SVG's title and desc, read out as
 * one image) and a table of the same figures, so nothing is shown only as a picture.
 */

export interface ChartRow {
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
}

export interface Chart {
  /** Names the SVG (its accessible name) and the table (its caption). */
  title: string;
  rowHeading: string;
  series: string[];
  rows: ChartRow[];
  format: (value: number) => string;
  /** A last column with each row's sum, under this heading. */
  total?: string;
}

const WIDTH = 640;
const LABEL = 110;
const BAR = 26;
const GAP = 14;

const describe = ({ series, rows, format, total }: Chart): string =>
  rows
    .map(
      (row) =>
        `${row.label}: ${series.map((name, i) => `${name.toLowerCase()} ${format(row.values[i] ?? 0)}`).join(', ')}${
          total ? `, ${total.toLowerCase()} ${format(row.values.reduce((a, b) => a + b, 0))}` : ''
        }.`,
    )
    .join(' ');

let charts = 0;

export const chart = (c: Chart): HTMLElement => {
  const id = `chart-${++charts}`;
  const sums = c.rows.map((row) => row.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...sums);
  // A label too long for the column beside the bars (a survey question) goes above its bar instead.
  const above = c.rows.some((row) => row.label.length > 12);
  const left = above ? 0 : LABEL;
  const step = BAR + GAP + (above ? 20 : 0);
  const height = c.rows.length * step + GAP;
  const scale = (WIDTH - left - 8) / max;
  const picture = svg(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-labelledby': `${id}-title`,
      'aria-describedby': `${id}-desc`,
    },
    svg('title', { id: `${id}-title` }, c.title),
    svg('desc', { id: `${id}-desc` }, describe(c)),
    c.rows.map((row, r) => {
      const y = GAP + r * step + (above ? 20 : 0);
      let x = left;
      return [
        svg(
          'text',
          above ? { x: 0, y: y - 6 } : { x: LABEL - 10, y: y + BAR / 2 + 5, 'text-anchor': 'end' },
          row.label,
        ),
        row.values.map((value, s) => {
          // A small share is still drawn (3 units), so that it is seen, not lost as a sliver.
          const width = value > 0 ? Math.max(3, value * scale) : 0;
          const rect = svg('rect', { x, y, width, height: BAR, class: `s${s}` });
          x += width;
          return rect;
        }),
        // One outline per bar: a pale part still has an edge that stands out (WCAG 1.4.11).
        svg('rect', { x: left, y, width: x - left, height: BAR, class: 'outline' }),
      ];
    }),
  );
  return h(
    'figure',
    { class: 'figure' },
    picture,
    h(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      c.series.map((name, s) => h('li', null, h('span', { class: `swatch s${s}` }), name)),
    ),
    table(
      c.title,
      [c.rowHeading, ...c.series, ...(c.total ? [c.total] : [])],
      c.rows.map((row, r) => [
        document.createTextNode(row.label),
        ...row.values.map((v) => document.createTextNode(c.format(v))),
        ...(c.total ? [document.createTextNode(c.format(sums[r] ?? 0))] : []),
      ]),
    ),
  );
};
