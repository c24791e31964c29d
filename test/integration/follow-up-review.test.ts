import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

/**
 * Head office reviews what an area handed in (accept, or return with a comment and a date to hand
 * in again), and an area asks to move a due date (approved or rejected): each one transaction with
 * its history event and e-mails; each refused when it does not fit the status.
 */

const MANAGEMENT = 'projektledning@forsakringskassan.se';
const at = (date: string) => fixClock(new Date(`${date}T06:00:00+02:00`));
afterEach(() => fixClock(undefined));

beforeAll(async () => {
  await api.putProgramme('kur2', kur2Programme({ managementEmails: [MANAGEMENT] }));
});

let areaSeq = 0;

/** An approved application in an area of its own; its plan is due 2015-05-31 (its planned end). */
const planOwed = async () => {
  const areaId = `review-${areaSeq++}`;
  const coordinator = coordinatorOf(areaId);
  await api.putArea(areaId, areaBodyFor(areaId));
  at('2014-06-01');
  const created = await api.create(coordinator, applicationBody({ title: `Plan i ${areaId}` }));
  expect((await api.submit(coordinator, created.body.id)).status).toBe(200);
  expect(
    (
      await api.decide(admin, created.body.id, {
        outcome: 'approved',
        grantedByYear: { '2014': 120_000, '2015': 180_000 },
      })
    ).status,
  ).toBe(200);
  const owed = (await followUpApi.list(coordinator)).body.items as { id: string; kind: string }[];
  const plan = owed.find((f) => f.kind === 'collaborationPlan');
  if (!plan) throw new Error('the approval made no plan obligation');
  return { applicationId: created.body.id as string, areaId, coordinator, planId: plan.id };
};

const outbox = unsentEmails;

const mailsOf = async (followUpId: string, kind: string) =>
  (await outbox()).filter((e) => e.source.followUpId === followUpId && e.source.kind === kind);

const reminderStepsOf = async (followUpId: string) =>
  (await outbox())
    .filter((e) => e.source.followUpId === followUpId && e.source.kind.startsWith('reminder'))
    .map((e) => e.email.subject);

const historyActions = async (applicationId: string) =>
  ((await api.history(admin, applicationId)).body.items as { action: string }[]).map((e) => e.action);

