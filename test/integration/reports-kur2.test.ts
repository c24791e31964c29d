import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationBody } from '../../shared/schemas/application.ts';
import { applicationBody, kur2Programme } from '../support/factories.ts';
import { type LocalStack, startLocalStack } from '../support/local-stack.ts';

/**
 * KUR 2's final report to the ministry (seed 002_…, "Genomförande" and "Medel"), reproduced
 * through the HTTP API of the local stack, as the people involved would: head office sets up the
 * programme and the 45 areas, each area's coordinator applies and submits, head office decides in
 * 2014, the coordinators report completion with their actual costs, and head office runs the report.
 *
 * What the seed says: 34 of 45 areas were granted money — 7 in Nord, 6 in Syd, 5 in Väst, 8 in Mitt,
 * 8 in Stockholm; 11 areas did a knowledge initiative only, 5 a collaboration plan only, 18 both;
 * 16 of the 34 involved user organisations in the planning; of 2014's 10 MSEK 7 241 876 was
 * repaid, of 2015's 1 217 110. The seeds do not give the areas per region; 9 in each is assumed
 * (API.md's example has Nord 9). What was granted is not in the seed either: API.md's example
 * figures are used (3 400 000 for 2014, 9 500 000 for 2015).
 */

const REGIONS = {
  nord: [
    'Luleå',
    'Umeå',
    'Skellefteå',
    'Kiruna',
    'Östersund',
    'Sundsvall',
    'Örnsköldsvik',
    'Sollefteå',
    'Härnösand',
  ],
  syd: ['Malmö', 'Helsingborg', 'Lund', 'Kristianstad', 'Karlskrona', 'Kalmar', 'Växjö', 'Halmstad', 'Ystad'],
  vast: [
    'Göteborg Centrum',
    'Hisingen',
    'Borås',
    'Trollhättan',
    'Uddevalla',
    'Skövde',
    'Varberg',
    'Lidköping',
    'Kungälv',
  ],
  mitt: ['Karlstad', 'Örebro', 'Västerås', 'Uppsala', 'Gävle', 'Falun', 'Bollnäs', 'Fagersta', 'Karlskoga'],
  stockholm: [
    'Stockholm City',
    'Södermalm',
    'Solna',
    'Sundbyberg',
    'Huddinge',
    'Södertälje',
    'Nacka',
    'Täby',
    'Norrtälje',
  ],
} as const;
type Region = keyof typeof REGIONS;
const APPROVED_PER_REGION: Record<Region, number> = { nord: 7, syd: 6, vast: 5, mitt: 8, stockholm: 8 };

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

const areas = Object.entries(REGIONS).flatMap(([region, names]) =>
  names.map((name, index) => ({
    id: slug(name),
    name: `LFC ${name}`,
    region: region as Region,
    approved: index < APPROVED_PER_REGION[region as Region],
  })),
);
const approvedAreas = areas.filter((a) => a.approved);
const otherAreas = areas.filter((a) => !a.approved);

type Kind = 'knowledge' | 'collaborationPlan' | 'both';
interface Planned {
  areaId: string;
  kinds: Kind;
  consulted: boolean;
  granted: { 2014: number; 2015: number };
}

/**
 * The approved applications, one per area but one area with two (a knowledge initiative and a
 * plan: "both" by union). The first 11 areas did knowledge only, the next 5 a plan only, the last
 * 18 both; areas i with (7·i mod 34) < 16 consulted users — 16 of them, spread over the mix.
 */
const planned: Planned[] = approvedAreas.flatMap((area, i): Planned[] => {
  const kinds: Kind = i < 11 ? 'knowledge' : i < 16 ? 'collaborationPlan' : 'both';
  const consulted = (7 * i) % 34 < 16;
  const granted = { 2014: 100_000, 2015: i === approvedAreas.length - 1 ? 260_000 : 280_000 };
  if (i !== 16) return [{ areaId: area.id, kinds, consulted, granted }];
  return [
    { areaId: area.id, kinds: 'knowledge', consulted: false, granted: { 2014: 60_000, 2015: 140_000 } },
    { areaId: area.id, kinds: 'collaborationPlan', consulted, granted: { 2014: 40_000, 2015: 140_000 } },
  ];
});

