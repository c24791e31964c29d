import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';

// Before any handler is imported: Powertools disables metrics under POWERTOOLS_DEV (set for every
// test file) unless told otherwise, and takes the namespace and service from the environment, as
// KurFunction sets them deployed. Under POWERTOOLS_DEV the EMF lines go to the global console.
vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'KurGrants/test';
  process.env.POWERTOOLS_SERVICE_NAME = 'kur-api';
});

import { fixClock } from '../../infra/local/clock.ts';
import { METRIC } from '../../shared/metric-names.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBody } from '../support/factories.ts';
import { submittedApplication } from '../support/submitted-application.ts';

/** One CloudWatch embedded-metric-format line, as far as these tests read it. */
interface Emf {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  service: string;
  [metric: string]: unknown;
}

let log: MockInstance<typeof console.log>;

/** The EMF lines the handlers printed since the spy was (re)set. */
const emitted = (): Emf[] =>
  log.mock.calls
    .map(([line]) => (typeof line === 'string' ? line : ''))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);

/** The value of `name` over every EMF line (values of one metric in one line add up). */
const total = (lines: Emf[], name: string): number =>
  lines
    .filter((line) => line._aws.CloudWatchMetrics[0]?.Metrics.some((metric) => metric.Name === name))
    .flatMap((line) => [line[name]].flat() as number[])
    .reduce((sum, value) => sum + value, 0);

/** Forgets what was printed so far: what follows is the step under test. */
const watch = () => log.mockClear();

beforeAll(async () => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  fixClock(new Date('2014-06-01T12:00:00+02:00'));
  await api.putProgramme('kur2');
  await api.putArea('karlstad', areaBody({ name: 'LFC Karlstad' }));
});

afterAll(() => {
  log.mockRestore();
  fixClock(undefined);
});

describe('business metrics (Powertools EMF in the function log)', () => {
  it('a submit emits ApplicationSubmitted 1 in the stage namespace with the service dimension', async () => {
    const caller = coordinatorOf('karlstad');
    const created = await api.create(caller, applicationBody({ programmeId: 'kur2' }));
    watch();
    expect((await api.submit(caller, created.body.id)).status).toBe(200);

    const lines = emitted();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'KurGrants/test',
      Dimensions: [['service']],
      Metrics: [{ Name: METRIC.applicationSubmitted, Unit: 'Count' }],
    });
    expect(line?.service).toBe('kur-api');
    expect(line?.[METRIC.applicationSubmitted]).toBe(1);
  });

  it('an approval emits ApplicationApproved 1 and the SEK granted over all years', async () => {
    const id = await submittedApplication('kur2', 'karlstad', 150_000);
    watch();
    const approved = await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 140_000 } });
    expect(approved.status).toBe(200);

    const lines = emitted();
    expect(total(lines, METRIC.applicationApproved)).toBe(1);
    expect(total(lines, METRIC.sekGranted)).toBe(140_000);
    expect(total(lines, METRIC.applicationSubmitted)).toBe(0);
  });

  it('a rejection, a refused decision and a read count nothing and print no metrics line', async () => {
    const id = await submittedApplication('kur2', 'karlstad', 50_000);
    watch();
    expect((await api.decide(admin, id, { outcome: 'rejected', comment: 'Utanför ramen' })).status).toBe(200);
    expect((await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 1 } })).status).toBe(
      409,
    );
    expect((await api.get(admin, id)).status).toBe(200);

    const lines = emitted();
    expect(total(lines, METRIC.applicationApproved)).toBe(0);
    expect(total(lines, METRIC.sekGranted)).toBe(0);
    expect(lines).toHaveLength(0);
  });

  it('the reminder job emits its heartbeat when a run succeeds', async () => {
    watch();
    await followUpApi.runReminders();
    expect(total(emitted(), METRIC.reminderJobSucceeded)).toBe(1);
  });
});
