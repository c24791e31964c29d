import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { handler as runReport } from '../../functions/reports/run.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { readGoalSheets } from '../../shared/adapters/dynamodb/goal-sheets-table.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { SAMPLE_GOALS } from '../support/seed-applications.ts';

/**
 * Issue 15, "Measurable goals" (seed 002_…, "Tydligare mål och uppföljning"): an application states
 * its goals, every follow-up handed in says how each went, and head office sees it in the
 * follow-up report and counts it per area in the goals report.
 */

afterEach(() => fixClock(undefined));

const GOALS = SAMPLE_GOALS;

const report = (body: unknown) => invoke(runReport, routes.runReport, { caller: admin, body });

describe('measurable goals', () => {
  it('are required when the programme asks for them, reported on at every hand-in, and shown in the reports', async () => {
    fixClock(new Date('2014-04-01T12:00:00+02:00'));
    expect((await api.putProgramme('kur2-mal', kur2Programme({ requiresGoals: true }))).status).toBe(201);
    await api.putArea('falun', areaBodyFor('falun'));
    const coordinator = coordinatorOf('falun');
    const plan = applicationBody().activities?.[1];
    const body = applicationBody({
      programmeId: 'kur2-mal',
      title: 'Samverkan i Falun',
      activities: plan ? [plan] : [],
      budget: [{ year: 2014, category: 'processSupport', amount: 100_000 }],
    });

    // Without goals the application is incomplete, and says so beside the goals.
    const created = await api.create(coordinator, body);
    const id = created.body.id as string;
    const refused = await api.submit(coordinator, id);
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toContainEqual(
      expect.objectContaining({ rule: 'incomplete', paths: ['goals'] }),
    );
    expect((await api.replace(coordinator, id, { ...body, goals: [] }, 1)).status).toBe(400);
    expect((await api.replace(coordinator, id, { ...body, goals: Array(6).fill(GOALS[0]) }, 1)).status).toBe(
      400,
    );

    const replaced = await api.replace(coordinator, id, { ...body, goals: GOALS }, 1);
    expect(replaced.status).toBe(200);
    expect(replaced.body.goals).toEqual(GOALS);
    expect((await api.submit(coordinator, id)).status).toBe(200);
    expect(
      (await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 100_000 } })).status,
    ).toBe(200);

    // The plan is due when it ends (31 May 2015): handed in with an outcome per goal.
    fixClock(new Date('2015-06-02T12:00:00+02:00'));
    const owed = await followUpApi.list(admin, { programmeId: 'kur2-mal' });
    const followUpId = owed.body.items.find((f: { kind: string }) => f.kind === 'collaborationPlan')
      ?.id as string;
    const handIn = { summary: 'Planen är antagen.', documentUrl: 'https://intranat.example.se/plan-falun' };

    const withoutOutcomes = await followUpApi.submit(coordinator, followUpId, handIn);
    expect(withoutOutcomes.status).toBe(422);
    expect(withoutOutcomes.body.violations).toEqual([
      expect.objectContaining({ rule: 'incomplete', paths: ['goalOutcomes.0', 'goalOutcomes.1'] }),
    ]);
    const outcomes = [
      { goal: 0, achieved: 'yes', comment: '86 procent svarade ja.' },
      { goal: 1, achieved: 'partly', comment: 'Regionen har inte beslutat ännu.' },
    ];
    const unknownGoal = await followUpApi.submit(coordinator, followUpId, {
      ...handIn,
      goalOutcomes: [...outcomes, { goal: 2, achieved: 'no', comment: 'Finns inte.' }],
    });
    expect(unknownGoal.status).toBe(400);
    expect(unknownGoal.body.errors).toEqual([expect.objectContaining({ path: 'goalOutcomes.2.goal' })]);
    const badAnswer = await followUpApi.submit(coordinator, followUpId, {
      ...handIn,
      goalOutcomes: [{ goal: 0, achieved: 'maybe', comment: 'x' }],
    });
    expect(badAnswer.status).toBe(400);

    const handedIn = await followUpApi.submit(coordinator, followUpId, { ...handIn, goalOutcomes: outcomes });
    expect(handedIn.status).toBe(200);
    expect(handedIn.body.goalOutcomes).toEqual(outcomes);

    // The follow-up report shows each goal with its outcome, on screen and in its file.
    const status = await report({ type: 'follow-up-status', programmeId: 'kur2-mal', asOf: '2015-06-10' });
    expect(status.status).toBe(200);
    const row = status.body.rows.find((r: { followUpId: string }) => r.followUpId === followUpId);
    expect(row.goals).toEqual([
      { ...GOALS[0], achieved: 'yes', comment: '86 procent svarade ja.' },
      { ...GOALS[1], achieved: 'partly', comment: 'Regionen har inte beslutat ännu.' },
    ]);
    const statusCsv = await report({
      type: 'follow-up-status',
      programmeId: 'kur2-mal',
      asOf: '2015-06-10',
      format: 'csv',
    });
    const rows = parse(statusCsv.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    const planRow = rows.find((r) => r.Uppföljning === 'Plan för samarbete');
    expect(planRow?.['Mål och utfall']).toBe(
      `1. ${GOALS[0]?.description} (Minst 80 procent): uppnått\n` +
        `2. ${GOALS[1]?.description} (Rutinen antagen av alla fyra huvudmän): delvis uppnått`,
    );

    // The goals report counts them per area and in total; before the hand-in nothing was reported.
    const goals = await report({ type: 'goals', programmeId: 'kur2-mal', asOf: '2015-06-10' });
    expect(goals.status).toBe(200);
    expect(goals.body.total).toEqual({ goals: 2, yes: 1, partly: 1, no: 0, notReported: 0 });
    expect(goals.body.byArea).toEqual([
      {
        areaId: 'falun',
        areaName: 'LFC falun',
        region: 'mitt',
        goals: 2,
        yes: 1,
        partly: 1,
        no: 0,
        notReported: 0,
      },
    ]);
    const earlier = await report({ type: 'goals', programmeId: 'kur2-mal', asOf: '2015-05-31' });
    expect(earlier.body.total).toEqual({ goals: 2, yes: 0, partly: 0, no: 0, notReported: 2 });

    const goalsCsv = await report({
      type: 'goals',
      programmeId: 'kur2-mal',
      asOf: '2015-06-10',
      format: 'csv',
    });
    expect(goalsCsv.headers['content-disposition']).toContain(
      encodeURIComponent('kur2-mal-måluppfyllelse-per-område-2015-06-10.csv'),
    );
    expect(parse(goalsCsv.body, { bom: true, delimiter: ';' })).toEqual([
      ['Område', 'Mål', 'Uppnått', 'Delvis uppnått', 'Inte uppnått', 'Inte redovisat'],
      ['LFC falun', '2', '1', '1', '0', '0'],
      ['Totalt', '2', '1', '1', '0', '0'],
    ]);
  });

  it('counts the latest outcome handed in by the report’s day, and keeps every hand-in, two at once included', async () => {
    fixClock(new Date('2014-04-01T12:00:00+02:00'));
    expect((await api.putProgramme('kur2-mal2', kur2Programme({ requiresGoals: true }))).status).toBe(201);
    await api.putArea('mora', areaBodyFor('mora'));
    const coordinator = coordinatorOf('mora');
    const body = applicationBody({
      programmeId: 'kur2-mal2',
      title: 'Samverkan i Mora',
      goals: GOALS,
      budget: [{ year: 2014, category: 'processSupport', amount: 100_000 }],
    });
    const id = (await api.create(coordinator, body)).body.id as string;
    expect((await api.submit(coordinator, id)).status).toBe(200);
    expect(
      (await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 100_000 } })).status,
    ).toBe(200);
    const owed = (await followUpApi.list(admin, { programmeId: 'kur2-mal2' })).body.items as {
      id: string;
      kind: string;
    }[];
    const plan = owed.find((f) => f.kind === 'collaborationPlan')?.id as string;
    const sixMonths = owed.find((f) => f.kind === 'sixMonthFollowUp')?.id as string;
    const handIn = (followUpId: string, achieved: [string, string]) =>
      followUpApi.submit(coordinator, followUpId, {
        summary: 'Inlämnad.',
        documentUrl: 'https://intranat.example.se/mora',
        goalOutcomes: achieved.map((a, goal) => ({ goal, achieved: a, comment: `Mål ${goal + 1}: ${a}` })),
      });
    const totalOn = async (asOf: string) =>
      (await report({ type: 'goals', programmeId: 'kur2-mal2', asOf })).body.total;

    fixClock(new Date('2015-06-01T12:00:00+02:00'));
    expect((await handIn(plan, ['yes', 'partly'])).status).toBe(200);
    fixClock(new Date('2015-06-02T12:00:00+02:00'));
    const returned = await followUpApi.review(admin, plan, {
      outcome: 'returned',
      comment: 'Bifoga planen.',
    });
    expect(returned.status).toBe(200);
    fixClock(new Date('2015-06-03T12:00:00+02:00'));
    expect((await handIn(plan, ['yes', 'yes'])).status).toBe(200);

    // Until the second hand-in, the first one's outcomes stand; from it, the second's.
    expect(await totalOn('2015-05-31')).toEqual({ goals: 2, yes: 0, partly: 0, no: 0, notReported: 2 });
    expect(await totalOn('2015-06-02')).toEqual({ goals: 2, yes: 1, partly: 1, no: 0, notReported: 0 });
    expect(await totalOn('2015-06-03')).toEqual({ goals: 2, yes: 2, partly: 0, no: 0, notReported: 0 });

    // Two hand-ins of the same application at once: both are kept, neither refused.
    fixClock(new Date('2015-06-04T12:00:00+02:00'));
    expect((await followUpApi.review(admin, plan, { outcome: 'returned', comment: 'Igen.' })).status).toBe(
      200,
    );
    fixClock(new Date('2015-06-05T12:00:00+02:00'));
    const both = await Promise.all([handIn(plan, ['no', 'no']), handIn(sixMonths, ['no', 'no'])]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const sheets = await readGoalSheets('kur2-mal2', ['mora'], { capacityUnits: 0, requests: 0 });
    expect(sheets.handIns.map((h) => h.submittedOn).sort()).toEqual([
      '2015-06-01',
      '2015-06-03',
      '2015-06-05',
      '2015-06-05',
    ]);
    expect(await totalOn('2015-06-05')).toEqual({ goals: 2, yes: 0, partly: 0, no: 2, notReported: 0 });

    // The goal list names each goal with its latest outcome and comment.
    const list = await report({
      type: 'goals',
      programmeId: 'kur2-mal2',
      asOf: '2015-06-03',
      format: 'csv',
      table: 'goalList',
    });
    expect(parse(list.body, { bom: true, delimiter: ';' })).toEqual([
      ['Område', 'Ansökan', 'Mål', 'Hur det mäts', 'Målvärde', 'Utfall', 'Kommentar'],
      ...GOALS.map((g, i) => [
        'LFC mora',
        'Samverkan i Mora',
        g.description,
        g.indicator,
        g.target,
        'Uppnått',
        `Mål ${i + 1}: yes`,
      ]),
    ]);
  });
});
