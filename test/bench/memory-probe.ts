/**
 * The local gateway's memory in a process of its own, as `npm start` runs it (the bench process
 * has seeded hundreds of thousands of items before and would measure its own leftovers): started,
 * preloaded, then GETs and POSTs of an application, with the live heap (after forced GC), the heap
 * V8 has reserved, and the process's resident memory after each phase. Run by memory.bench.ts with
 * a DynamoDB Local of the bench's own and the SES emulator in its environment; prints each phase's
 * point as one JSON line as soon as it is measured, so that the bench sees it progress (and stops
 * it when it does not).
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

register('../../infra/local/local-modules.mjs', import.meta.url);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface MemoryPoint {
  phase: string;
  /** Live heap after forced GC, MB. */
  heap: number;
  /** What V8 has reserved for its heap, MB. */
  heapReserved: number;
  /** Resident memory, MB: anonymous (heap, malloc) and file-backed (the node binary, ICU). */
  rssAnon: number;
  rssFile: number;
}

const statusMb = (field: string): number => {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return line ? Number.parseInt(line.slice(field.length + 1), 10) / 1024 : Number.NaN;
};

const measure = (phase: string) => {
  gc();
  gc();
  const { heapUsed, heapTotal } = process.memoryUsage();
  const point: MemoryPoint = {
    phase,
    heap: heapUsed / 2 ** 20,
    heapReserved: heapTotal / 2 ** 20,
    rssAnon: statusMb('RssAnon'),
    rssFile: statusMb('RssFile'),
  };
  process.stdout.write(`${JSON.stringify(point)}\n`);
};

const requests = Number(process.env.PROBE_REQUESTS ?? 2000);
const tableName = process.env.TABLE_NAME as string;
const endpoint = process.env.DYNAMODB_ENDPOINT as string;

measure('node and the imports of the probe');
const { ensureLocalTable } = await import('../../infra/local/create-table.ts');
await ensureLocalTable(endpoint, tableName);
const { startBenchGateway } = await import('./bench-gateway.ts');
const { applicationBody, areaBody, kur2Programme } = await import('../support/factories.ts');
const { gateway, admin, coordinator, coordinatorEmail, call, close } = await startBenchGateway({
  tableName,
  endpoint,
  sesEndpoint: process.env.SES_ENDPOINT as string,
  areaId: 'memory',
});
await gateway.preload();
measure('gateway started, every handler preloaded');

await call('PUT', '/programmes/kur-memory', admin, kur2Programme());
await call('PUT', '/areas/memory', admin, areaBody({ coordinatorEmails: [coordinatorEmail] }));
const body = applicationBody({ programmeId: 'kur-memory' });
const { id } = await call('POST', '/applications', coordinator, body);

for (let i = 0; i < requests; i++) await call('GET', `/applications/${id}`, coordinator);
measure(`after ${requests} GET /applications/{id}`);
for (let i = 0; i < requests; i++) await call('GET', `/applications/${id}`, coordinator);
measure(`after ${2 * requests} GETs`);
for (let i = 0; i < requests / 4; i++) await call('POST', '/applications', coordinator, body);
measure(`and ${requests / 4} POST /applications`);

await close();
process.exit(0);
