import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as runReport } from '../../functions/reports/run.ts';
import { handler as surveyPageHandler } from '../../functions/surveys/page.ts';
import { handler as respondHandler } from '../../functions/surveys/respond.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { surveyRateKey } from '../../shared/adapters/dynamodb/keys.ts';
import { toComments, toMonth } from '../../shared/adapters/dynamodb/survey-tally-items.ts';
import { tokenHash } from '../../shared/adapters/sealed-token.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, httpEvent, invoke, lambdaContext } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { tableItems } from '../support/table-contents.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

/**
 * Participant surveys (issue 14): a KUR 1 programme surveys its knowledge activities after the end
 * and six months later; each round's anonymous link opens on its due date and closes 30 days later.
 */

const at = (date: string, time = '12:00:00') => fixClock(new Date(`${date}T${time}+01:00`));
afterEach(() => fixClock(undefined));

const KUR1_RULES = [
  { kind: 'developmentPlan', appliesTo: 'any', anchor: 'knowledge', offset: 'P6W' },
  { kind: 'participantSurvey', appliesTo: 'any', anchor: 'knowledge', offset: 'P0D' },
  { kind: 'participantSurvey', appliesTo: 'any', anchor: 'knowledge', offset: 'P6M' },
] as const;

const kur1 = (id: string) =>
  api.putProgramme(
    id,
    kur2Programme({
      name: 'KUR 1',
      activityTypes: ['knowledge'],
      years: [2009, 2010, 2011, 2012].map((year) => ({ year, appropriation: 7_500_000 })),
      maxGrantPerArea: 1_000_000,
      followUpRules: [...KUR1_RULES],
      surveys: { rounds: ['P0D', 'P6M'] },
    }),
  );

/** A training in the area ending 2011-11-30, approved on 2011-06-01: its rounds open 2011-11-30 and 2012-05-30. */
const approvedTraining = async (programmeId: string, areaId: string) => {
  at('2011-06-01');
  const caller = coordinatorOf(areaId);
  const created = await api.create(
    caller,
    applicationBody({
      programmeId,
      title: `Utbildning i ${areaId}`,
      activities: [
        {
          type: 'knowledge',
          description: 'Gemensam utbildning om psykisk ohälsa.',
          plannedStart: '2011-09-01',
          plannedEnd: '2011-11-30',
        },
      ],
      budget: [{ year: 2011, category: 'lecturer', description: 'Föreläsare', amount: 100_000 }],
    }),
  );
  expect(created.status).toBe(201);
  expect((await api.submit(caller, created.body.id)).status).toBe(200);
  const decided = await api.decide(admin, created.body.id, {
    outcome: 'approved',
    grantedByYear: { '2011': 100_000 },
  });
  expect(decided.status).toBe(200);
  const list = await followUpApi.list(admin, { areaId });
  const surveys = list.body.items.filter(
    (f: { applicationId: string; kind: string }) =>
      f.applicationId === created.body.id && f.kind === 'participantSurvey',
  );
  const rounds = await Promise.all(
    surveys.map(async (f: { id: string }) => (await followUpApi.get(caller, f.id)).body),
  );
  return rounds.sort((a, b) => a.survey.round - b.survey.round) as {
    id: string;
    status: string;
    submittedOn?: string;
    survey: { round: number; opensOn: string; closesOn: string; url: string; responses: number };
  }[];
};

const tokenOf = (url: string) => new URL(url).pathname.split('/').at(-1) ?? '';

const page = (token: string, cookies?: string[]) =>
  surveyPageHandler(
    { ...httpEvent(routes.surveyPage, { path: { token } }), ...(cookies ? { cookies } : {}) },
    lambdaContext(),
  ) as Promise<APIGatewayProxyStructuredResultV2>;

const answer = async (token: string, body: unknown, cookies?: string[]) => {
  const result = (await respondHandler(
    { ...httpEvent(routes.surveyResponse, { path: { token }, body }), ...(cookies ? { cookies } : {}) },
    lambdaContext(),
  )) as APIGatewayProxyStructuredResultV2;
  const json = result.body ? JSON.parse(result.body) : undefined;
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    cookies: result.cookies ?? [],
    body: json,
  };
};

const round1 = (rating: number, valuable: string, extra: Record<string, unknown> = {}) => ({
  rating,
  valuable,
  moreNeeded: 'yes',
  ...extra,
});

