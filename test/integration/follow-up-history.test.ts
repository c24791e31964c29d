import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, kur2Programme } from '../support/factories.ts';

/**
 * An application's history (`GET /applications/{id}/history`, the form's "Historik" table) lists
 * what happened to the application with the application's version. A follow-up's submission or
 * waiver changes the follow-up, not the application: its event names the follow-up and shows the
 * version the application is at, so the column never jumps back to the follow-up's own counter.
 */
const karlstad = coordinatorOf('karlstad');
const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));
afterEach(() => fixClock(undefined));

beforeAll(async () => {
  at('2014-06-01');
  await api.putProgramme('kur2', kur2Programme({ maxGrantPerArea: 10_000_000 }));
  await api.putArea('karlstad');
});

describe('the history of an application with follow-ups', () => {
  it('shows follow-up events with the application’s version, never going back', async () => {
    at('2014-06-01');
    const body = applicationBody();
    const { body: created } = await api.create(karlstad, body);
    const id = created.id as string;
    await api.submit(karlstad, id);
    const granted: Record<string, number> = {};
    for (const line of body.budget ?? [])
      granted[String(line.year)] = (granted[String(line.year)] ?? 0) + line.amount;
    expect((await api.decide(admin, id, { outcome: 'approved', grantedByYear: granted })).status).toBe(200);
    at('2015-06-10');
    const completed = await followUpApi.complete(karlstad, id, {
      activities: [
        { type: 'knowledge', endedOn: '2015-03-31', participants: 120 },
        { type: 'collaborationPlan', endedOn: '2015-05-31' },
      ],
      costs: [{ year: 2015, category: 'processSupport', amount: 150_000 }],
    });
    expect(completed.status).toBe(200);
    const applicationVersion = completed.body.version as number;
    const [plan, sixMonths] = completed.body.followUps as { id: string; kind: string; dueOn: string }[];

    at('2015-06-13');
    expect((await followUpApi.submit(karlstad, plan!.id, { summary: 'Planen är antagen.' })).status).toBe(
      200,
    );
    at('2015-06-14');
    expect((await followUpApi.waive(admin, sixMonths!.id, { reason: 'Området har lagts ned.' })).status).toBe(
      200,
    );

    const events = (await api.history(admin, id)).body.items as {
      action: string;
      version: number;
      detail?: string;
    }[];
    expect(events.map((e) => [e.action, e.version])).toEqual([
      ['created', 1],
      ['submitted', 2],
      ['approved', 3],
      ['completed', applicationVersion],
      ['follow-up-submitted', applicationVersion],
      ['follow-up-waived', applicationVersion],
    ]);
    // Which follow-up each event is about stays in its detail.
    expect(events.slice(-2).map((e) => e.detail)).toEqual([
      `${plan!.kind} ${plan!.dueOn}`,
      `${sixMonths!.kind} ${sixMonths!.dueOn}`,
    ]);
  });
});
