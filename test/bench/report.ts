/** What a bench hands back: a table for the terminal and BENCHMARKS.md, and its targets, met or missed. */
export interface BenchResult {
  title: string;
  headers: string[];
  rows: (string | number)[][];
  targets: { label: string; met: boolean }[];
  notes: string[];
}

export interface BenchOptions {
  /** `-- --full`: the large sizes and all repetitions. */
  full: boolean;
  /** A scratch directory of this run. */
  workDir: string;
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

export const fixed = (value: number, digits = 2): string => value.toFixed(digits);

/** Swedish thousands spacing is for users; the benchmark tables use plain digits with a thin space. */
export const count = (value: number): string => value.toLocaleString('en-GB').replaceAll(',', ' ');

export const markdownTable = (headers: string[], rows: (string | number)[][]): string =>
  [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

export const textTable = (headers: string[], rows: (string | number)[][]): string => {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
};
