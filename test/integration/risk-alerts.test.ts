import { afterEach, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import type { Email } from '../../shared/domain/email.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

/**
 * Issue 15, "Money at risk": from 1 October the daily job tells the programme management once a
 * week what of the year's grants will come back unused, and each area concerned to complete or to
 * declare — at most once per week, however often and however concurrently the job runs.
 */

afterEach(() => fixClock(undefined));
const at = (date: string) => fixClock(new Date(`${date}T06:00:00+02:00`));

const riskMails = async (): Promise<Email[]> =>
  (await unsentEmails())
    .filter(({ source }) => source.kind.startsWith('repayment-risk'))
    .map(({ email }) => email);

const run = async (times = 1) => {
  const results = await Promise.all(Array.from({ length: times }, () => followUpApi.runReminders()));
  return results;
};

describe('weekly e-mails about money at risk', () => {
  it('sends management one summary and the area one reminder a week from 1 October, never twice', async () => {
    at('2014-04-01');
    await api.putProgramme('kur2', kur2Programme());
    await api.putArea('gavle', areaBodyFor('gavle'));
    // Applied in spring 2014 with activities planned into 2015 (ending 31 May 2015).
    const created = await api.create(coordinatorOf('gavle'), applicationBody({ title: 'KUR 2 i Gävle' }));
    await api.submit(coordinatorOf('gavle'), created.body.id);
    await api.decide(admin, created.body.id, {
      outcome: 'approved',
      grantedByYear: { '2014': 120_000, '2015': 180_000 },
    });

    at('2014-09-30');
    await run();
    expect(await riskMails()).toEqual([]);

    // Wednesday 1 October (week 40): one of each, however often the job runs that week.
    at('2014-10-01');
    await run();
    await run(3);
    at('2014-10-05');
    await run(2);
    const week40 = await riskMails();
    expect(week40.map((m) => m.to)).toEqual(
      expect.arrayContaining([['kur@forsakringskassan.se'], ['samverkan.gavle@forsakringskassan.se']]),
    );
    expect(week40).toHaveLength(2);
    const summary = week40.find((m) => m.to[0] === 'kur@forsakringskassan.se');
    expect(summary?.subject).toBe('KUR 2: 120 000 kr riskerar att betalas tillbaka');
    expect(summary?.text.replace(/\s/g, ' ')).toContain(
      'KUR 2 i Gävle (LFC gavle), 120 000 kr, planerat slut 2015-05-31',
    );
    const reminder = week40.find((m) => m.to[0] === 'samverkan.gavle@forsakringskassan.se');
    expect(reminder?.text).toContain('Lämna tillbaka medel');

    // Monday 6 October is week 41: one more of each, even from four runs at once.
    at('2014-10-06');
    await run(4);
    expect(await riskMails()).toHaveLength(4);

    // Once the area has given back all of 2014, nothing is at risk: no more e-mails.
    at('2014-10-13');
    const underspend = await import('../../functions/applications/underspend.ts');
    const { invoke } = await import('../support/events.ts');
    const { routes } = await import('../../shared/http/routes.ts');
    const declared = await invoke(underspend.handler, routes.declareUnderspend, {
      caller: coordinatorOf('gavle'),
      path: { id: created.body.id },
      body: { year: 2014, amount: 120_000, reason: 'Allt genomförs 2015.' },
    });
    expect(declared.status).toBe(200);
    await run(2);
    expect(await riskMails()).toHaveLength(4);
  });
});
