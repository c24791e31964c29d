import { join } from 'node:path';
import { bundleDefinesFor } from '../../infra/bundle-defines.ts';
import { routeList } from '../../shared/http/routes.ts';
import { type Baseline, type Bundle, bundleFunction, bundleMinimal } from './bundles.ts';
import { compareInit, type InitComparison } from './init-time.ts';
import { type BenchOptions, type BenchResult, fixed, kb } from './report.ts';

export const name = 'Cold-start proxies: bundle bytes and module init against a minimal handler';

/** The functions that are not routes (the mailer, the reminder job, SES feedback). */
const JOBS = ['mailer/stream', 'mailer/sweep', 'mailer/feedback', 'reminders/run', 'areas/calendar-rotate'];

/** Quick mode times these (the largest API function, a read, the mailer, the job); --full times every function. */
const QUICK_TIMED = ['applications/decide', 'applications/get', 'mailer/stream', 'reminders/run'];

const INIT_TARGET = 1.3;
const BYTES_OVER_TARGET = 200 * 1024;

/** A few at a time: esbuild uses every core for each build already. */
const inBatches = async <T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
};

export const run = async ({ full, workDir }: BenchOptions): Promise<BenchResult> => {
  const dir = join(workDir, 'bundles');
  const routeFns = [...new Set(routeList.map((route) => route.fn))];
  const fns = [...new Set([...routeFns, ...JOBS])].sort();
  const bundles = new Map<string, Bundle>(
    await inBatches(fns, 4, async (fn) => {
      const built = await bundleFunction(fn, dir, bundleDefinesFor(fn));
      return [fn, built] as const;
    }),
  );
  const minimals = new Map<string, Bundle>();
  const minimalFor = async (packages: string[], baseline: Baseline = 'stack') => {
    const key = `${baseline}:${packages.join('+')}`;
    let minimal = minimals.get(key);
    if (!minimal) {
      minimal = await bundleMinimal(packages, dir, baseline);
      minimals.set(key, minimal);
    }
    return minimal;
  };

  const timed = full ? fns : QUICK_TIMED.filter((fn) => bundles.has(fn));
  const runs = full ? 30 : 9;
  const inits = new Map<string, InitComparison>();
  for (const fn of timed) {
    const bundle = bundles.get(fn) as Bundle;
    inits.set(fn, await compareInit(bundle.file, (await minimalFor(bundle.sdkPackages)).file, runs, workDir));
  }

  const floorPackages = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];
  const floorBytes = {
    stack: (await minimalFor(floorPackages)).bytes,
    bare: (await minimalFor(floorPackages, 'bare')).bytes,
  };
  const rows: (string | number)[][] = [];
  const targets: BenchResult['targets'] = [];
  let bytesMet = 0;
  for (const fn of fns) {
    const bundle = bundles.get(fn) as Bundle;
    const minimal = await minimalFor(bundle.sdkPackages);
    const bare = await minimalFor(bundle.sdkPackages, 'bare');
    const over = bundle.bytes - minimal.bytes;
    const init = inits.get(fn);
    const heaviest = bundle.byPackage
      .filter((p) => !p.name.startsWith('@aws-sdk/') && !p.name.startsWith('@smithy/'))
      .slice(0, 3)
      .map((p) => `${p.name} ${kb(p.bytes)}`)
      .join(', ');
    if (over <= BYTES_OVER_TARGET) bytesMet++;
    rows.push([
      fn,
      kb(bundle.bytes),
      kb(bundle.sdkBytes),
      kb(bundle.bytes - bundle.sdkBytes),
      `${over >= 0 ? '+' : ''}${kb(over)}`,
      `+${kb(bundle.bytes - bare.bytes)}`,
      init ? `${fixed(init.a, 0)} / ${fixed(init.b, 0)} ms` : '–',
      init ? `${fixed(init.ratio)}×` : '–',
      heaviest,
    ]);
    if (init)
      targets.push({ label: `${fn}: init ≤ ${INIT_TARGET}× minimal`, met: init.ratio <= INIT_TARGET });
  }
  targets.push({
    label: `bytes ≤ minimal + ${kb(BYTES_OVER_TARGET)}: ${bytesMet} of ${fns.length} functions`,
    met: bytesMet === fns.length,
  });
  return {
    title: name,
    headers: [
      'function',
      'bundle',
      'AWS SDK',
      'rest',
      'over minimal',
      'over SDK only',
      'init (ours / minimal, median)',
      'init ratio',
      'heaviest non-SDK parts',
    ],
    rows,
    targets,
    notes: [
      'Bundled with FUNCTION_BUNDLING (infra/constructs/kur-function.ts), the settings CDK deploys. The minimal handler builds the same AWS SDK clients, captured by the Tracer, and answers at once through middy with the shared observability middlewares (Powertools logger, tracer, metrics): the floor every function of this stack stands on, since the stack decides middy and Powertools for all. "Over SDK only" compares with a handler that has the clients and nothing else.',
      `The stack's floor itself weighs ${kb(floorBytes.stack - floorBytes.bare)} over the SDK-only handler (DynamoDB document client), mostly the Tracer's aws-xray-sdk-core. (Issue 16 found applications/decide +228 KB over a minimal handler: the same as this bench measured against the floor, +230 KB, before zod/mini and the Temporal polyfill's removal; against the SDK-only handler it was +390 KB.)`,
      `Module init: median of ${runs} fresh \`node --enable-source-maps\` processes per bundle, ours and the minimal one interleaved, in Lambda's environment variables (X-Ray on)${full ? '' : '; quick mode times four functions, `--full` all of them with 30 runs'}.`,
    ],
  };
};
