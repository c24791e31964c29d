import { fileURLToPath } from 'node:url';
import { type Engine, startDynamoDbLocal } from '../../infra/local/engines.ts';
import type { MemoryPoint } from './memory-probe.ts';
import { type BenchOptions, type BenchResult, fixed } from './report.ts';
import { type WatchedProcess, watchProcess } from './watched-process.ts';

export const name = 'Memory of the local gateway, in a process of its own';

const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
/** The probe's points: started, gateway ready, after the GETs, after more GETs, after the POSTs. */
const POINTS = 5;
/** Node and tsx start, then the gateway starts and preloads every handler: seconds, tens when busy. */
const READY_MS = 90_000;

/**
 * Two runs of the probe: Node's defaults, as `npm start` runs, and with V8's young generation
 * capped (`--max-semi-space-size=2`) and one malloc arena, to show what the growth under load is.
 * Each phase has to report in time (a few ms per request, so a minute plus 50 ms per request is
 * ample); a probe that goes silent fails the bench, naming the phase it reached.
 */
const probe = async (
  endpoint: string,
  requests: number,
  limited: boolean,
  running: { probe?: WatchedProcess },
): Promise<MemoryPoint[]> => {
  const child = watchProcess(process.execPath, ['--import', 'tsx', PROBE], {
    name: `The memory probe (${limited ? 'semi-space 2 MB' : 'defaults'})`,
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: endpoint,
      TABLE_NAME: `memory-${limited ? 'limited' : 'default'}`,
      PROBE_REQUESTS: String(requests),
      NODE_OPTIONS: limited ? '--max-semi-space-size=2' : '',
      ...(limited ? { MALLOC_ARENA_MAX: '1' } : {}),
    },
    silenceMs: (line) => (line < 2 ? READY_MS : 60_000 + 50 * requests),
  });
  running.probe = child;
  const points = (await child.lines).map((line) => JSON.parse(line) as MemoryPoint);
  if (points.length !== POINTS)
    throw new Error(`The memory probe reported ${points.length} phases instead of ${POINTS}`);
  return points;
};

/**
 * The probe gets a DynamoDB Local of its own, as `npm start` has: the bench's engine holds what the
 * benches before this one wrote (the reports bench: hundreds of thousands of items, each a stream
 * record), and DynamoDB Local then takes ~0.3 s of its one SQLite thread for every request to a
 * table made after them (it looks the table up, its stream's description included): in the quick
 * bench after the others the probe had not finished its first 1 000 GETs after five minutes. The
 * engine is stopped on any way out, an interrupted run's exit included (run.ts stops only its own).
 */
const withOwnDynamoDb = async <T>(
  use: (endpoint: string, running: { probe?: WatchedProcess }) => Promise<T>,
): Promise<T> => {
  const running: { probe?: WatchedProcess; engine?: Engine } = {};
  const onExit = () => {
    running.probe?.kill();
    void running.engine?.stop();
  };
  process.once('exit', onExit);
  try {
    running.engine = await startDynamoDbLocal();
    return await use(running.engine.endpoint, running);
  } finally {
    process.off('exit', onExit);
    running.probe?.kill();
    await running.engine?.stop();
  }
};

export const run = async ({ full }: BenchOptions): Promise<BenchResult> => {
  const requests = full ? 4000 : 1000;
  const [defaults, limited] = await withOwnDynamoDb(async (endpoint, running) => [
    await probe(endpoint, requests, false, running),
    await probe(endpoint, requests, true, running),
  ]);
  const rss = (p: MemoryPoint) => p.rssAnon + p.rssFile;
  const rows = defaults.map((p, i) => {
    const l = limited[i] as MemoryPoint;
    return [
      p.phase,
      fixed(p.heap, 0),
      fixed(p.heapReserved, 0),
      `${fixed(rss(p), 0)} (${fixed(p.rssFile, 0)} file)`,
      fixed(l.heapReserved, 0),
      fixed(rss(l), 0),
    ];
  });
  const started = defaults[1] as MemoryPoint;
  const firstGets = defaults[2] as MemoryPoint;
  const moreGets = defaults[3] as MemoryPoint;
  const last = defaults.at(-1) as MemoryPoint;
  const lastLimited = limited.at(-1) as MemoryPoint;
  const heapGrowth = last.heap - started.heap;
  return {
    title: name,
    headers: [
      'phase',
      'live heap MB',
      'V8 heap reserved MB',
      'RSS MB',
      'reserved, semi-space 2 MB',
      'RSS, semi-space 2 MB + one malloc arena',
    ],
    rows,
    targets: [
      {
        label: `no leak: the live heap grows by under 10 MB over ${2 * requests} GETs and ${requests / 4} POSTs (is ${fixed(heapGrowth, 1)} MB)`,
        met: heapGrowth < 10,
      },
    ],
    notes: [
      `The gateway runs as \`npm start\` runs it (every handler preloaded, tsx-compiled; the outbox drained after writes), in a child process, so that the bench process's own seeding is not counted; the SES emulator and a DynamoDB Local of its own run elsewhere. After start and preload it holds ${fixed(rss(started), 0)} MB resident, of which ${fixed(started.heap, 0)} MB live heap (every handler's module graph) and ${fixed(started.rssFile, 0)} MB the node binary's own pages.`,
      `Under load the resident memory grows by ${fixed(rss(firstGets) - rss(started), 0)} MB over the first ${requests} GETs and by ${fixed(rss(moreGets) - rss(firstGets), 0)} MB over the next ${requests}, while the live heap stays at ~${fixed(last.heap, 0)} MB: the requests leave nothing behind. What grows is the heap V8 reserves (${fixed(started.heapReserved, 0)} → ${fixed(last.heapReserved, 0)} MB: its young generation grows to the size this machine's memory allows, and is kept) and memory glibc keeps in per-thread arenas after freeing it. With the young generation capped at 2 MB and one malloc arena the same load ends at ${fixed(rss(lastLimited), 0)} MB. That is what the ~400–500 MB reported earlier was, plus the bench process's own leftovers from seeding 50 000 obligations before it measured.`,
    ],
  };
};