describe('review of what came in', () => {
  it('accepts a submission: the obligation is done, the coordinators are told, the history says so', async () => {
    const { applicationId, areaId, coordinator, planId } = await planOwed();
    at('2015-05-25');
    expect((await followUpApi.submit(coordinator, planId, { summary: 'Planen är klar.' })).status).toBe(200);

    at('2015-05-27');
    const accepted = await followUpApi.review(admin, planId, { outcome: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      daysLate: 0,
      review: { outcome: 'accepted', reviewedOn: '2015-05-27', reviewedBy: admin.email },
    });
    const [mail] = await mailsOf(planId, 'follow-up-accepted');
    expect(mail?.email.to).toEqual(areaBodyFor(areaId).coordinatorEmails);
    expect(mail?.email.subject).toContain('Godkänd');
    expect(await historyActions(applicationId)).toContain('follow-up-accepted');

    // Done: no reminder later, and no second review.
    at('2015-06-10');
    await followUpApi.runReminders();
    expect(await reminderStepsOf(planId)).toEqual([]);
    expect((await followUpApi.review(admin, planId, { outcome: 'returned', comment: 'x' })).status).toBe(409);
    const accepted2 = await followUpApi.list(admin, { status: 'accepted', areaId });
    expect(accepted2.body.items.map((f: { id: string }) => f.id)).toEqual([planId]);
  });

  it('returns a submission with a comment: pending again, a new date and a new round of reminders, lateness still against the agreed date', async () => {
    const { applicationId, areaId, coordinator, planId } = await planOwed();
    at('2015-06-03'); // three days late
    expect((await followUpApi.submit(coordinator, planId, { summary: 'Första versionen.' })).status).toBe(
      200,
    );

    at('2015-06-05');
    const noComment = await followUpApi.review(admin, planId, { outcome: 'returned' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors).toEqual([expect.objectContaining({ path: 'comment' })]);

    const returned = await followUpApi.review(admin, planId, {
      outcome: 'returned',
      comment: 'Planen saknar mål för regionen.\nKomplettera avsnitt 3.',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'pending',
      dueOn: '2015-05-31',
      resubmitBy: '2015-06-19',
      // Lateness counts from the agreed date, not from the new one.
      daysLate: 5,
      review: { outcome: 'returned', comment: 'Planen saknar mål för regionen.\nKomplettera avsnitt 3.' },
    });
    const [mail] = await mailsOf(planId, 'follow-up-returned');
    expect(mail?.email.to).toEqual(areaBodyFor(areaId).coordinatorEmails);
    expect(mail?.email.text).toContain('Planen saknar mål för regionen.');
    expect(mail?.email.subject).toContain('2015-06-19');
    expect(await historyActions(applicationId)).toContain('follow-up-returned');

    // The new round counts from 2015-06-19: its −14 step is due on 2015-06-05, today.
    const before = (await reminderStepsOf(planId)).length;
    await followUpApi.runReminders();
    expect(await reminderStepsOf(planId)).toHaveLength(before + 1);
    // It asks for the completed document by the new date.
    expect((await reminderStepsOf(planId)).at(-1)).toMatch(/^Komplettera: .*senast 2015-06-19$/);
    await followUpApi.runReminders();
    expect(await reminderStepsOf(planId)).toHaveLength(before + 1);

    at('2015-06-15');
    const again = await followUpApi.submit(coordinator, planId, { summary: 'Kompletterad plan.' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'submitted', submittedOn: '2015-06-15', daysLate: 15 });
    expect(again.body.submissions.map((s: { summary: string }) => s.summary)).toEqual([
      'Första versionen.',
      'Kompletterad plan.',
    ]);
    expect((await followUpApi.review(admin, planId, { outcome: 'accepted' })).body.reviews).toHaveLength(2);
  });

  it('reviews only what was handed in, and only head office reviews', async () => {
    const { planId, coordinator } = await planOwed();
    at('2015-05-01');
    const pending = await followUpApi.review(admin, planId, { outcome: 'accepted' });
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('invalid-transition');
    expect((await followUpApi.review(coordinator, planId, { outcome: 'accepted' })).status).toBe(403);
  });
});

describe('deferral of a due date', () => {
  it('moves the date when head office approves: a new round of reminders from the new date, the first date kept', async () => {
    const { applicationId, areaId, coordinator, planId } = await planOwed();
    at('2015-05-20');
    const notLater = await followUpApi.requestDeferral(coordinator, planId, {
      dueOn: '2015-05-31',
      reason: 'Samma dag',
    });
    expect(notLater.status).toBe(422);
    expect(notLater.body.violations).toEqual([
      expect.objectContaining({ rule: 'deferral-not-later', paths: ['dueOn'] }),
    ]);

    const asked = await followUpApi.requestDeferral(coordinator, planId, {
      dueOn: '2015-08-31',
      reason: 'Styrgruppen möts först i augusti.',
    });
    expect(asked.status).toBe(200);
    expect(asked.body.deferralRequest).toMatchObject({ dueOn: '2015-08-31', requestedOn: '2015-05-20' });
    const [toManagement] = await mailsOf(planId, 'deferral-requested');
    expect(toManagement?.email.to).toEqual([MANAGEMENT]);
    expect(toManagement?.email.text).toContain('Styrgruppen möts först i augusti.');

    const second = await followUpApi.requestDeferral(coordinator, planId, {
      dueOn: '2015-09-30',
      reason: 'Igen',
    });
    expect(second.status).toBe(409);

    at('2015-05-22');
    const approved = await followUpApi.decideDeferral(admin, planId, { outcome: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      dueOn: '2015-08-31',
      originalDueOn: '2015-05-31',
      status: 'pending',
    });
    expect(approved.body).not.toHaveProperty('deferralRequest');
    expect(approved.body.deferrals).toEqual([
      expect.objectContaining({ outcome: 'approved', previousDueOn: '2015-05-31', decidedBy: admin.email }),
    ]);
    const [answer] = await mailsOf(planId, 'deferral-approved');
    expect(answer?.email.to).toEqual(areaBodyFor(areaId).coordinatorEmails);
    expect(answer?.email.subject).toContain('2015-08-31');
    expect(await historyActions(applicationId)).toEqual(
      expect.arrayContaining(['deferral-requested', 'deferral-approved']),
    );

    // Nothing is due on the old date any more; the new round's −14 step comes 14 days before the new one.
    at('2015-06-01');
    await followUpApi.runReminders();
    const steps = await reminderStepsOf(planId);
    at('2015-08-17');
    await followUpApi.runReminders();
    const later = await reminderStepsOf(planId);
    expect(later).toHaveLength(steps.length + 1);
    expect(later.at(-1)).toContain('2015-08-31');
  });

  it('keeps the date when head office rejects, and answers only an open request', async () => {
    const { coordinator, planId } = await planOwed();
    at('2015-05-20');
    expect((await followUpApi.decideDeferral(admin, planId, { outcome: 'approved' })).status).toBe(409);
    await followUpApi.requestDeferral(coordinator, planId, { dueOn: '2015-06-30', reason: 'Sjukdom' });
    const rejected = await followUpApi.decideDeferral(admin, planId, {
      outcome: 'rejected',
      comment: 'Lämna in det ni har.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ dueOn: '2015-05-31', originalDueOn: '2015-05-31' });
    expect(rejected.body.deferrals).toEqual([
      expect.objectContaining({ outcome: 'rejected', comment: 'Lämna in det ni har.' }),
    ]);
    expect((await mailsOf(planId, 'deferral-rejected'))[0]?.email.text).toContain('Lämna in det ni har.');
  });

  it('is asked for by the area itself: another area cannot see the obligation, head office does not ask', async () => {
    const { planId } = await planOwed();
    at('2015-05-20');
    const other = await followUpApi.requestDeferral(coordinatorOf('somewhere-else'), planId, {
      dueOn: '2015-06-30',
      reason: 'x',
    });
    expect(other.status).toBe(404);
    expect(
      (await followUpApi.requestDeferral(admin, planId, { dueOn: '2015-06-30', reason: 'x' })).status,
    ).toBe(403);
  });
});
