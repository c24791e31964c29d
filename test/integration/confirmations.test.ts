import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as answerConfirmation } from '../../functions/confirmations/answer.ts';
import { handler as confirmationPage } from '../../functions/confirmations/page.ts';
import { handler as resendConfirmation } from '../../functions/confirmations/resend.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

/**
 * Anchoring before head office sees an application (issue 15, item 1): with the programme's
 * `requiresConfirmation`, submit sends the area manager and each partner a personal link; the
 * application waits until all confirm, and one decline returns it. Links cannot be guessed,
 * replayed, used after 14 days or after a new one was sent, or used for another application.
 */

const karlstad = coordinatorOf('karlstad');
const at = (date: string) => fixClock(new Date(`${date}T10:00:00+02:00`));
afterEach(() => fixClock(undefined));

const MANAGER = 'omradeschef.karlstad@forsakringskassan.se';
const CONFIRMERS = [
  MANAGER,
  'eva.ek@forsakringskassan.se',
  'per.berg@arbetsformedlingen.se',
  'lena.lind@karlstad.se',
  'omar.ali@regionvarmland.se',
];

beforeAll(async () => {
  expect((await api.putProgramme('kur2c', kur2Programme({ requiresConfirmation: true }))).status).toBe(201);
  expect((await api.putArea('karlstad', areaBody())).status).toBe(201);
});

const page = (token: string) => invoke(confirmationPage, routes.confirmationPage, { path: { token } });
const answer = (token: string, body: unknown) =>
  invoke(answerConfirmation, routes.answerConfirmation, { path: { token }, body });
const resend = (id: string, role: string, caller = karlstad) =>
  invoke(resendConfirmation, routes.resendConfirmation, { caller, path: { id, role } });

/** The personal link e-mailed to `email` about the application (the latest one). */
const tokenFor = async (applicationId: string, email: string): Promise<string> => {
  const sent = (await unsentEmails()).filter(
    (e) =>
      e.source.applicationId === applicationId &&
      e.email.to.includes(email) &&
      // The e-mails that carry a link (reminders only point at them).
      e.email.text.includes('/c/'),
  );
  const token = /\/c\/([A-Za-z0-9_-]{43})/.exec(sent.at(-1)?.email.text ?? '')?.[1];
  expect(token, `a link to ${email}`).toBeDefined();
  return token as string;
};

/** An application of kur2c, submitted on `date`: it waits for confirmation. */
const submitted = async (date = '2014-06-02', title = 'Gemensam grund i Värmland') => {
  at(date);
  const created = await api.create(karlstad, applicationBody({ programmeId: 'kur2c', title }));
  const sent = await api.submit(karlstad, created.body.id);
  expect(sent.status).toBe(200);
  return sent.body.id as string;
};

