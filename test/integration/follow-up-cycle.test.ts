import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import {
  applicationKey,
  followUpIndexKeys,
  followUpKey,
  reminderIndexKeys,
} from '../../shared/adapters/dynamodb/keys.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

/**
 * The follow-up cycle from the approval on (issue 11): the obligations exist from the approval,
 * due from the planned ends; the completion moves the same ones to the real ends; completion
 * itself is reminded until it is reported.
 */

const MANAGEMENT = 'kur@forsakringskassan.se';
const at = (date: string) => fixClock(new Date(`${date}T06:00:00+02:00`));
afterEach(() => fixClock(undefined));

beforeAll(async () => {
  await api.putProgramme('kur2', kur2Programme({ managementEmails: [MANAGEMENT] }));
});

interface FollowUpAnswer {
  id: string;
  applicationId: string;
  kind: string;
  dueOn: string;
  originalDueOn: string;
  anchor: string;
  status: string;
  daysLate: number;
}

let areaSeq = 0;

/**
 * An approved KUR 2 application with both activities (knowledge ends 2015-03-31, the plan
 * 2015-05-31) in an area of its own. The plan is due at its end, the six-month follow-up
 * 2015-11-30, the completion report 30 days after the latest end: 2015-06-30.
 */
const approvedInOwnArea = async () => {
  const areaId = `cycle-${areaSeq++}`;
  const coordinator = coordinatorOf(areaId);
  await api.putArea(areaId, areaBodyFor(areaId));
  at('2014-06-01');
  const created = await api.create(coordinator, applicationBody({ title: `Samverkan i ${areaId}` }));
  expect((await api.submit(coordinator, created.body.id)).status).toBe(200);
  const decided = await api.decide(admin, created.body.id, {
    outcome: 'approved',
    grantedByYear: { '2014': 120_000, '2015': 180_000 },
  });
  expect(decided.status).toBe(200);
  return { id: created.body.id as string, areaId, coordinator };
};

const completion = (planEndedOn: string) => ({
  activities: [
    { type: 'knowledge', endedOn: '2015-03-31' },
    { type: 'collaborationPlan', endedOn: planEndedOn },
  ],
  costs: [
    { year: 2014, category: 'lecturer', amount: 100_000 },
    { year: 2015, category: 'processSupport', amount: 150_000 },
  ],
});

const followUpsOf = async (applicationId: string, areaId: string): Promise<FollowUpAnswer[]> =>
  (await followUpApi.list(coordinatorOf(areaId))).body.items.filter(
    (f: FollowUpAnswer) => f.applicationId === applicationId,
  );

/** E-mails waiting in the outbox (no mailer drains this file's table) with what caused them. */
const outbox = unsentEmails;

const stepsOf = async (followUpId: string) =>
  (await outbox()).filter((e) => e.source.followUpId === followUpId).map((e) => e.source.kind);

const completionRemindersOf = async (applicationId: string) =>
  (await outbox()).filter(
    (e) => e.source.applicationId === applicationId && e.source.kind.startsWith('completion-reminder'),
  );

