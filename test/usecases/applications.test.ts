import { describe, expect, it } from 'vitest';
import type { Application } from '../../shared/domain/application.ts';
import type { Area } from '../../shared/domain/area.ts';
import { stockholmDate } from '../../shared/domain/dates.ts';
import type { DomainError } from '../../shared/domain/errors.ts';
import type { Caller } from '../../shared/domain/roles.ts';
import {
  type ApplicationChange,
  type ApplicationStore,
  type AreaStore,
  type Idempotency,
  LostRace,
  type ProgrammeStore,
} from '../../shared/ports.ts';
import type { ApplicationBody } from '../../shared/schemas/application.ts';
import { makeApplications } from '../../shared/usecases/applications.ts';
import { application, programme } from '../support/domain-factories.ts';
import { applicationBody, areaBody } from '../support/factories.ts';

/**
 * The application use cases on small in-memory ports: who may see and act on what, and how lost
 * races and stale versions are answered. The money invariants are tested on DynamoDB Local
 * (test/integration/money-invariants.test.ts); nothing here needs a table.
 */

const admin: Caller = { sub: 'admin-1', email: 'anna.admin@forsakringskassan.se', roles: ['admin'] };
const coordinatorOf = (areaId: string): Caller => ({
  sub: `coordinator-${areaId}`,
  email: `samverkan.${areaId}@forsakringskassan.se`,
  roles: ['coordinator'],
  areaId,
});
const karlstad = coordinatorOf('karlstad');
const lulea = coordinatorOf('lulea');

const STAMP = '2014-01-01T00:00:00.000Z';
const area = (id: string): Area => ({ ...areaBody(), id, version: 1, createdAt: STAMP, updatedAt: STAMP });

/** An application store in a Map that checks versions as the table does; it can be made to lose races. */
const applicationStore = (initial: Application[] = []) => {
  const stored = new Map(initial.map((app) => [app.id, app]));
  const writes: ApplicationChange[] = [];
  let racesToLose = 0;
  const store: ApplicationStore = {
    get: async (id) => stored.get(id),
    write: async (change) => {
      if (racesToLose > 0) {
        racesToLose--;
        throw new LostRace();
      }
      if ((stored.get(change.next.id)?.version ?? 0) !== change.previousVersion) throw new LostRace();
      stored.set(change.next.id, change.next);
      writes.push(change);
    },
    history: async () => [],
    query: async () => ({ items: [...stored.values()] }),
  };
  return {
    store,
    writes,
    stored,
    /** The next `count` writes find that someone else wrote first. */
    loseRaces: (count: number) => {
      racesToLose = count;
    },
  };
};

const build = (apps: Application[] = []) => {
  const applications = applicationStore(apps);
  const kur2 = programme();
  const programmes: ProgrammeStore = {
    get: async (id) => (id === kur2.id ? kur2 : undefined),
    list: async () => [kur2],
    grantsSnapshot: async () => {
      throw new Error('not used here');
    },
    save: async () => {
      throw new Error('not used here');
    },
    grantedToArea: async () => 0,
    yearTotals: async () => ({}),
  };
  const areas: AreaStore = {
    get: async (id) => (['karlstad', 'lulea'].includes(id) ? area(id) : undefined),
    list: async () => [area('karlstad'), area('lulea')],
    save: async () => {},
  };
  const idempotency: Idempotency = { once: async (request, run) => run(request.body) };
  const now = new Date('2014-06-01T10:00:00.000Z');
  const useCases = makeApplications({
    applications: applications.store,
    programmes,
    areas,
    followUps: { ofApplication: async () => [] },
    idempotency,
    clock: { now: () => new Date(now), today: () => stockholmDate(now) },
    formUrl: 'https://kur.example.se/',
  });
  return { useCases, applications };
};

const invocation = { getRemainingTimeInMillis: () => 10_000 };