describe('submitting to a programme that requires confirmation', () => {
  it('waits for the area manager and every partner, each e-mailed a personal link naming the application', async () => {
    const id = await submitted();
    const app = (await api.get(admin, id)).body;
    expect(app.status).toBe('awaiting-confirmation');
    expect(
      app.confirmations.map((c: { role: string; email: string; status: string }) => [
        c.role,
        c.email,
        c.status,
      ]),
    ).toEqual([
      ['areaManager', MANAGER, 'pending'],
      ['forsakringskassan', CONFIRMERS[1], 'pending'],
      ['arbetsformedlingen', CONFIRMERS[2], 'pending'],
      ['kommun', CONFIRMERS[3], 'pending'],
      ['region', CONFIRMERS[4], 'pending'],
    ]);
    const requests = (await unsentEmails()).filter(
      (e) => e.source.applicationId === id && e.source.kind.startsWith('confirmation-'),
    );
    expect(requests.map((e) => e.email.to).sort()).toEqual(CONFIRMERS.map((email) => [email]).sort());
    expect(requests[0]?.email.subject).toBe('Bekräfta ansökan: Gemensam grund i Värmland (LFC Karlstad)');
    expect(requests[0]?.email.text).toContain('svara senast 2014-06-16');
    // Head office has nothing to decide yet, and no submission e-mail went out.
    expect((await api.decide(admin, id, { outcome: 'rejected', comment: 'Nej' })).status).toBe(409);
    expect(
      (await unsentEmails()).some((e) => e.source.applicationId === id && e.source.kind === 'submitted'),
    ).toBe(false);
  });

  it('becomes submitted (and is e-mailed as a submission) when the last one confirms', async () => {
    const id = await submitted();
    const tokens = await Promise.all(CONFIRMERS.map((email) => tokenFor(id, email)));
    const shown = await page(tokens[0] as string);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('Bekräfta ansökan: Gemensam grund i Värmland');
    expect(shown.body).toContain('chef för LFC Karlstad');
    for (const [index, token] of tokens.entries()) {
      const answered = await answer(token, { decision: 'confirmed' });
      expect(answered.status).toBe(200);
      expect(answered.body.status).toBe(index === tokens.length - 1 ? 'submitted' : 'awaiting-confirmation');
    }
    const app = (await api.get(admin, id)).body;
    expect(app.status).toBe('submitted');
    expect(
      app.confirmations.every((c: { status: string; at?: string }) => c.status === 'confirmed' && c.at),
    ).toBe(true);
    expect(
      (await unsentEmails()).filter((e) => e.source.applicationId === id && e.source.kind === 'submitted'),
    ).toHaveLength(1);
    const actions = (await api.history(admin, id)).body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'confirmed')).toHaveLength(5);
    expect((await api.decide(admin, id, { outcome: 'rejected', comment: 'Inte nu' })).status).toBe(200);
  });

  it('returns to the coordinator with the comment when one declines, and a new submit starts over', async () => {
    const id = await submitted();
    expect(
      (await answer(await tokenFor(id, CONFIRMERS[1] as string), { decision: 'confirmed' })).status,
    ).toBe(200);
    const regionToken = await tokenFor(id, CONFIRMERS[4] as string);
    const noComment = await answer(regionToken, { decision: 'declined' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors.map((e: { path: string }) => e.path)).toEqual(['comment']);
    const declined = await answer(regionToken, {
      decision: 'declined',
      comment: 'Regionen har inte budget för 2015.',
    });
    expect(declined.body.status).toBe('returned');
    const app = (await api.get(karlstad, id)).body;
    expect(app.status).toBe('returned');
    expect(app.confirmations.find((c: { role: string }) => c.role === 'region')).toMatchObject({
      status: 'declined',
      comment: 'Regionen har inte budget för 2015.',
    });
    const told = (await unsentEmails()).find(
      (e) => e.source.applicationId === id && e.source.kind === 'confirmation-declined',
    );
    expect(told?.email.to).toEqual(['samverkan.karlstad@forsakringskassan.se']);
    expect(told?.email.text).toContain('Regionen har inte budget för 2015.');
    // The other links died with the round; a new submit asks everyone again.
    expect((await answer(await tokenFor(id, MANAGER), { decision: 'confirmed' })).status).toBe(404);
    expect((await api.submit(karlstad, id)).body.status).toBe('awaiting-confirmation');
    expect(
      (await api.get(karlstad, id)).body.confirmations.every(
        (c: { status: string }) => c.status === 'pending',
      ),
    ).toBe(true);
    expect((await answer(await tokenFor(id, MANAGER), { decision: 'confirmed' })).status).toBe(200);
  });
});

