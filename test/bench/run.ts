/**
 * `npm run bench` (quick) or `npm run bench -- --full` (the large sizes, every function timed):
 * speed and cost measurements against a fresh, in-memory DynamoDB Local and an in-process SES
 * emulator, as `npm start` runs them. Prints a table per bench and writes BENCHMARKS.md with the
 * date and the machine. It fails (exit 1) only when the harness itself breaks, never on a timing:
 * missed targets are reported, not enforced (CI runs the quick mode).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalTable } from '../../infra/local/create-table.ts';
import { startDynamoDbLocal, startSesEmulator } from '../../infra/local/engines.ts';
import { loadOrCreatePageTokenKey } from '../../infra/local/page-token-key.ts';
import type { BenchOptions, BenchResult } from './report.ts';
import { textTable } from './report.ts';

// Before any handler is imported: the local stack's fixable clock (PUT /local/clock), as `npm start`.
register('../../infra/local/local-modules.mjs', import.meta.url);

const full = process.argv.includes('--full');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const workDir = mkdtempSync(join(tmpdir(), 'kur-bench-'));
const started = performance.now();

const [dynamoDb, ses] = await Promise.all([startDynamoDbLocal(), startSesEmulator()]);
const stop = async () => {
  await Promise.allSettled([dynamoDb.stop(), ses.stop()]);
  rmSync(workDir, { recursive: true, force: true });
};
// Interrupted (Ctrl-C) or ended (a CI timeout): the engines go too, not left running as orphans.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => void stop().then(() => process.exit(code)));

let broken = false;
try {
  Object.assign(process.env, {
    TABLE_NAME: 'bench',
    DYNAMODB_ENDPOINT: dynamoDb.endpoint,
    SES_ENDPOINT: ses.endpoint,
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
    // Lists that answer pages sign their nextToken with it, as deployed with the stack's secret.
    PAGE_TOKEN_KEY: loadOrCreatePageTokenKey(join(workDir, 'keys')),
  });
  await ensureLocalTable(dynamoDb.endpoint, 'bench');

  // Imported after the environment is set: the configuration is read on first use.
  const benches: Record<string, { name: string; run(options: BenchOptions): Promise<BenchResult> }> = {
    reminders: await import('./reminders.bench.ts'),
    reports: await import('./reports.bench.ts'),
    gateway: await import('./gateway.bench.ts'),
    'cold-start': await import('./cold-start.bench.ts'),
    memory: await import('./memory.bench.ts'),
  };
  const results: BenchResult[] = [];
  for (const [key, bench] of Object.entries(benches)) {
    if (only && !only.includes(key)) continue;
    const benchStarted = performance.now();
    const result = await bench.run({ full, workDir });
    results.push(result);
    console.log(`\n${result.title} (${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);
    console.log(textTable(result.headers, result.rows));
    for (const note of result.notes) console.log(note);
    for (const target of result.targets) console.log(`  ${target.met ? 'met   ' : 'MISSED'} ${target.label}`);
  }
  // The cost model takes its units from the gateway bench and the reminder job; a run of some
  // benches that measured the gateway measures the job's units too (they do not depend on size).
  if (only?.includes('gateway') && !only.includes('reminders'))
    await (await import('./reminders.bench.ts')).measureUnits();
  const { writeBenchmarks } = await import('./benchmarks-file.ts');
  const file = writeBenchmarks(results, {
    full,
    seconds: (performance.now() - started) / 1000,
    only,
    titles: Object.values(benches).map((bench) => bench.name),
  });
  console.log(`\nWrote ${file} (${((performance.now() - started) / 1000).toFixed(0)} s in all).`);
} catch (error) {
  broken = true;
  console.error('The benchmark harness broke:', error);
} finally {
  await stop();
}
process.exit(broken ? 1 : 0);
