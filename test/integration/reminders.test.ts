import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo } from '../../shared/adapters/dynamodb/client.ts';
import type { Email } from '../../shared/domain/email.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

const at = (date: string) => fixClock(new Date(`${date}T06:00:00+01:00`));
afterEach(() => {
  fixClock(undefined);
  vi.restoreAllMocks();
});

/** Reminder e-mails waiting in the outbox (no mailer drains this file's table), by follow-up. */
const remindersInOutbox = async (followUpId: string): Promise<{ kind: string; email: Email }[]> =>
  // Reminders only: a submission's own e-mail to the programme management has its own kind.
  (await unsentEmails())
    .filter(({ source }) => source.followUpId === followUpId && source.kind.startsWith('reminder'))
    .map(({ source, email }) => ({ kind: source.kind, email }));

let areaSeq = 0;
/** The area of each obligation made here: every test's obligation is in an area of its own. */
const areaOf = new Map<string, string>();
const MANAGEMENT = 'kur@forsakringskassan.se';

/**
 * A completed knowledge-only application in an area of its own, whose competence plan is due
 * 2015-06-30 (ended 2015-03-31 + 3 months). Answers the obligation's id.
 */
const competencePlanDue = async (): Promise<string> => {
  const areaId = `area-${areaSeq++}`;
  const coordinator = coordinatorOf(areaId);
  await api.putArea(areaId, areaBodyFor(areaId));
  fixClock(new Date('2014-06-01T12:00:00+02:00'));
  const body = applicationBody({
    title: `Kunskap i ${areaId}`,
    activities: [applicationBody().activities![0]!],
    budget: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
  });
  const created = await api.create(coordinator, body);
  await api.submit(coordinator, created.body.id);
  await api.decide(admin, created.body.id, { outcome: 'approved', grantedByYear: { '2014': 100_000 } });
  fixClock(new Date('2015-04-01T12:00:00+02:00'));
  const completed = await followUpApi.complete(coordinator, created.body.id, {
    activities: [{ type: 'knowledge', endedOn: '2015-03-31' }],
    costs: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
  });
  expect(completed.body.followUps).toEqual([
    expect.objectContaining({ kind: 'competencePlan', dueOn: '2015-06-30' }),
  ]);
  const id = completed.body.followUps[0].id as string;
  areaOf.set(id, areaId);
  return id;
};

/**
 * The reminder steps sent for an obligation, in order. Every reminder goes to exactly its own
 * area's coordinators; from +7 days on (an escalation) with the area's manager and the programme's
 * management in copy, before that with no copy at all.
 */
const stepsSent = async (id: string) => {
  const reminders = await remindersInOutbox(id);
  const areaId = areaOf.get(id);
  for (const { kind, email } of reminders) {
    const escalation = kind === 'reminder7' || kind === 'reminder30';
    expect({ kind, to: email.to, cc: email.cc }).toEqual({
      kind,
      to: [`samverkan.${areaId}@forsakringskassan.se`],
      cc: escalation ? [`chef.${areaId}@forsakringskassan.se`, MANAGEMENT] : [],
    });
  }
  return reminders.map((r) => r.kind);
};

beforeAll(async () => {
  await api.putProgramme('kur2', kur2Programme({ managementEmails: [MANAGEMENT] }));
});

