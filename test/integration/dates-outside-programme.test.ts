import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, kur2Programme } from '../support/factories.ts';

/** KUR 2 runs 2014–2015: dates far outside it are typing mistakes, refused as rule violations. */

const karlstad = coordinatorOf('karlstad');
const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));
afterEach(() => fixClock(undefined));

beforeAll(async () => {
  at('2014-06-01');
  await api.putProgramme('kur2', kur2Programme({ maxGrantPerArea: 10_000_000 }));
  await api.putArea('karlstad');
});

const knowledgeOnly = (plannedEnd = '2015-03-31') =>
  applicationBody({
    activities: [{ ...applicationBody().activities![0]!, plannedEnd }],
    budget: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
  });

describe('dates outside the programme years', () => {
  it('refuses to submit an activity planned to end after the programme, naming the field', async () => {
    at('2014-06-01');
    const created = await api.create(karlstad, knowledgeOnly('2016-01-01'));
    const refused = await api.submit(karlstad, created.body.id);
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      {
        rule: 'year-outside-programme',
        message: expect.stringContaining('2014–2015'),
        paths: ['activities.0.plannedEnd'],
      },
    ]);
    expect((await api.get(karlstad, created.body.id)).body.status).toBe('draft');
  });

  it('refuses a completion that ended in year 1, and moves no obligation nor sends a reminder', async () => {
    at('2014-06-01');
    const created = await api.create(karlstad, knowledgeOnly());
    expect((await api.submit(karlstad, created.body.id)).status).toBe(200);
    const approved = await api.decide(admin, created.body.id, {
      outcome: 'approved',
      grantedByYear: { '2014': 100_000 },
    });
    expect(approved.status).toBe(200);

    at('2015-04-02');
    const refused = await followUpApi.complete(karlstad, created.body.id, {
      activities: [{ type: 'knowledge', endedOn: '0001-01-01' }],
      costs: [{ year: 2014, category: 'lecturer', amount: 90_000 }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      {
        rule: 'year-outside-programme',
        message: expect.stringContaining('2013–2016'),
        paths: ['activities.0.endedOn'],
      },
    ]);
    expect((await api.get(karlstad, created.body.id)).body.status).toBe('approved');
    const owed = (await followUpApi.list(admin, {})).body.items.filter(
      (f: { applicationId: string }) => f.applicationId === created.body.id,
    );
    // The obligation made at the approval stays on its planned date: nothing is due at once.
    expect(owed).toEqual([
      expect.objectContaining({ kind: 'competencePlan', anchor: 'planned', dueOn: '2015-06-30' }),
    ]);
    expect((await followUpApi.runReminders()).sent).toBe(0);
  });
});