/** What the areas spent, shared out in proportion to their grants so that the years sum to the seed's figures. */
const DISBURSED = { 2014: 2_758_124, 2015: 8_782_890 } as const;
const costsOf = (() => {
  const shares = planned.map(() => ({ 2014: 0, 2015: 0 }));
  for (const year of [2014, 2015] as const) {
    const total = planned.reduce((sum, p) => sum + p.granted[year], 0);
    planned.forEach((p, i) => {
      (shares[i] as { 2014: number; 2015: number })[year] = Math.floor(
        (DISBURSED[year] * p.granted[year]) / total,
      );
    });
    const rest = DISBURSED[year] - shares.reduce((sum, s) => sum + s[year], 0);
    (shares[0] as { 2014: number; 2015: number })[year] += rest;
  }
  return shares;
})();

const [KNOWLEDGE, PLAN] = applicationBody().activities as [
  NonNullable<ApplicationBody['activities']>[number],
  NonNullable<ApplicationBody['activities']>[number],
];
const CATEGORY = { knowledge: 'lecturer', collaborationPlan: 'processSupport', both: 'lecturer' } as const;

const body = (areaId: string, kinds: Kind, consulted: boolean, request: { 2014: number; 2015: number }) =>
  applicationBody({
    title: `KUR 2 i ${areas.find((a) => a.id === areaId)?.name.replace('LFC ', '')}`,
    activities: kinds === 'both' ? [KNOWLEDGE, PLAN] : kinds === 'knowledge' ? [KNOWLEDGE] : [PLAN],
    userInvolvement: consulted ? { consulted: true, organisations: ['RSMH'] } : { consulted: false },
    budget: ([2014, 2015] as const)
      .filter((year) => request[year] > 0)
      .map((year) => ({
        year,
        category: CATEGORY[kinds],
        description: 'Föreläsare och processtöd',
        amount: request[year],
      })),
  });

let stack: LocalStack;
let adminToken: string;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
  bytes: Buffer;
}

const call = async (
  method: string,
  path: string,
  token: string | undefined,
  payload?: unknown,
): Promise<Answer> => {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    body: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : bytes.toString('utf8'),
  };
};

const ok = async (answer: Promise<Answer>, status = 200) => {
  const a = await answer;
  expect(a.status, JSON.stringify(a.body)).toBe(status);
  return a.body;
};

const setClock = (date: string) => ok(call('PUT', '/local/clock', undefined, { now: date }));

/** Runs the steps a few at a time, as a handful of people working at once would. */
const inBatches = async <T>(items: readonly T[], step: (item: T) => Promise<unknown>, size = 8) => {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(step));
};

const coordinatorTokens = new Map<string, string>();
const coordinator = (areaId: string) => coordinatorTokens.get(areaId) as string;

/** A coordinator drafts and submits; returns the application id. */
const applyFor = async (areaId: string, application: ApplicationBody, submit = true) => {
  const created = await ok(call('POST', '/applications', coordinator(areaId), application), 201);
  if (submit) await ok(call('POST', `/applications/${created.id}/submit`, coordinator(areaId)));
  return created.id as string;
};

const decide = (id: string, decision: unknown) =>
  ok(call('POST', `/applications/${id}/decision`, adminToken, decision));

