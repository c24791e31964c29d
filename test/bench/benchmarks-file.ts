import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { PROJECT_ROOT } from '../../infra/constructs/kur-function.ts';
import { COST_MODEL_TITLE, costModel } from './cost-model.ts';
import { type BenchResult, markdownTable } from './report.ts';

/** The bench the cost model takes its write and read units from (run.ts adds the reminder job's). */
const COST_MODEL_INPUT = 'gateway';

const section = (result: BenchResult, rerun?: string): string[] => {
  const lines = [`## ${result.title}`, ''];
  if (rerun) lines.push(`_Re-run on ${rerun}._`, '');
  lines.push(markdownTable(result.headers, result.rows), '');
  for (const note of result.notes) lines.push(note, '');
  lines.push(
    'Targets:',
    '',
    ...result.targets.map((t) => `- ${t.met ? '✅ met' : '❌ missed'}: ${t.label}`),
    '',
  );
  return lines;
};

/** BENCHMARKS.md's `## ` sections by title, each with its lines (the heading included). */
const sectionsOf = (text: string): { head: string[]; sections: Map<string, string[]> } => {
  const head: string[] = [];
  const sections = new Map<string, string[]>();
  let current = head;
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('## ')) {
      current = [];
      sections.set(line.slice(3), current);
    }
    current.push(line);
  }
  return { head, sections };
};

/**
 * BENCHMARKS.md: the date and the machine, a table per bench, its targets met or missed, the cost
 * model. A run of some benches (`--only=…`) replaces their sections, each marked with the date it
 * was re-run, and keeps the others as the last full run wrote them; the cost model is redone only
 * when the gateway bench, whose units it takes, ran.
 */
export const writeBenchmarks = (
  results: BenchResult[],
  run: { full: boolean; seconds: number; only?: string[]; titles: string[] },
): string => {
  const file = `${PROJECT_ROOT}BENCHMARKS.md`;
  const today = new Date().toISOString().slice(0, 10);
  const withCostModel = !run.only || run.only.includes(COST_MODEL_INPUT);
  if (run.only && existsSync(file)) {
    const { head, sections } = sectionsOf(readFileSync(file, 'utf8'));
    const rerun = `${today} with \`npm run bench -- --only=${run.only.join(',')}${run.full ? ' --full' : ''}\``;
    for (const result of results) sections.set(result.title, section(result, rerun));
    if (withCostModel) sections.set(COST_MODEL_TITLE, costModel());
    // In the benches' order, the cost model last; a section no bench writes any more is dropped.
    const kept = [...run.titles, COST_MODEL_TITLE].flatMap((title) => {
      const lines = sections.get(title);
      return lines ? [lines.join('\n').trimEnd()] : [];
    });
    const lines = [head.join('\n').trimEnd(), ...kept].join('\n\n').split('\n');
    writeFileSync(file, `${lines.join('\n').trimEnd()}\n`);
    return file;
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${run.full ? ' -- --full' : ''}\` on ${today}: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Linux ${release()}, Node ${process.version}; ${run.full ? 'full' : 'quick'} mode, ${Math.round(run.seconds)} s. DynamoDB Local in memory, the SES emulator in process, as \`npm start\`. Timings depend on the machine and on what else it runs (this one is shared): compare figures of one run with each other, not across machines. \`npm run bench -- --full\` measures the large sizes and times every function.`,
    '',
    ...results.flatMap((result) => section(result)),
  ];
  if (withCostModel) lines.push(...costModel(), '');
  writeFileSync(file, `${lines.join('\n').trimEnd()}\n`);
  return file;
};
