import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as runReport } from '../../functions/reports/run.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { fillGoalSheets } from '../../shared/adapters/dynamodb/goal-sheet-fill.ts';
import { readGoalSheets } from '../../shared/adapters/dynamodb/goal-sheets-table.ts';
import { goalSheetKey, goalSheetsCompleteKey } from '../../shared/adapters/dynamodb/keys.ts';
import { goalSheets } from '../../shared/composition.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { SAMPLE_GOALS } from '../support/seed-applications.ts';

/**
 * Issue 16: a programme created before the goal sheets gets them from the daily job, built from its
 * applications and every hand-in of their obligations, and its goals report reads them from then
 * on — with the same figures it had before.
 */

afterEach(() => {
  fixClock(undefined);
  vi.restoreAllMocks();
});

const report = async (programmeId: string, asOf: string) =>
  (await invoke(runReport, routes.runReport, { caller: admin, body: { type: 'goals', programmeId, asOf } }))
    .body;

const forget = (key: Record<string, string>) =>
  dynamo.send(new DeleteCommand({ TableName: tableName(), Key: key }));

/** A programme with an approved application with goals in `areaId`, and its obligations. */
const approvedWithGoals = async (programmeId: string, areaId: string) => {
  fixClock(new Date('2014-04-01T12:00:00+02:00'));
  await api.putProgramme(programmeId, kur2Programme({ requiresGoals: true }));
  await api.putArea(areaId, areaBodyFor(areaId));
  const coordinator = coordinatorOf(areaId);
  const body = applicationBody({
    programmeId,
    title: `Samverkan i ${areaId}`,
    goals: SAMPLE_GOALS,
    budget: [{ year: 2014, category: 'processSupport', amount: 100_000 }],
  });
  const id = (await api.create(coordinator, body)).body.id as string;
  await api.submit(coordinator, id);
  await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 100_000 } });
  const owed = (await followUpApi.list(admin, { programmeId })).body.items as { id: string; kind: string }[];
  const handIn = (kind: string, achieved: string) =>
    followUpApi.submit(coordinator, owed.find((f) => f.kind === kind)?.id as string, {
      summary: 'Inlämnad.',
      documentUrl: `https://intranat.example.se/${areaId}`,
      goalOutcomes: SAMPLE_GOALS.map((_, goal) => ({ goal, achieved, comment: `${kind}: ${achieved}` })),
    });
  return { id, handIn };
};

describe('goal sheets for a programme created before them', () => {
  it('are written by the daily job from every hand-in, and the report reads them with the same figures', async () => {
    const { id, handIn } = await approvedWithGoals('kur2-fore', 'leksand');
    fixClock(new Date('2015-06-01T12:00:00+02:00'));
    expect((await handIn('collaborationPlan', 'partly')).status).toBe(200);
    // As before the sheets: no marker, no sheet.
    await forget(goalSheetsCompleteKey('kur2-fore'));
    await forget(goalSheetKey('kur2-fore', { areaId: 'leksand', applicationId: id }));
    // A hand-in since starts a sheet with only its own outcomes.
    fixClock(new Date('2015-06-08T12:00:00+02:00'));
    expect((await handIn('sixMonthFollowUp', 'yes')).status).toBe(200);
    const partial = await readGoalSheets('kur2-fore', ['leksand'], { capacityUnits: 0, requests: 0 });
    expect(partial.complete).toBe(false);
    expect(partial.handIns.map((h) => h.submittedOn)).toEqual(['2015-06-08']);

    const before = [await report('kur2-fore', '2015-06-05'), await report('kur2-fore', '2015-06-10')];
    expect(before.map((r) => r.total)).toEqual([
      { goals: 2, yes: 0, partly: 2, no: 0, notReported: 0 },
      { goals: 2, yes: 2, partly: 0, no: 0, notReported: 0 },
    ]);

    await followUpApi.runReminders();
    const sheets = await readGoalSheets('kur2-fore', ['leksand'], { capacityUnits: 0, requests: 0 });
    expect(sheets.complete).toBe(true);
    expect(sheets.handIns.map((h) => h.submittedOn)).toEqual(['2015-06-01', '2015-06-08']);
    expect([await report('kur2-fore', '2015-06-05'), await report('kur2-fore', '2015-06-10')]).toEqual(
      before,
    );
    // Once complete, nothing is written again.
    expect(await fillGoalSheets('kur2-fore')).toBe(0);
  });

  it('builds a sheet again when a hand-in comes in while it is written: the hand-in is in it', async () => {
    const { id, handIn } = await approvedWithGoals('kur2-fore2', 'rattvik');
    fixClock(new Date('2015-06-01T12:00:00+02:00'));
    expect((await handIn('collaborationPlan', 'no')).status).toBe(200);
    await forget(goalSheetsCompleteKey('kur2-fore2'));
    await forget(goalSheetKey('kur2-fore2', { areaId: 'rattvik', applicationId: id }));

    // The coordinator hands in the six-month follow-up just as the job writes the sheet it built
    // from what it read before: that write fails on the obligation's version, and is built again.
    const send = dynamo.send.bind(dynamo);
    let interleaved = false;
    vi.spyOn(dynamo, 'send').mockImplementation((async (command: unknown) => {
      const puts = command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : [];
      const sheetFirst = puts[0]?.Put?.Item?.sk === `rattvik#${id}` && puts.some((p) => p.ConditionCheck);
      if (sheetFirst && !interleaved) {
        interleaved = true;
        fixClock(new Date('2015-06-09T12:00:00+02:00'));
        expect((await handIn('sixMonthFollowUp', 'yes')).status).toBe(200);
      }
      return send(command as never);
    }) as never);
    expect((await goalSheets().run()).filled).toBeGreaterThanOrEqual(1);
    vi.restoreAllMocks();

    expect(interleaved).toBe(true);
    const sheets = await readGoalSheets('kur2-fore2', ['rattvik'], { capacityUnits: 0, requests: 0 });
    expect(sheets.complete).toBe(true);
    expect(sheets.handIns.map((h) => h.submittedOn)).toEqual(['2015-06-01', '2015-06-09']);
    expect((await report('kur2-fore2', '2015-06-10')).total).toEqual({
      goals: 2,
      yes: 2,
      partly: 0,
      no: 0,
      notReported: 0,
    });
  });
});