beforeAll(async () => {
  // E-mails are not what this file is about: they stay in the outbox instead of going to the run's SES emulator.
  stack = await startLocalStack({ drainOutbox: false });
  adminToken = await stack.token('admin', { email: 'projektledning@forsakringskassan.se' });
  for (const area of areas) {
    coordinatorTokens.set(
      area.id,
      await stack.token('coordinator', {
        areaId: area.id,
        email: `samverkan.${area.id}@forsakringskassan.se`,
      }),
    );
  }

  // Head office sets up KUR 2 and the 45 areas.
  await setClock('2014-02-01');
  await ok(call('PUT', '/programmes/kur2', adminToken, kur2Programme()), 201);
  await inBatches(areas, (area) =>
    ok(
      call('PUT', `/areas/${area.id}`, adminToken, {
        name: area.name,
        region: area.region,
        coordinatorEmails: [`samverkan.${area.id}@forsakringskassan.se`],
        managerEmail: `omradeschef.${area.id}@forsakringskassan.se`,
      }),
      201,
    ),
  );

  // Spring 2014: the areas apply; in the autumn head office decides (2014 and 2015 money, in 2014).
  await setClock('2014-04-15');
  const ids = new Map<Planned, string>();
  await inBatches(planned, async (p) => {
    ids.set(p, await applyFor(p.areaId, body(p.areaId, p.kinds, p.consulted, p.granted)));
  });
  const [rejectedA, rejectedB, returned, draftOnly, undecided] = otherAreas;
  const turnedDown = await Promise.all([
    applyFor(rejectedA?.id ?? '', body(rejectedA?.id ?? '', 'both', true, { 2014: 200_000, 2015: 300_000 })),
    applyFor(rejectedB?.id ?? '', body(rejectedB?.id ?? '', 'knowledge', true, { 2014: 0, 2015: 250_000 })),
    // A knowledge-only area that also asked for a plan, and was refused it: still knowledge only.
    applyFor(
      approvedAreas[0]?.id ?? '',
      body(approvedAreas[0]?.id ?? '', 'collaborationPlan', true, { 2014: 0, 2015: 50_000 }),
    ),
  ]);
  const sentBack = await applyFor(
    returned?.id ?? '',
    body(returned?.id ?? '', 'both', true, { 2014: 100_000, 2015: 100_000 }),
  );
  await applyFor(
    draftOnly?.id ?? '',
    body(draftOnly?.id ?? '', 'both', true, { 2014: 50_000, 2015: 50_000 }),
    false,
  );
  await applyFor(
    undecided?.id ?? '',
    body(undecided?.id ?? '', 'knowledge', false, { 2014: 0, 2015: 90_000 }),
  );

  await setClock('2014-10-01');
  await inBatches(planned, (p) =>
    decide(ids.get(p) ?? '', {
      outcome: 'approved',
      grantedByYear: Object.fromEntries(Object.entries(p.granted).filter(([, amount]) => amount > 0)),
    }),
  );
  await inBatches(turnedDown, (id) =>
    decide(id, { outcome: 'rejected', comment: 'Ansökan uppfyller inte kraven.' }),
  );
  await decide(sentBack, { outcome: 'returned', comment: 'Komplettera med en budget per år.' });

  // January 2016: the activities have ended; the coordinators report what they spent.
  await setClock('2016-01-20');
  await inBatches(planned, (p) => {
    const cost = costsOf[planned.indexOf(p)] as { 2014: number; 2015: number };
    const types = p.kinds === 'both' ? (['knowledge', 'collaborationPlan'] as const) : [p.kinds];
    return ok(
      call('POST', `/applications/${ids.get(p)}/completion`, coordinator(p.areaId), {
        activities: types.map((type) => ({ type, endedOn: '2015-12-15' })),
        costs: ([2014, 2015] as const)
          .filter((year) => cost[year] > 0)
          .map((year) => ({ year, category: CATEGORY[p.kinds], amount: cost[year] })),
      }),
    );
  });
}, 120_000);
afterAll(() => stack?.stop());

const report = (payload: unknown, token = adminToken) => call('POST', '/reports', token, payload);

