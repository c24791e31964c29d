import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as runReport } from '../../functions/reports/run.ts';
import { handler as listRuns } from '../../functions/reports/runs.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { routes } from '../../shared/http/routes.ts';
import type { ApplicationBody } from '../../shared/schemas/application.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke, type TestCaller } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';

const at = (date: string, time = '12:00:00') => fixClock(new Date(`${date}T${time}+02:00`));
afterEach(() => fixClock(undefined));

const report = (body: unknown, caller: TestCaller = admin) =>
  invoke(runReport, routes.runReport, { caller, body });
const runs = (query: Record<string, string> = {}, caller: TestCaller = admin) =>
  invoke(listRuns, routes.listReportRuns, { caller, query });

type Activity = NonNullable<ApplicationBody['activities']>[number];
const [knowledge, plan] = applicationBody().activities as [Activity, Activity];
const knowledgeOnly = (overrides: Partial<ApplicationBody> = {}) =>
  applicationBody({
    title: 'Kunskapssatsning',
    activities: [knowledge],
    userInvolvement: { consulted: false },
    budget: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
    ...overrides,
  });
const planOnly = (overrides: Partial<ApplicationBody> = {}) =>
  applicationBody({
    title: 'Plan för samarbete',
    activities: [plan],
    budget: [{ year: 2015, category: 'processSupport', amount: 150_000 }],
    ...overrides,
  });

const requested = (body: ApplicationBody) => {
  const byYear: Record<string, number> = {};
  for (const line of body.budget ?? [])
    byYear[String(line.year)] = (byYear[String(line.year)] ?? 0) + line.amount;
  return byYear;
};

/** Created and submitted by the area's coordinator, then decided by head office (on 2014-06-01). */
const decided = async (
  areaId: string,
  body: ApplicationBody,
  outcome: 'approved' | 'rejected' | 'returned' = 'approved',
) => {
  at('2014-06-01');
  const coordinator = coordinatorOf(areaId);
  const created = await api.create(coordinator, body);
  expect((await api.submit(coordinator, created.body.id)).status).toBe(200);
  const decision = await api.decide(admin, created.body.id, {
    outcome,
    ...(outcome === 'approved' ? { grantedByYear: requested(body) } : { comment: 'Komplettera budgeten.' }),
  });
  expect(decision.status).toBe(200);
  return created.body.id as string;
};

const complete = async (areaId: string, id: string, on: string, body: unknown) => {
  at(on);
  const completed = await followUpApi.complete(coordinatorOf(areaId), id, body);
  expect(completed.status).toBe(200);
  return completed.body.followUps as { id: string; kind: string; dueOn: string }[];
};