describe('obligations from the approval', () => {
  it('creates provisional obligations due from the planned ends, readable one by one', async () => {
    const { id, areaId, coordinator } = await approvedInOwnArea();
    const owed = await followUpsOf(id, areaId);
    expect(owed).toEqual([
      expect.objectContaining({
        kind: 'collaborationPlan',
        dueOn: '2015-05-31',
        originalDueOn: '2015-05-31',
        anchor: 'planned',
        status: 'pending',
        daysLate: 0,
        applicationTitle: `Samverkan i ${areaId}`,
        areaId,
        documents: [],
        submissions: [],
        reviews: [],
        deferrals: [],
      }),
      expect.objectContaining({ kind: 'sixMonthFollowUp', dueOn: '2015-11-30', anchor: 'planned' }),
    ]);
    // The reminder bookkeeping stays inside.
    expect(Object.keys(owed[0]!)).not.toEqual(
      expect.arrayContaining(['remindersSent', 'reminderRound', 'reminderFrom', 'reminderOffsetsDays']),
    );
    for (const key of ['remindersSent', 'reminderRound', 'reminderFrom', 'reminderOffsetsDays', 'rule'])
      expect(owed[0]).not.toHaveProperty(key);

    const plan = owed[0]!;
    const byAdmin = await followUpApi.get(admin, plan.id);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.headers?.etag).toBe('"1"');
    expect(byAdmin.body).toEqual(plan);
    expect((await followUpApi.get(coordinator, plan.id)).body).toEqual(plan);
    expect((await followUpApi.get(coordinatorOf('elsewhere'), plan.id)).status).toBe(404);
    expect((await followUpApi.get(admin, 'no-such-follow-up')).status).toBe(404);

    expect((await api.get(coordinator, id)).body.completionDueOn).toBe('2015-06-30');
  });

  it('reminds of a plan due at its planned end 14 days before the end', async () => {
    const { id, areaId } = await approvedInOwnArea();
    const [plan] = await followUpsOf(id, areaId);
    at('2015-05-16');
    await followUpApi.runReminders();
    expect(await stepsOf(plan!.id)).toEqual([]);
    at('2015-05-17');
    await followUpApi.runReminders();
    expect(await stepsOf(plan!.id)).toEqual(['reminder-14']);
  });

  it('lists accepted as a status to filter by', async () => {
    expect((await followUpApi.list(admin, { status: 'accepted' })).status).toBe(200);
  });
});

describe('completion re-anchors the same obligations', () => {
  it('moves them to the real end dates: same ids, no duplicates, steps sent stay sent', async () => {
    const { id, areaId, coordinator } = await approvedInOwnArea();
    const before = await followUpsOf(id, areaId);
    at('2015-05-17');
    await followUpApi.runReminders();
    at('2015-05-31');
    await followUpApi.runReminders();
    expect(await stepsOf(before[0]!.id)).toEqual(['reminder-14', 'reminder0']);

    at('2015-06-10');
    const completed = await followUpApi.complete(coordinator, id, completion('2015-06-05'));
    expect(completed.status).toBe(200);
    const moved = completed.body.followUps as FollowUpAnswer[];
    expect(moved.map((f) => [f.id, f.kind, f.dueOn, f.originalDueOn, f.anchor])).toEqual([
      [before[0]!.id, 'collaborationPlan', '2015-06-05', '2015-06-05', 'actual'],
      [before[1]!.id, 'sixMonthFollowUp', '2015-12-05', '2015-12-05', 'actual'],
    ]);
    const after = await followUpsOf(id, areaId);
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
    expect(after.map((f) => f.dueOn)).toEqual(['2015-06-05', '2015-12-05']);
    expect(after[0]!.daysLate).toBe(5);

    // Due 2015-06-05: step 0 was sent (for the planned date) and is not sent again; +7 comes on 06-12.
    await followUpApi.runReminders();
    expect(await stepsOf(before[0]!.id)).toEqual(['reminder-14', 'reminder0']);
    at('2015-06-11');
    await followUpApi.runReminders();
    at('2015-06-12');
    await followUpApi.runReminders();
    expect(await stepsOf(before[0]!.id)).toEqual(['reminder-14', 'reminder0', 'reminder7']);
  });

  it('creates the obligations at completion for an application approved before they existed from the approval', async () => {
    const { id, areaId, coordinator } = await approvedInOwnArea();
    // As stored before this change: no obligations, no completion reminder, no completionDueOn.
    for (const f of await followUpsOf(id, areaId))
      await dynamo.send(new DeleteCommand({ TableName: tableName(), Key: followUpKey(f.id) }));
    await dynamo.send(
      new DeleteCommand({ TableName: tableName(), Key: { pk: applicationKey(id).pk, sk: 'COMPLETION' } }),
    );
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: applicationKey(id),
        UpdateExpression: 'REMOVE completionDueOn',
      }),
    );
    at('2015-06-10');
    const completed = await followUpApi.complete(coordinator, id, completion('2015-05-31'));
    expect(completed.status).toBe(200);
    expect(
      (completed.body.followUps as FollowUpAnswer[]).map((f) => [f.kind, f.dueOn, f.anchor, f.originalDueOn]),
    ).toEqual([
      ['collaborationPlan', '2015-05-31', 'actual', '2015-05-31'],
      ['sixMonthFollowUp', '2015-11-30', 'actual', '2015-11-30'],
    ]);
    expect((await followUpsOf(id, areaId)).map((f) => f.id)).toEqual(
      (completed.body.followUps as FollowUpAnswer[]).map((f) => f.id),
    );
  });
});