describe('KUR 2 through the API', () => {
  it('reproduces the final report to the ministry', async () => {
    const answer = await report({ type: 'programme-summary', programmeId: 'kur2', asOf: '2016-02-15' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.body).toEqual({
      type: 'programme-summary',
      programmeId: 'kur2',
      asOf: '2016-02-15',
      areas: { total: 45, withApprovedApplication: 34 },
      byRegion: [
        { region: 'nord', areas: 9, withApprovedApplication: 7 },
        { region: 'syd', areas: 9, withApprovedApplication: 6 },
        { region: 'vast', areas: 9, withApprovedApplication: 5 },
        { region: 'mitt', areas: 9, withApprovedApplication: 8 },
        { region: 'stockholm', areas: 9, withApprovedApplication: 8 },
      ],
      activityMix: { knowledgeOnly: 11, collaborationPlanOnly: 5, both: 18 },
      userInvolvement: { consulted: 16, notConsulted: 18 },
      funds: [
        {
          year: 2014,
          appropriation: 10_000_000,
          granted: 3_400_000,
          disbursed: 2_758_124,
          repaid: 7_241_876,
        },
        {
          year: 2015,
          appropriation: 10_000_000,
          granted: 9_500_000,
          disbursed: 8_782_890,
          repaid: 1_217_110,
        },
      ],
      totals: { appropriation: 20_000_000, granted: 12_900_000, disbursed: 11_541_014, repaid: 8_458_986 },
    });
  });

  it('repays nothing of 2015 while 2015 is still running', async () => {
    const answer = await report({ type: 'programme-summary', programmeId: 'kur2', asOf: '2015-06-30' });
    expect(answer.body.funds.map((f: { repaid: number | null }) => f.repaid)).toEqual([7_241_876, null]);
    expect(answer.body.totals.repaid).toBe(7_241_876);
  });

  it('downloads the funds and regions as CSV for Excel, with the same figures', async () => {
    const json = (await report({ type: 'programme-summary', programmeId: 'kur2', asOf: '2016-02-15' })).body;
    const funds = await report({
      type: 'programme-summary',
      programmeId: 'kur2',
      asOf: '2016-02-15',
      format: 'csv',
    });
    expect(funds.status).toBe(200);
    expect(funds.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(funds.headers.get('content-disposition')).toBe(
      'attachment; filename="kur2-programsammanstallning-medel-per-ar-2016-02-15.csv"; ' +
        `filename*=UTF-8''${encodeURIComponent('kur2-programsammanställning-medel-per-år-2016-02-15.csv')}`,
    );
    expect([...funds.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(funds.bytes.subarray(3).toString('utf8')).toBe(
      'År;Anslag;Beviljat;Utbetalt;Återbetalt\r\n' +
        '2014;10000000;3400000;2758124;7241876\r\n' +
        '2015;10000000;9500000;8782890;1217110\r\n',
    );
    expect(parse(funds.bytes, { bom: true, delimiter: ';', columns: true, cast: true })).toEqual(
      json.funds.map((f: Record<string, number>) => ({
        År: f.year,
        Anslag: f.appropriation,
        Beviljat: f.granted,
        Utbetalt: f.disbursed,
        Återbetalt: f.repaid,
      })),
    );

    const regions = await report({
      type: 'programme-summary',
      programmeId: 'kur2',
      asOf: '2016-02-15',
      format: 'csv',
      table: 'byRegion',
    });
    expect(regions.headers.get('content-disposition')).toBe(
      'attachment; filename="kur2-programsammanstallning-omraden-per-region-2016-02-15.csv"; ' +
        `filename*=UTF-8''${encodeURIComponent('kur2-programsammanställning-områden-per-region-2016-02-15.csv')}`,
    );
    expect(parse(regions.bytes, { bom: true, delimiter: ';' })).toEqual([
      ['Region', 'Områden', 'Med beviljad ansökan'],
      ['Nord', '9', '7'],
      ['Syd', '9', '6'],
      ['Väst', '9', '5'],
      ['Mitt', '9', '8'],
      ['Stockholm', '9', '8'],
    ]);
  });

  it('reports where every obligation stands: plans due at the end overdue, the rest still to come', async () => {
    const answer = await report({ type: 'follow-up-status', programmeId: 'kur2', asOf: '2016-02-15' });
    expect(answer.status).toBe(200);
    // 23 applications had a plan (due when it ended, 15 December: overdue; six-month follow-up in
    // June); 12 were knowledge only (competence plan due 15 March).
    expect(answer.body.counts).toEqual({ onTime: 0, late: 0, overdue: 23, pending: 35, waived: 0 });
    expect(answer.body.rows[0]).toMatchObject({
      kind: 'collaborationPlan',
      dueOn: '2015-12-15',
      daysLate: 62,
    });
  });

  it('shows on 1 October 2014 that 2014’s money will come back: every 2014 grant runs into 2015', async () => {
    const answer = await report({ type: 'repayment-risk', programmeId: 'kur2', asOf: '2014-10-01' });
    expect(answer.status).toBe(200);
    const [y2014, y2015] = answer.body.years;
    expect(y2014).toMatchObject({
      year: 2014,
      appropriation: 10_000_000,
      granted: 3_400_000,
      disbursed: 0,
      atRisk: 3_400_000,
    });
    expect(y2014.applications).toHaveLength(planned.length);
    for (const row of y2014.applications) {
      expect(row.reason).toBe('ends-after-year');
      expect(row.plannedEnd > '2014-12-31').toBe(true);
    }
    // What was not granted and what is at risk: 2014's whole 10 MSEK, of which 7 241 876 came back.
    expect(y2014.appropriation - y2014.granted + y2014.atRisk).toBeGreaterThanOrEqual(7_241_876);
    // 2015's activities end in 2015 and its end is more than 60 days away: nothing at risk yet.
    expect(y2015).toMatchObject({ year: 2015, granted: 9_500_000, atRisk: 0, applications: [] });

    const csv = await report({
      type: 'repayment-risk',
      programmeId: 'kur2',
      asOf: '2014-10-01',
      format: 'csv',
      table: 'applications',
    });
    expect(csv.status).toBe(200);
    const rows = parse(csv.bytes, { bom: true, delimiter: ';' });
    expect(rows[0]).toEqual([
      'År',
      'Område',
      'Ansökan',
      'Planerat slut',
      'Riskerar att betalas tillbaka',
      'Varför',
    ]);
    expect(rows).toHaveLength(planned.length + 1);
    expect(rows[1]?.[5]).toBe('Aktiviteterna slutar efter årets slut');
    const years = await report({
      type: 'repayment-risk',
      programmeId: 'kur2',
      asOf: '2014-10-01',
      format: 'csv',
    });
    expect(years.bytes.subarray(3).toString('utf8')).toBe(
      'År;Anslag;Beviljat;Utbetalt;Riskerar att betalas tillbaka\r\n' +
        '2014;10000000;3400000;0;3400000\r\n' +
        '2015;10000000;9500000;0;0\r\n',
    );

    // Once 2014's activities are reported completed, nothing of it is at risk any more.
    const later = await report({ type: 'repayment-risk', programmeId: 'kur2', asOf: '2016-02-15' });
    expect(later.body.years.map((y: { atRisk: number }) => y.atRisk)).toEqual([0, 0]);
  });

  it('keeps the reports to head office and lists who ran them', async () => {
    const refused = await report({ type: 'programme-summary', programmeId: 'kur2' }, coordinator('karlstad'));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.body.code).toBe('forbidden');
    expect((await call('GET', '/reports/runs', coordinator('karlstad'))).status).toBe(403);

    const runs = await ok(call('GET', '/reports/runs?limit=100', adminToken));
    expect(runs.items.length).toBeGreaterThanOrEqual(6);
    expect(runs.items[0]).toMatchObject({
      actor: 'projektledning@forsakringskassan.se',
      type: expect.any(String),
      programmeId: 'kur2',
    });
  });
});