describe('the daily reminder job', () => {
  it('sends each step on its day when it runs every day, and nothing on the days between', async () => {
    const id = await competencePlanDue();
    const days = [
      '2015-06-15',
      '2015-06-16',
      '2015-06-17',
      '2015-06-29',
      '2015-06-30',
      '2015-07-01',
      '2015-07-07',
      '2015-07-08',
      '2015-07-30',
      '2015-07-31',
    ];
    const sentOn: Record<string, string[]> = {};
    for (const day of days) {
      at(day);
      const before = await stepsSent(id);
      await followUpApi.runReminders();
      sentOn[day] = (await stepsSent(id)).slice(before.length);
    }
    expect(sentOn).toEqual({
      '2015-06-15': [],
      '2015-06-16': ['reminder-14'],
      '2015-06-17': [],
      '2015-06-29': [],
      '2015-06-30': ['reminder0'],
      '2015-07-01': [],
      '2015-07-07': ['reminder7'],
      '2015-07-08': [],
      '2015-07-30': ['reminder30'],
      '2015-07-31': [],
    });
  });

  it('writes Swedish e-mails naming the application, area, obligation and due date, and escalates from +7', async () => {
    const id = await competencePlanDue();
    at('2015-06-30');
    await followUpApi.runReminders();
    at('2015-07-07');
    await followUpApi.runReminders();
    const areaId = areaOf.get(id);
    const [dueToday, overdue] = await remindersInOutbox(id);
    expect(dueToday!.email.subject).toContain('kompetensutvecklingsplan');
    expect(dueToday!.email.subject).toContain('2015-06-30');
    expect(dueToday!.email.text).toContain(`Kunskap i ${areaId}`);
    expect(dueToday!.email.text).toContain(`LFC ${areaId}`);
    expect(dueToday!.email.text).toContain('http://localhost:3000/#/uppfoljningar');
    expect(dueToday!.email.to).toEqual([`samverkan.${areaId}@forsakringskassan.se`]);
    expect(dueToday!.email.cc).toEqual([]);
    expect(overdue!.email.subject).toMatch(/^Försenad/);
    expect(overdue!.email.to).toEqual([`samverkan.${areaId}@forsakringskassan.se`]);
    expect(overdue!.email.cc).toEqual([`chef.${areaId}@forsakringskassan.se`, MANAGEMENT]);
    expect(await stepsSent(id)).toEqual(['reminder0', 'reminder7']);
  });

  it('catches up a missed run with the latest step only (first run on 2015-09-15 sends +30 alone)', async () => {
    const id = await competencePlanDue();
    at('2015-09-15');
    await followUpApi.runReminders();
    at('2015-09-16');
    await followUpApi.runReminders();
    expect(await stepsSent(id)).toEqual(['reminder30']);
    // It tells the real delay on the day it is sent (due 2015-06-30), not the step's 30 days.
    const [caughtUp] = await remindersInOutbox(id);
    expect(caughtUp!.email.subject).toMatch(/^Försenad 77 dagar: /);
    expect(caughtUp!.email.text).toContain('Den är nu 77 dagar försenad.');
  });

  it('sends once when three runs overlap', async () => {
    const id = await competencePlanDue();
    at('2015-06-30');
    const summaries = await Promise.all([1, 2, 3].map(() => followUpApi.runReminders()));
    expect(await stepsSent(id)).toEqual(['reminder0']);
    expect(summaries.reduce((sum, s) => sum + s.sent, 0)).toBeGreaterThanOrEqual(1);
  });

  it('sends nothing more once the obligation is submitted or waived', async () => {
    const submitted = await competencePlanDue();
    const waived = await competencePlanDue();
    at('2015-06-16');
    await followUpApi.runReminders();
    at('2015-06-20');
    const area = areaOf.get(submitted) ?? '';
    expect(
      (await followUpApi.submit(coordinatorOf(area), submitted, { summary: 'Planen är klar.' })).status,
    ).toBe(200);
    expect((await followUpApi.waive(admin, waived, { reason: 'Utgår.' })).status).toBe(200);
    for (const day of ['2015-06-30', '2015-07-07', '2015-07-30']) {
      at(day);
      await followUpApi.runReminders();
    }
    expect(await stepsSent(submitted)).toEqual(['reminder-14']);
    expect(await stepsSent(waived)).toEqual(['reminder-14']);
  });

  it('finishes the work of a run that crashed half-way on the next run, without doubles', async () => {
    const ids = [
      await competencePlanDue(),
      await competencePlanDue(),
      await competencePlanDue(),
      await competencePlanDue(),
    ];
    at('2015-06-30');
    const realSend = dynamo.send.bind(dynamo);
    let transactions = 0;
    // From the third obligation on, nothing reaches the table any more: the run died there.
    vi.spyOn(dynamo, 'send').mockImplementation(((command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand && ++transactions >= 3) {
        return Promise.reject(new Error('Lambda timed out'));
      }
      return (realSend as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof dynamo.send);
    await expect(followUpApi.runReminders()).rejects.toThrow(/failed/);
    vi.restoreAllMocks();
    const afterCrash = (await Promise.all(ids.map(stepsSent))).flat();
    expect(afterCrash).toHaveLength(2);

    const summary = await followUpApi.runReminders();
    expect(summary.sent).toBe(2);
    for (const id of ids) expect(await stepsSent(id)).toEqual(['reminder0']);
  });

  it('runs on the Stockholm day of the event, not the UTC day', async () => {
    const id = await competencePlanDue();
    // 2015-06-29T22:30Z is already 2015-06-30 00:30 in Stockholm: the due day.
    fixClock(new Date('2015-06-29T22:30:00Z'));
    const summary = await followUpApi.runReminders();
    expect(summary.today).toBe('2015-06-30');
    expect(await stepsSent(id)).toEqual(['reminder0']);
  });
});
