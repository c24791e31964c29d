import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/**
 * Module init of a bundle as Lambda pays it on a cold start: a fresh `node --enable-source-maps`
 * process (the functions' NODE_OPTIONS) in Lambda's environment imports the bundle, timed from
 * just before the import to just after. Two bundles are measured interleaved (A, B, A, B, …) so
 * that whatever else the machine does falls on both alike; the medians are compared.
 */

const run = promisify(execFile);

/** What Lambda and our stack set on a deployed function, so the modules take their deployed paths (X-Ray on). */
export const LAMBDA_ENV: Record<string, string> = {
  AWS_LAMBDA_FUNCTION_NAME: 'kur-bench',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_REGION: 'eu-north-1',
  AWS_DEFAULT_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  TABLE_NAME: 'kur-bench',
  MAIL_FROM: 'kur@example.se',
  FORM_URL: 'https://kur.example.se/',
  DOCUMENTS_BUCKET: 'kur-bench-documents',
  USER_POOL_ID: 'eu-north-1_bench',
  POWERTOOLS_SERVICE_NAME: 'kur-api',
  POWERTOOLS_METRICS_NAMESPACE: 'KurGrants/bench',
  PATH: process.env.PATH ?? '/usr/bin:/bin',
};

const RUNNER = `
const url = process.argv[2];
const started = performance.now();
await import(url);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms }));
`;

let runnerFile: string | undefined;

const runner = (dir: string): string => {
  if (!runnerFile) {
    mkdirSync(dir, { recursive: true });
    runnerFile = join(dir, 'init-runner.mjs');
    writeFileSync(runnerFile, RUNNER);
  }
  return runnerFile;
};

/** One fresh process importing the bundle: its module init in ms. */
export const initOnce = async (bundleFile: string, workDir: string): Promise<number> => {
  const { stdout } = await run(
    process.execPath,
    ['--enable-source-maps', runner(workDir), pathToFileURL(bundleFile).href],
    { env: LAMBDA_ENV, timeout: 30_000 },
  );
  return (JSON.parse(stdout) as { ms: number }).ms;
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export interface InitComparison {
  /** Median module init of A and of B, in ms. */
  a: number;
  b: number;
  /** a / b */
  ratio: number;
  runs: number;
}

/** Median init of A and B over `runs` interleaved fresh processes each. */
export const compareInit = async (
  a: string,
  b: string,
  runs: number,
  workDir: string,
): Promise<InitComparison> => {
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate who goes first, so neither always follows the other's disk cache warm-up.
    if (i % 2 === 0) {
      timesA.push(await initOnce(a, workDir));
      timesB.push(await initOnce(b, workDir));
    } else {
      timesB.push(await initOnce(b, workDir));
      timesA.push(await initOnce(a, workDir));
    }
  }
  const medianA = median(timesA);
  const medianB = median(timesB);
  return { a: medianA, b: medianB, ratio: medianA / medianB, runs };
};