/** The error a call is refused with, as the API answers it: status and code. */
const refusal = async (call: Promise<unknown>) => {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as DomainError | undefined;
  return error && { status: error.status, code: error.code };
};

const withoutArea = (): ApplicationBody => {
  const { areaId: _area, ...body } = applicationBody();
  return body;
};

describe('who sees and acts on an application', () => {
  it('hides another area’s application from a coordinator (404), and shows it to its own and to admins', async () => {
    const app = application({ areaId: 'karlstad' });
    const { useCases } = build([app]);
    expect(await refusal(useCases.get(lulea, app.id))).toEqual({ status: 404, code: 'not-found' });
    expect(await refusal(useCases.history(lulea, app.id))).toEqual({ status: 404, code: 'not-found' });
    expect(await refusal(useCases.submit(lulea, app.id))).toEqual({ status: 404, code: 'not-found' });
    expect((await useCases.get(karlstad, app.id)).id).toBe(app.id);
    expect((await useCases.get(admin, app.id)).id).toBe(app.id);
  });

  it('refuses a coordinator creating for another area (403) and writes nothing', async () => {
    const { useCases, applications } = build();
    const refused = await refusal(
      useCases.create(karlstad, { ...withoutArea(), areaId: 'lulea' }, undefined, invocation),
    );
    expect(refused).toEqual({ status: 403, code: 'forbidden' });
    expect(applications.writes).toEqual([]);
  });

  it('creates for the coordinator’s own area from the token when the body names none', async () => {
    const { useCases } = build();
    const created = await useCases.create(karlstad, withoutArea(), undefined, invocation);
    expect(created).toMatchObject({ areaId: 'karlstad', status: 'draft', version: 1 });
  });

  it('asks an administrator to name the area (400 on areaId)', async () => {
    const { useCases, applications } = build();
    const error = await useCases.create(admin, withoutArea(), undefined, invocation).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'validation-failed', errors: [{ path: 'areaId' }] });
    expect(applications.writes).toEqual([]);
    expect(
      await useCases.create(admin, { ...withoutArea(), areaId: 'lulea' }, undefined, invocation),
    ).toMatchObject({ areaId: 'lulea' });
  });
});

describe('races and versions', () => {
  it('decides again after a lost race, and succeeds once nobody else is writing', async () => {
    const app = application({ areaId: 'karlstad' });
    const { useCases, applications } = build([app]);
    applications.loseRaces(2);
    expect(await useCases.submit(karlstad, app.id)).toMatchObject({ status: 'submitted', version: 2 });
    expect(applications.writes).toHaveLength(1);
  });

  it('answers 503 retry-later when every attempt loses its race, never a 500', async () => {
    const app = application({ areaId: 'karlstad' });
    const { useCases, applications } = build([app]);
    applications.loseRaces(Number.POSITIVE_INFINITY);
    expect(await refusal(useCases.submit(karlstad, app.id))).toEqual({ status: 503, code: 'retry-later' });
    expect(applications.stored.get(app.id)).toEqual(app);
  });

  it('refuses a replace whose If-Match is stale (412) and keeps the stored draft', async () => {
    const app = application({ areaId: 'karlstad', version: 3 });
    const { useCases, applications } = build([app]);
    const body = { ...withoutArea(), title: 'Ny titel' };
    expect(await refusal(useCases.replace(karlstad, app.id, 2, body))).toEqual({
      status: 412,
      code: 'precondition-failed',
    });
    expect(applications.stored.get(app.id)).toEqual(app);
    expect(await useCases.replace(karlstad, app.id, 3, body)).toMatchObject({
      title: 'Ny titel',
      version: 4,
    });
  });

  it('answers 412 when another writer wins between reading and writing a replace', async () => {
    const app = application({ areaId: 'karlstad' });
    const { useCases, applications } = build([app]);
    applications.loseRaces(1);
    expect(await refusal(useCases.replace(karlstad, app.id, 1, withoutArea()))).toEqual({
      status: 412,
      code: 'precondition-failed',
    });
  });
});