const report = (programmeId: string, extra: Record<string, unknown> = {}) =>
  invoke(runReport, routes.runReport, {
    caller: admin,
    body: { type: 'survey-results', programmeId, ...extra },
  });

beforeAll(async () => {
  for (const areaId of ['karlstad', 'lulea', 'umea']) {
    expect([200, 201]).toContain((await api.putArea(areaId, areaBodyFor(areaId))).status);
  }
});

describe('a survey round', () => {
  it('shows its anonymous link on the follow-up; the table holds the token only hashed', async () => {
    expect((await kur1('kur1-link')).status).toBe(201);
    const [first, second] = await approvedTraining('kur1-link', 'karlstad');
    expect(first?.survey).toEqual({
      round: 1,
      opensOn: '2011-11-30',
      closesOn: '2011-12-30',
      url: expect.stringMatching(/\/s\/[A-Za-z0-9_-]{43}$/),
      responses: 0,
    });
    expect(second?.survey).toMatchObject({ round: 2, opensOn: '2012-05-30', closesOn: '2012-06-29' });
    expect(second?.survey.url).not.toBe(first?.survey.url);
    // Asked again, the same link.
    const again = await followUpApi.get(coordinatorOf('karlstad'), first?.id ?? '');
    expect(again.body.survey.url).toBe(first?.survey.url);
    const token = tokenOf(first?.survey.url ?? '');
    const stored = JSON.stringify(await tableItems());
    expect(stored).not.toContain(token);
    expect(stored).toContain(tokenHash(token));
  });

  it('opens on its due date and closes 30 days later: early and late answers are refused', async () => {
    await kur1('kur1-dates');
    const [first] = await approvedTraining('kur1-dates', 'karlstad');
    const token = tokenOf(first?.survey.url ?? '');

    at('2011-11-29', '23:30:00');
    const before = await page(token);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Enkäten är inte öppen än');
    expect(before.body).toContain('2011-11-30');
    expect((await answer(token, round1(4, 'yes'))).status).toBe(404); // early

    at('2011-11-30', '00:10:00');
    const open = await page(token);
    expect(open.body).toContain('Deltagarenkät 1');
    expect(open.body).toContain('Var det värdefullt att utbildningen genomfördes tillsammans');
    expect(open.body).not.toContain('Använder du kunskaperna'); // round 2's question
    expect(open.headers?.['content-security-policy']).toContain("default-src 'none'");
    expect((await answer(token, round1(4, 'yes'))).status).toBe(201);

    at('2011-12-30', '23:50:00');
    expect((await answer(token, round1(5, 'yes'))).status).toBe(201); // the closing day still counts

    at('2011-12-31', '00:05:00');
    const closed = await page(token);
    expect(closed.statusCode).toBe(200);
    expect(closed.body).toContain('Enkäten är stängd');
    const late = await answer(token, round1(3, 'no'));
    expect(late.status).toBe(404);
    expect(late.body.code).toBe('not-found');
    // Closed and unknown answer alike.
    const unknown = await answer('A'.repeat(43), round1(3, 'no'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe(late.body.detail);
    expect((await page('A'.repeat(43))).statusCode).toBe(404);
    expect((await page('not-a-token')).statusCode).toBe(404);
  });

  it('takes one answer per browser: the cookie it sets makes the second a 409', async () => {
    await kur1('kur1-cookie');
    const [first] = await approvedTraining('kur1-cookie', 'karlstad');
    const token = tokenOf(first?.survey.url ?? '');
    at('2011-12-01');
    const answered = await answer(token, round1(4, 'yes'));
    expect(answered.status).toBe(201);
    const cookie = answered.cookies[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^enkat-besvarad=1; Path=/s/${token};`));
    expect(cookie).toContain('HttpOnly');
    const nameValue = cookie.split(';')[0] ?? '';
    const again = await answer(token, round1(2, 'no'), [nameValue]);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already-answered');
    expect((await page(token, [nameValue])).body).toContain('Du har redan svarat');
    expect((await followUpApi.get(admin, first?.id ?? '')).body.survey.responses).toBe(1);
  });

  it('validates the body: round 2’s questions are not round 1’s, ratings are 1–5, markup is text', async () => {
    await kur1('kur1-body');
    const [first, second] = await approvedTraining('kur1-body', 'karlstad');
    at('2011-12-01');
    const token = tokenOf(first?.survey.url ?? '');
    const extra = await answer(token, round1(4, 'yes', { usesKnowledge: 'yes' }));
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([{ path: 'usesKnowledge', message: expect.any(String) }]);
    expect((await answer(token, round1(6, 'yes'))).status).toBe(400);
    expect((await answer(token, { ...round1(4, 'yes'), name: 'Eva' })).status).toBe(400);
    expect((await answer(token, round1(4, 'kanske'))).status).toBe(400);
    expect((await answer(token, round1(4, 'yes', { comment: 'x'.repeat(2001) }))).status).toBe(400);
    expect((await answer(token, '{not json')).status).toBe(400);
    expect((await answer(token, round1(4, 'yes', { comment: '<script>alert(1)</script>' }))).status).toBe(
      201,
    );

    at('2012-06-01');
    const token2 = tokenOf(second?.survey.url ?? '');
    expect((await answer(token2, round1(4, 'yes'))).status).toBe(400); // round 2 asks four
    expect(
      (await answer(token2, round1(4, 'yes', { usesKnowledge: 'no', workImproved: 'unknown' }))).status,
    ).toBe(201);
    const results = await report('kur1-body', { asOf: '2012-12-31' });
    expect(results.body.comments).toEqual([
      { areaId: 'karlstad', areaName: expect.any(String), round: 1, text: '<script>alert(1)</script>' },
    ]);
  });

  it('limits answers per link and minute: over the limit is a 429 with Retry-After', async () => {
    await kur1('kur1-rate');
    const [first] = await approvedTraining('kur1-rate', 'karlstad');
    const token = tokenOf(first?.survey.url ?? '');
    at('2011-12-01', '10:15:20');
    await dynamo.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...surveyRateKey(tokenHash(token), '2011-12-01T09:15'), answers: 60 },
      }),
    );
    const refused = await answer(token, round1(4, 'yes'));
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too-many-requests');
    expect(refused.headers['retry-after']).toBe('40');
    at('2011-12-01', '10:16:01');
    expect((await answer(token, round1(4, 'yes'))).status).toBe(201);
  });
});

describe('the daily run', () => {
  it('e-mails the link once when the round opens, and hands the round in on its closing day once answered', async () => {
    await kur1('kur1-daily');
    const [first, second] = await approvedTraining('kur1-daily', 'umea');
    const url = first?.survey.url ?? '';
    const mailsAbout = async (id: string) =>
      (await unsentEmails()).filter(
        (m) => m.source.followUpId === id && m.source.kind.startsWith('survey-opened'),
      );

    at('2011-11-29', '06:00:00');
    await followUpApi.runReminders();
    expect(await mailsAbout(first?.id ?? '')).toEqual([]);

    at('2011-11-30', '06:00:00');
    await followUpApi.runReminders();
    await followUpApi.runReminders();
    const mails = await mailsAbout(first?.id ?? '');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.email.to).toEqual(areaBodyFor('umea').coordinatorEmails);
    expect(mails[0]?.email.text).toContain(url);
    expect(mails[0]?.email.subject).toContain('Deltagarenkät 1 öppen');

    at('2011-12-05');
    expect((await answer(tokenOf(url), round1(4, 'yes'))).status).toBe(201);

    at('2011-12-30', '06:00:00');
    await followUpApi.runReminders();
    expect((await followUpApi.get(admin, first?.id ?? '')).body.status).toBe('pending'); // still open today

    at('2011-12-31', '06:00:00');
    await followUpApi.runReminders();
    await followUpApi.runReminders();
    const handedIn = await followUpApi.get(admin, first?.id ?? '');
    expect(handedIn.body).toMatchObject({ status: 'submitted', submittedOn: '2011-12-30' });
    expect(handedIn.body.submissions).toHaveLength(1);

    // Round 2 gets no answer: it stays pending after closing, overdue.
    at('2012-07-15', '06:00:00');
    await followUpApi.runReminders();
    const unanswered = await followUpApi.get(admin, second?.id ?? '');
    expect(unanswered.body.status).toBe('pending');
    expect(unanswered.body.daysLate).toBeGreaterThan(0);
  });
});

describe('report survey-results', () => {
  it('reproduces KUR 1: 3,9 of 5; 89 %; 85 %; about 40 %; about 25 %', async () => {
    await kur1('kur1-repro');
    const trainings = [
      await approvedTraining('kur1-repro', 'karlstad'),
      await approvedTraining('kur1-repro', 'lulea'),
    ];
    const links = trainings.map((rounds) => rounds.map((r) => tokenOf(r.survey.url)));

    // Round 1, right after the training: ten participants, nine ratings of 4 and one of 3 (3,9);
    // eight find training together valuable, one not, one does not know (8 / 9 = 89 %).
    at('2011-12-02');
    const first = [
      ...Array.from({ length: 8 }, () => round1(4, 'yes')),
      round1(4, 'no'),
      round1(3, 'unknown', { comment: 'Cheferna borde ha varit med.' }),
    ];
    for (const [i, body] of first.entries()) {
      expect((await answer(links[i % 2]?.[0] ?? '', body)).status).toBe(201);
    }

    // Round 2, six months later: twenty participants; 17 of 20 want more joint training (85 %),
    // 8 of 20 use the knowledge (40 %), 5 of 20 see rehabilitation work improved (25 %).
    at('2012-06-05');
    for (let i = 0; i < 20; i++) {
      const body = {
        rating: 4,
        valuable: 'yes',
        moreNeeded: i < 17 ? 'yes' : 'no',
        usesKnowledge: i < 8 ? 'yes' : 'no',
        workImproved: i < 5 ? 'yes' : 'no',
      };
      expect((await answer(links[i % 2]?.[1] ?? '', body)).status).toBe(201);
    }

    at('2012-12-31');
    const json = await report('kur1-repro');
    expect(json.status).toBe(200);
    const [r1, r2] = json.body.rounds;
    expect(r1).toMatchObject({ round: 1, responses: 10, meanRating: 3.9 });
    expect(r1.shares.valuable).toBe(89);
    expect(r2).toMatchObject({ round: 2, responses: 20 });
    expect(r2.shares).toMatchObject({ moreNeeded: 85, usesKnowledge: 40, workImproved: 25 });
    expect(
      json.body.areas.map((a: { areaId: string; round: number; responses: number }) => [
        a.areaId,
        a.round,
        a.responses,
      ]),
    ).toEqual([
      ['karlstad', 1, 5],
      ['karlstad', 2, 10],
      ['lulea', 1, 5],
      ['lulea', 2, 10],
    ]);

    const csv = await invoke(runReport, routes.runReport, {
      caller: admin,
      body: { type: 'survey-results', programmeId: 'kur1-repro', format: 'csv', table: 'rounds' },
    });
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toBe('1;10;3,9;89;100;;');
    expect(lines[2]).toBe('2;20;4,0;100;85;40;25');
  });

  it('lists every comment: a month’s comments travel with its sums up to 4 KB, then on their day’s page up to 4 KB, then apart; a past day counts by days', async () => {
    await kur1('kur1-comments');
    const [round] = await approvedTraining('kur1-comments', 'umea');
    const token = tokenOf(round?.survey.url ?? '');
    at('2011-12-02');
    const long = (letter: string) => `${letter.repeat(1_990)} slut.`;
    for (const letter of ['a', 'b', 'c', 'd', 'e']) {
      expect((await answer(token, round1(4, 'yes', { comment: long(letter) }))).status).toBe(201);
    }
    at('2011-12-05');
    expect((await answer(token, round1(5, 'yes', { comment: 'Kort och bra.' }))).status).toBe(201);

    at('2012-01-10');
    const json = await report('kur1-comments');
    expect(json.status).toBe(200);
    expect(json.body.rounds[0]).toMatchObject({ round: 1, responses: 6, meanRating: 4.2 });
    expect(json.body.comments.map((c: { text: string }) => c.text).sort()).toEqual(
      [...['a', 'b', 'c', 'd', 'e'].map(long), 'Kort och bra.'].sort(),
    );
    // a, b and the short one fit in the month's 4 KB; c and d on 2 December's page; e on its own.
    const items = await tableItems();
    const month = items.find((i) => String(i.pk) === 'PROGRAMME#kur1-comments#SURVEYTALLIES');
    expect(month && toMonth(month).comments.map((c) => c.text[0])).toEqual(['a', 'b', 'K']);
    const apart = items.filter((i) => String(i.pk) === 'PROGRAMME#kur1-comments#SURVEYCOMMENTS');
    expect(apart.map((i) => toComments(i).map((c) => c.text[0]))).toEqual([['c', 'd'], ['e']]);

    // As of a past day within the month: that month is counted by its days.
    const earlier = await report('kur1-comments', { asOf: '2011-12-04' });
    expect(earlier.body.rounds[0]).toMatchObject({ round: 1, responses: 5, meanRating: 4 });
    expect(earlier.body.comments).toHaveLength(5);
  });
});