describe('obligations stored before the follow-up cycle', () => {
  it('are answered with their application’s title and the defaults, reminded and handed in as before', async () => {
    const { id, areaId, coordinator } = await approvedInOwnArea();
    const [plan] = await followUpsOf(id, areaId);
    // As completion stored it before: no title, anchor, rule, rounds or lists.
    const old = {
      id: plan!.id,
      applicationId: id,
      programmeId: 'kur2',
      areaId,
      kind: 'collaborationPlan',
      dueOn: '2015-05-31',
      status: 'pending',
      version: 1,
      createdAt: '2015-06-01T10:00:00.000Z',
      updatedAt: '2015-06-01T10:00:00.000Z',
      remindersSent: [0],
      reminderOffsetsDays: [-14, 0, 7, 30],
    };
    await dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...followUpKey(old.id),
          ...followUpIndexKeys(old),
          ...reminderIndexKeys('2015-06-07'),
          entity: 'followUp',
          ...old,
        },
      }),
    );
    at('2015-06-07');
    expect((await followUpApi.get(coordinator, old.id)).body).toMatchObject({
      applicationTitle: `Samverkan i ${areaId}`,
      anchor: 'actual',
      originalDueOn: '2015-05-31',
      daysLate: 7,
      submissions: [],
      reviews: [],
      deferrals: [],
    });
    await followUpApi.runReminders();
    expect(await stepsOf(old.id)).toEqual(['reminder7']);
    const handedIn = await followUpApi.submit(coordinator, old.id, { summary: 'Planen är antagen.' });
    expect(handedIn.status).toBe(200);
    expect(handedIn.body).toMatchObject({ status: 'submitted', submittedOn: '2015-06-07', daysLate: 7 });
  });
});

describe('completion reminders', () => {
  it('reminds the coordinators to report completion, escalates after completionDueOn, and stops once reported', async () => {
    const { id, areaId, coordinator } = await approvedInOwnArea();
    at('2015-06-15');
    await followUpApi.runReminders();
    expect(await completionRemindersOf(id)).toEqual([]);
    at('2015-06-16');
    await followUpApi.runReminders();
    at('2015-07-07');
    await followUpApi.runReminders();
    const sent = await completionRemindersOf(id);
    expect(sent.map((e) => [e.source.kind, e.email.to, e.email.cc])).toEqual([
      ['completion-reminder-14', [`samverkan.${areaId}@forsakringskassan.se`], []],
      [
        'completion-reminder7',
        [`samverkan.${areaId}@forsakringskassan.se`],
        [`chef.${areaId}@forsakringskassan.se`, MANAGEMENT],
      ],
    ]);
    const [comingUp, overdue] = sent.map((e) => e.email);
    expect(comingUp!.subject).toContain(`Samverkan i ${areaId}`);
    expect(comingUp!.subject).toContain(`LFC ${areaId}`);
    expect(comingUp!.subject).toContain('2015-06-30');
    expect(comingUp!.text).toContain('slutrapport');
    expect(comingUp!.text).toContain(`http://localhost:3000/#/ansokningar/${id}`);
    expect(overdue!.subject).toMatch(/^Försenad 7 dagar: /);

    at('2015-07-08');
    expect((await followUpApi.complete(coordinator, id, completion('2015-05-31'))).status).toBe(200);
    at('2015-07-30');
    await followUpApi.runReminders();
    expect((await completionRemindersOf(id)).map((e) => e.source.kind)).toEqual([
      'completion-reminder-14',
      'completion-reminder7',
    ]);
  });
});