describe('answers at the same moment', () => {
  it('count every one and submit the application exactly once', async () => {
    const id = await submitted('2014-06-02', 'Alla svarar samtidigt');
    const tokens = await Promise.all(CONFIRMERS.map((email) => tokenFor(id, email)));
    const answers = await Promise.all(tokens.map((token) => answer(token, { decision: 'confirmed' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.status === 'submitted')).toHaveLength(1);
    const app = (await api.get(admin, id)).body;
    expect(app.status).toBe('submitted');
    expect(app.confirmations.map((c: { status: string }) => c.status)).toEqual(Array(5).fill('confirmed'));
    const submissions = (await unsentEmails()).filter(
      (e) => e.source.applicationId === id && e.source.kind === 'submitted',
    );
    expect(submissions).toHaveLength(1);
  });
});

describe('links', () => {
  it('are single use', async () => {
    const id = await submitted();
    const token = await tokenFor(id, MANAGER);
    expect((await answer(token, { decision: 'confirmed' })).status).toBe(200);
    expect((await answer(token, { decision: 'declined', comment: 'Ändrade mig' })).status).toBe(404);
    expect((await page(token)).status).toBe(404);
    expect((await api.get(admin, id)).body.confirmations[0].status).toBe('confirmed');
  });

  it('expire after 14 days', async () => {
    const id = await submitted('2014-06-02');
    const token = await tokenFor(id, MANAGER);
    at('2014-06-16');
    expect((await page(token)).status).toBe(200);
    at('2014-06-17');
    const late = await page(token);
    expect(late.status).toBe(404);
    expect(late.body).toContain('Länken gäller inte längre');
    expect((await answer(token, { decision: 'confirmed' })).status).toBe(404);
  });

  it('cannot be tampered with or guessed: one changed character, or any other shape, is a 404', async () => {
    const id = await submitted();
    const token = await tokenFor(id, MANAGER);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [flipped, token.slice(1), `${token}x`, '../admin', '']) {
      expect((await page(bad)).status, bad).toBe(404);
      expect((await answer(bad, { decision: 'confirmed' })).status, bad).toBe(404);
    }
    expect((await api.get(admin, id)).body.confirmations[0].status).toBe('pending');
  });

  it('answer for their own application only', async () => {
    const first = await submitted('2014-06-02', 'Första ansökan');
    const second = await submitted('2014-06-02', 'Andra ansökan');
    const token = await tokenFor(first, MANAGER);
    expect((await page(token)).body).toContain('Första ansökan');
    expect((await answer(token, { decision: 'confirmed' })).status).toBe(200);
    expect((await api.get(admin, second)).body.confirmations[0].status).toBe('pending');
  });

  it('stop working when the coordinator sends a new one, which works', async () => {
    const id = await submitted();
    const old = await tokenFor(id, MANAGER);
    at('2014-06-10');
    const resent = await resend(id, 'areaManager');
    expect(resent.status).toBe(200);
    expect(resent.body.confirmations[0].sentAt).toBe(new Date('2014-06-10T08:00:00Z').toISOString());
    const fresh = await tokenFor(id, MANAGER);
    expect(fresh).not.toBe(old);
    expect((await page(old)).status).toBe(404);
    // The new link counts its 14 days from its own sending.
    at('2014-06-20');
    expect((await answer(fresh, { decision: 'confirmed' })).status).toBe(200);
    expect((await resend(id, 'areaManager')).status).toBe(409);
    expect((await resend(id, 'nobody')).status).toBe(404);
    expect((await resend(id, 'kommun', coordinatorOf('lulea'))).status).toBe(404);
  });
});

describe('reminders of unanswered links', () => {
  const remindersOf = async (id: string) =>
    (await unsentEmails())
      .filter((e) => e.source.applicationId === id && e.source.kind.startsWith('confirmation-reminder-'))
      .map((e) => [e.source.kind, e.email.to.join(','), e.email.subject] as const);

  it("follow the reminder policy from the link's last day, once per step under repeated and concurrent runs", async () => {
    const id = await submitted('2014-06-02', 'Påmind ansökan');
    expect((await answer(await tokenFor(id, MANAGER), { decision: 'confirmed' })).status).toBe(200);
    // KUR 2's offsets [-14, 0, 7, 30] from the last day, 2014-06-16; -14 is the sending day itself.
    at('2014-06-10');
    await followUpApi.runReminders();
    expect(await remindersOf(id)).toEqual([]);
    at('2014-06-16');
    await Promise.all([followUpApi.runReminders(), followUpApi.runReminders(), followUpApi.runReminders()]);
    await followUpApi.runReminders();
    const onLastDay = await remindersOf(id);
    expect(onLastDay.map(([, to]) => to).sort()).toEqual(CONFIRMERS.slice(1).sort());
    expect(onLastDay[0]?.[2]).toBe('Påminnelse: bekräfta ansökan Påmind ansökan senast 2014-06-16');
    // A week after the link ran out the area is told, once, and asked to send a new link.
    at('2014-06-23');
    await followUpApi.runReminders();
    await followUpApi.runReminders();
    const expired = (await remindersOf(id)).filter(([kind]) => kind === 'confirmation-reminder-7');
    expect(expired).toHaveLength(4);
    expect(new Set(expired.map(([, to]) => to))).toEqual(
      new Set(['samverkan.karlstad@forsakringskassan.se']),
    );
    expect(expired[0]?.[2]).toBe('Länken för att bekräfta Påmind ansökan har gått ut');
  });

  it('start over for a new link, and stop once the application no longer waits', async () => {
    const id = await submitted('2014-06-02', 'Ny länk');
    at('2014-06-14');
    expect((await resend(id, 'kommun')).status).toBe(200);
    at('2014-06-16');
    await followUpApi.runReminders();
    // The commune's new link lasts until 2014-06-28: no reminder for it yet.
    expect((await remindersOf(id)).map(([, to]) => to)).not.toContain('lena.lind@karlstad.se');
    at('2014-06-28');
    await followUpApi.runReminders();
    expect((await remindersOf(id)).filter(([, to]) => to === 'lena.lind@karlstad.se')).toHaveLength(1);
    const declined = await answer(await tokenFor(id, 'lena.lind@karlstad.se'), {
      decision: 'declined',
      comment: 'Nej',
    });
    expect(declined.body.status).toBe('returned');
    const before = (await remindersOf(id)).length;
    at('2014-07-30');
    await followUpApi.runReminders();
    expect(await remindersOf(id)).toHaveLength(before);
  });
});
