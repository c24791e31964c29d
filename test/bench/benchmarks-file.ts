import { writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { PROJECT_ROOT } from '../../infra/constructs/kur-function.ts';
import { costModel } from './cost-model.ts';
import { type BenchResult, markdownTable } from './report.ts';

/** BENCHMARKS.md: the date and the machine, a table per bench, its targets met or missed, the cost model. */
export const writeBenchmarks = (results: BenchResult[], run: { full: boolean; seconds: number }): string => {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${run.full ? ' -- --full' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Linux ${release()}, Node ${process.version}; ${run.full ? 'full' : 'quick'} mode, ${Math.round(run.seconds)} s. DynamoDB Local in memory, the SES emulator in process, as \`npm start\`. Timings depend on the machine and on what else it runs (this one is shared): compare figures of one run with each other, not across machines. \`npm run bench -- --full\` measures the large sizes and times every function.`,
    '',
  ];
  for (const result of results) {
    lines.push(`## ${result.title}`, '', markdownTable(result.headers, result.rows), '');
    for (const note of result.notes) lines.push(note, '');
    lines.push(
      'Targets:',
      '',
      ...result.targets.map((t) => `- ${t.met ? '✅ met' : '❌ missed'}: ${t.label}`),
      '',
    );
  }
  lines.push(...costModel(), '');
  const file = `${PROJECT_ROOT}BENCHMARKS.md`;
  writeFileSync(file, `${lines.join('\n').trimEnd()}\n`);
  return file;
};