beforeAll(async () => {
  at('2014-03-01');
  await api.putProgramme('kur2', kur2Programme());
  await api.putProgramme('kur3', kur2Programme({ name: 'KUR 3' }));
  await api.putArea('karlstad', areaBody({ name: 'LFC Karlstad', region: 'mitt' }));
  await api.putArea('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));
  await api.putArea('umea', areaBody({ name: 'LFC Umeå', region: 'nord' }));
  await api.putArea('malmo', areaBody({ name: 'LFC Malmö', region: 'syd' }));
});

describe('programme-summary', () => {
  beforeAll(async () => {
    const kur3 = { programmeId: 'kur3' };
    // Karlstad: two approved applications, one of each activity; only the second consulted users.
    const first = await decided(
      'karlstad',
      knowledgeOnly({
        ...kur3,
        budget: [
          { year: 2014, category: 'lecturer', amount: 100_000 },
          { year: 2015, category: 'lecturer', amount: 100_000 },
        ],
      }),
    );
    await decided('karlstad', planOnly({ ...kur3, userInvolvement: { consulted: true } }));
    // Malmö: knowledge approved; a plan that consulted users rejected.
    await decided('malmo', knowledgeOnly(kur3));
    await decided('malmo', planOnly({ ...kur3, userInvolvement: { consulted: true } }), 'rejected');
    // Luleå: one rejected, one returned (and never resubmitted); Umeå never applied.
    await decided('lulea', applicationBody(kur3), 'rejected');
    await decided('lulea', applicationBody(kur3), 'returned');
    // Karlstad's first application is completed: its costs are what was disbursed.
    await complete('karlstad', first, '2015-06-01', {
      activities: [{ type: 'knowledge', endedOn: '2015-05-20' }],
      costs: [
        { year: 2014, category: 'lecturer', amount: 80_000 },
        { year: 2015, category: 'lecturer', amount: 70_000 },
      ],
    });
  });

  it('counts an area with two applications once, with the union of their activities, and ignores rejected and returned ones', async () => {
    const answer = await report({ type: 'programme-summary', programmeId: 'kur3', asOf: '2016-01-01' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.body).toEqual({
      type: 'programme-summary',
      programmeId: 'kur3',
      asOf: '2016-01-01',
      areas: { total: 4, withApprovedApplication: 2 },
      byRegion: [
        { region: 'nord', areas: 2, withApprovedApplication: 0 },
        { region: 'syd', areas: 1, withApprovedApplication: 1 },
        { region: 'vast', areas: 0, withApprovedApplication: 0 },
        { region: 'mitt', areas: 1, withApprovedApplication: 1 },
        { region: 'stockholm', areas: 0, withApprovedApplication: 0 },
      ],
      activityMix: { knowledgeOnly: 1, collaborationPlanOnly: 0, both: 1 },
      userInvolvement: { consulted: 1, notConsulted: 1 },
      funds: [
        { year: 2014, appropriation: 10_000_000, granted: 200_000, disbursed: 80_000, repaid: 9_920_000 },
        { year: 2015, appropriation: 10_000_000, granted: 250_000, disbursed: 70_000, repaid: 9_930_000 },
      ],
      totals: { appropriation: 20_000_000, granted: 450_000, disbursed: 150_000, repaid: 19_850_000 },
    });
  });

  it('repays a year only once it has ended by asOf, and takes today by the clock when asOf is left out', async () => {
    const midway = await report({ type: 'programme-summary', programmeId: 'kur3', asOf: '2015-06-30' });
    expect(midway.body.funds.map((f: { repaid: number | null }) => f.repaid)).toEqual([9_920_000, null]);
    expect(midway.body.totals.repaid).toBe(9_920_000);
    const lastDay = await report({ type: 'programme-summary', programmeId: 'kur3', asOf: '2015-12-31' });
    expect(lastDay.body.funds[1].repaid).toBeNull();

    // 00:30 on New Year's Day in Stockholm, still 31 December in UTC: today is Stockholm's day.
    fixClock(new Date('2014-12-31T23:30:00Z'));
    const today = await report({ type: 'programme-summary', programmeId: 'kur3' });
    expect(today.body.asOf).toBe('2015-01-01');
    expect(today.body.funds.map((f: { repaid: number | null }) => f.repaid)).toEqual([9_920_000, null]);
  });

  it('answers the funds and regions as CSV files that parse back to the JSON figures', async () => {
    const asOf = '2015-06-30';
    const json = (await report({ type: 'programme-summary', programmeId: 'kur3', asOf })).body;
    const funds = await report({ type: 'programme-summary', programmeId: 'kur3', asOf, format: 'csv' });
    expect(funds.status).toBe(200);
    expect(funds.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(funds.headers['content-disposition']).toBe(
      'attachment; filename="kur3-programsammanstallning-medel-per-ar-2015-06-30.csv"; ' +
        `filename*=UTF-8''${encodeURIComponent('kur3-programsammanställning-medel-per-år-2015-06-30.csv')}`,
    );
    expect([...Buffer.from(funds.body, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const fundRows = parse(funds.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(fundRows).toEqual(
      json.funds.map((f: Record<string, number | null>) => ({
        År: String(f.year),
        Anslag: String(f.appropriation),
        Beviljat: String(f.granted),
        Utbetalt: String(f.disbursed),
        Återbetalt: f.repaid === null ? '' : String(f.repaid),
      })),
    );

    const regions = await report({
      type: 'programme-summary',
      programmeId: 'kur3',
      asOf,
      format: 'csv',
      table: 'byRegion',
    });
    expect(regions.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('kur3-programsammanställning-områden-per-region-2015-06-30.csv')}`,
    );
    const regionRows = parse(regions.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    const names: Record<string, string> = {
      nord: 'Nord',
      syd: 'Syd',
      vast: 'Väst',
      mitt: 'Mitt',
      stockholm: 'Stockholm',
    };
    expect(regionRows).toEqual(
      json.byRegion.map((r: { region: string; areas: number; withApprovedApplication: number }) => ({
        Region: names[r.region],
        Områden: String(r.areas),
        'Med beviljad ansökan': String(r.withApprovedApplication),
      })),
    );
  });
});

describe('follow-up-status', () => {
  beforeAll(async () => {
    // Karlstad: knowledge only, ended 31 March → competence plan due 30 June, handed in 3 July (3 days late).
    const a = await decided('karlstad', knowledgeOnly({ title: 'Gemensam grund i Värmland' }));
    const [competence] = await complete('karlstad', a, '2015-04-02', {
      activities: [{ type: 'knowledge', endedOn: '2015-03-31' }],
      costs: [{ year: 2014, category: 'lecturer', amount: 90_000 }],
    });
    // Luleå: both; the plan, due the day it ended (31 May), is handed in that day; the six-month follow-up is still to come.
    const b = await decided('lulea', applicationBody({ title: 'Samverkan i Norrbotten' }));
    const [lulePlan] = await complete('lulea', b, '2015-05-31', {
      activities: [
        { type: 'knowledge', endedOn: '2015-05-15' },
        { type: 'collaborationPlan', endedOn: '2015-05-31' },
      ],
      costs: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
    });
    expect(lulePlan).toMatchObject({ kind: 'collaborationPlan', dueOn: '2015-05-31' });
    expect(
      (
        await followUpApi.submit(coordinatorOf('lulea'), lulePlan?.id ?? '', {
          summary: 'Planen är antagen.',
        })
      ).status,
    ).toBe(200);
    // Malmö: knowledge only, ended 28 February → competence plan due 28 May, never handed in.
    const c = await decided('malmo', knowledgeOnly({ title: 'Kunskap i Skåne' }));
    await complete('malmo', c, '2015-03-01', {
      activities: [{ type: 'knowledge', endedOn: '2015-02-28' }],
      costs: [{ year: 2014, category: 'lecturer', amount: 50_000 }],
    });
    // Umeå: plan only, ended 30 April; the plan is waived on 5 May, the six-month follow-up is due 30 October.
    const d = await decided('umea', planOnly({ title: 'Plan för Västerbotten' }));
    const [umePlan] = await complete('umea', d, '2015-04-30', {
      activities: [{ type: 'collaborationPlan', endedOn: '2015-04-30' }],
      costs: [{ year: 2015, category: 'processSupport', amount: 150_000 }],
    });
    at('2015-05-05');
    expect(
      (await followUpApi.waive(admin, umePlan?.id ?? '', { reason: 'Området slogs ihop med Skellefteå.' }))
        .status,
    ).toBe(200);
    at('2015-07-03');
    expect(
      (await followUpApi.submit(coordinatorOf('karlstad'), competence?.id ?? '', { summary: 'Klar.' }))
        .status,
    ).toBe(200);
  });

  it('counts on time, late, overdue, pending and waived on a hand-checked set', async () => {
    const answer = await report({ type: 'follow-up-status', programmeId: 'kur2', asOf: '2015-07-03' });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({ onTime: 1, late: 1, overdue: 1, pending: 2, waived: 1 });
    const rows = answer.body.rows.map((r: Record<string, unknown>) => [
      r.areaName,
      r.region,
      r.applicationTitle,
      r.kind,
      r.dueOn,
      r.status,
      r.submittedOn ?? null,
      r.daysLate,
    ]);
    // By due date.
    expect(rows).toEqual([
      ['LFC Umeå', 'nord', 'Plan för Västerbotten', 'collaborationPlan', '2015-04-30', 'waived', null, 0],
      ['LFC Malmö', 'syd', 'Kunskap i Skåne', 'competencePlan', '2015-05-28', 'pending', null, 36],
      [
        'LFC Luleå',
        'nord',
        'Samverkan i Norrbotten',
        'collaborationPlan',
        '2015-05-31',
        'submitted',
        '2015-05-31',
        0,
      ],
      [
        'LFC Karlstad',
        'mitt',
        'Gemensam grund i Värmland',
        'competencePlan',
        '2015-06-30',
        'submitted',
        '2015-07-03',
        3,
      ],
      ['LFC Umeå', 'nord', 'Plan för Västerbotten', 'sixMonthFollowUp', '2015-10-30', 'pending', null, 0],
      ['LFC Luleå', 'nord', 'Samverkan i Norrbotten', 'sixMonthFollowUp', '2015-11-30', 'pending', null, 0],
    ]);
    expect(answer.body.rows[3]).toEqual({
      followUpId: expect.any(String),
      applicationId: expect.any(String),
      applicationTitle: 'Gemensam grund i Värmland',
      areaId: 'karlstad',
      areaName: 'LFC Karlstad',
      region: 'mitt',
      kind: 'competencePlan',
      dueOn: '2015-06-30',
      status: 'submitted',
      submittedOn: '2015-07-03',
      daysLate: 3,
      goals: [],
    });
  });

  it('judges by asOf: before the late submission the plan was overdue', async () => {
    const answer = await report({ type: 'follow-up-status', programmeId: 'kur2', asOf: '2015-07-01' });
    expect(answer.body.counts).toEqual({ onTime: 1, late: 0, overdue: 2, pending: 2, waived: 1 });
    expect(answer.body.rows[3]).toMatchObject({ status: 'pending', daysLate: 1 });
    expect(answer.body.rows[3]).not.toHaveProperty('submittedOn');
  });

  it('answers the rows as a CSV file with Swedish headers that parses back to the JSON', async () => {
    const asOf = '2015-07-03';
    const json = (await report({ type: 'follow-up-status', programmeId: 'kur2', asOf })).body;
    const csv = await report({ type: 'follow-up-status', programmeId: 'kur2', asOf, format: 'csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="kur2-uppfoljningsstatus-2015-07-03.csv"; ' +
        `filename*=UTF-8''${encodeURIComponent('kur2-uppföljningsstatus-2015-07-03.csv')}`,
    );
    const bytes = Buffer.from(csv.body, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // å, ä, ö travel as UTF-8, not as a legacy code page.
    expect(bytes.includes(Buffer.from('Område', 'utf8'))).toBe(true);
    // Semicolons: what Swedish Excel splits a double-clicked file on.
    expect(csv.body.slice(1, csv.body.indexOf('\r\n'))).toBe(
      'Område;Region;Ansökan;Uppföljning;Sista dag;Status;Inlämnad;Dagar efter sista dag;Mål och utfall',
    );
    const [header] = parse(csv.body, { bom: true, delimiter: ';', to_line: 1 }) as string[][];
    expect(header).toEqual([
      'Område',
      'Region',
      'Ansökan',
      'Uppföljning',
      'Sista dag',
      'Status',
      'Inlämnad',
      'Dagar efter sista dag',
      'Mål och utfall',
    ]);
    const parsed = parse(csv.body, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const kinds: Record<string, string> = {
      collaborationPlan: 'Plan för samarbete',
      sixMonthFollowUp: 'Uppföljning efter sex månader',
      competencePlan: 'Kompetensutvecklingsplan',
    };
    const statuses: Record<string, string> = {
      pending: 'Inte inlämnad',
      submitted: 'Inlämnad',
      waived: 'Struken',
    };
    const regions: Record<string, string> = { nord: 'Nord', syd: 'Syd', mitt: 'Mitt' };
    expect(parsed).toEqual(
      json.rows.map((r: Record<string, any>) => ({
        Område: r.areaName,
        Region: regions[r.region],
        Ansökan: r.applicationTitle,
        Uppföljning: kinds[r.kind],
        'Sista dag': r.dueOn,
        Status: statuses[r.status],
        Inlämnad: r.submittedOn ?? '',
        'Dagar efter sista dag': String(r.daysLate),
        // These applications state no goals.
        'Mål och utfall': '',
      })),
    );
  });
});

describe('bad requests', () => {
  const problem = (answer: { status: number; headers: Record<string, string>; body: any }) => ({
    status: answer.status,
    type: answer.headers['content-type'],
    code: answer.body.code,
    paths: (answer.body.errors ?? []).map((e: { path: string }) => e.path),
  });
  const PROBLEM = 'application/problem+json; charset=utf-8';

  it('refuses an unknown type, a malformed asOf, an unknown table and unknown fields with 400s naming them', async () => {
    expect(problem(await report({ type: 'budget-forecast', programmeId: 'kur2' }))).toEqual({
      status: 400,
      type: PROBLEM,
      code: 'validation-failed',
      paths: ['type'],
    });
    for (const asOf of ['2015-13-01', '15-07-03', '2015-02-30', 20150703]) {
      expect(problem(await report({ type: 'programme-summary', programmeId: 'kur2', asOf }))).toMatchObject({
        status: 400,
        paths: ['asOf'],
      });
    }
    expect(
      problem(await report({ type: 'programme-summary', programmeId: 'kur2', format: 'csv', table: 'rows' })),
    ).toMatchObject({ status: 400, code: 'validation-failed', paths: ['table'] });
    expect(
      problem(
        await report({ type: 'follow-up-status', programmeId: 'kur2', format: 'csv', table: 'everything' }),
      ),
    ).toMatchObject({ status: 400, paths: ['table'] });
    expect(
      problem(await report({ type: 'programme-summary', programmeId: 'kur2', format: 'xlsx' })),
    ).toMatchObject({
      status: 400,
      paths: ['format'],
    });
    expect(problem(await report({ type: 'programme-summary', programmeId: 'kur2', extra: 1 }))).toMatchObject(
      {
        status: 400,
        paths: ['extra'],
      },
    );
    expect(problem(await report({}))).toMatchObject({ status: 400, paths: ['type', 'programmeId'] });
  });

  it('answers 404 for an unknown programme, 403 for a coordinator, 401 without a token', async () => {
    for (const type of ['programme-summary', 'follow-up-status']) {
      expect(problem(await report({ type, programmeId: 'kur9' }))).toMatchObject({
        status: 404,
        type: PROBLEM,
        code: 'not-found',
      });
    }
    expect(
      problem(await report({ type: 'programme-summary', programmeId: 'kur2' }, coordinatorOf('karlstad'))),
    ).toMatchObject({ status: 403, code: 'forbidden' });
    expect(
      (
        await invoke(runReport, routes.runReport, {
          body: { type: 'programme-summary', programmeId: 'kur2' },
        })
      ).status,
    ).toBe(401);
    expect((await runs({}, coordinatorOf('karlstad'))).status).toBe(403);
  });
});

describe('the audit of report runs', () => {
  it('records who ran which report when, lists them newest first and pages them; refused requests leave no trace', async () => {
    const before = new Set((await runs({ limit: '100' })).body.items.map((r: { id: string }) => r.id));
    const anna = { ...admin, email: 'anna.admin@forsakringskassan.se' };
    const olle = { role: 'admin', email: 'olle.admin@forsakringskassan.se', sub: 'admin-2' };
    at('2016-02-15', '09:00:00');
    await report({ type: 'programme-summary', programmeId: 'kur2', asOf: '2016-02-15', format: 'csv' }, anna);
    at('2016-02-15', '09:05:00');
    await report({ type: 'follow-up-status', programmeId: 'kur2' }, olle);
    await report({ type: 'follow-up-status', programmeId: 'kur9' }, olle);
    await report({ type: 'follow-up-status', programmeId: 'kur2', asOf: 'igår' }, olle);

    const all = (await runs({ limit: '100' })).body.items as { id: string; at: string }[];
    const times = all.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.filter((r) => !before.has(r.id))).toEqual([
      {
        id: expect.any(String),
        at: '2016-02-15T07:05:00.000Z',
        actor: 'olle.admin@forsakringskassan.se',
        type: 'follow-up-status',
        programmeId: 'kur2',
        asOf: '2016-02-15',
        format: 'json',
      },
      {
        id: expect.any(String),
        at: '2016-02-15T07:00:00.000Z',
        actor: 'anna.admin@forsakringskassan.se',
        type: 'programme-summary',
        programmeId: 'kur2',
        asOf: '2016-02-15',
        format: 'csv',
        table: 'funds',
      },
    ]);

    const paged: unknown[] = [];
    let nextToken: string | undefined;
    do {
      const page = await runs({ limit: '3', ...(nextToken ? { nextToken } : {}) });
      expect(page.status).toBe(200);
      paged.push(...page.body.items);
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(paged).toEqual(all);
    const first = await runs({ limit: '1' });
    expect((await runs({ limit: '1', nextToken: first.body.nextToken }, olle)).status).toBe(400);
    expect((await runs({ limit: '0' })).status).toBe(400);
  });
});
