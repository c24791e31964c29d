import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { sek } from '../../shared/domain/vocabulary.ts';
import { api } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';

const karlstad = coordinatorOf('karlstad');

beforeAll(async () => {
  await api.putProgramme('kur2');
  await api.putArea('karlstad');
  await api.putArea('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));
});
afterEach(() => fixClock(undefined));

const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));

describe('an application from draft to decision', () => {
  it('is drafted, edited, submitted and approved, with every step in its history', async () => {
    at('2014-06-02');
    const created = await api.create(karlstad, applicationBody({ title: 'Utkast' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      areaId: 'karlstad',
      programmeId: 'kur2',
    });
    const id = created.body.id as string;

    const edited = await api.replace(karlstad, id, applicationBody(), 1);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, title: 'Gemensam grund i Värmland' });
    expect(edited.headers.etag).toBe('"2"');

    const submitted = await api.submit(karlstad, id);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 3 });

    at('2014-06-20');
    const approved = await api.decide(admin, id, {
      outcome: 'approved',
      grantedByYear: { '2014': 100_000, '2015': 180_000 },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      version: 4,
      grantedByYear: { '2014': 100_000, '2015': 180_000 },
      decision: { outcome: 'approved', decidedOn: '2014-06-20' },
    });

    const history = await api.history(karlstad, id);
    expect(history.body.items.map((e: { action: string; version: number }) => [e.action, e.version])).toEqual(
      [
        ['created', 1],
        ['edited', 2],
        ['submitted', 3],
        ['approved', 4],
      ],
    );
    expect(history.body.items[3].actor).toBe(admin.email);
  });

  it('refuses at submit a budget line for a year that has ended, beside that line, as the decision would', async () => {
    at('2015-01-15');
    const created = await api.create(
      karlstad,
      applicationBody({
        budget: [
          { year: 2015, category: 'lecturer', amount: 50_000 },
          { year: 2014, category: 'processSupport', amount: 30_000 },
        ],
      }),
    );
    const refused = await api.submit(karlstad, created.body.id);
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      {
        rule: 'year-closed',
        message: expect.stringMatching(/^Året 2014 är avslutat, .*Ändra året till 2015 eller senare/),
        paths: ['budget.1.year'],
      },
    ]);
    expect((await api.get(karlstad, created.body.id)).body.status).toBe('draft');
  });

  it('says at submit by how much the area cap is exceeded, beside the budget', async () => {
    at('2014-06-02');
    await api.putProgramme('kur2-cap-submit', kur2Programme({ maxGrantPerArea: 200_000 }));
    const created = await api.create(
      karlstad,
      applicationBody({
        programmeId: 'kur2-cap-submit',
        budget: [{ year: 2014, category: 'lecturer', amount: 345_000 }],
      }),
    );
    const refused = await api.submit(karlstad, created.body.id);
    expect(refused.status).toBe(422);
    const [violation] = refused.body.violations;
    expect(violation.rule).toBe('area-cap-exceeded');
    expect(violation.paths).toEqual(['budget']);
    expect(violation.message).toContain(`söker nu ${sek(345_000)}. Det är ${sek(145_000)} över taket`);
  });
});
