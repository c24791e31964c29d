import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { api } from '../support/api.ts';
import { admin, coordinatorOf, type TestCaller } from '../support/events.ts';
import { applicationBody, areaBody } from '../support/factories.ts';
import { keyAttributesIn } from '../support/table-contents.ts';

const own = coordinatorOf('karlstad');
const other = coordinatorOf('lulea');

beforeEach(() => fixClock(new Date('2014-06-01T10:00:00Z')));
afterEach(() => fixClock(undefined));

let draftId: string;
let submittedId: string;

beforeAll(async () => {
  fixClock(new Date('2014-06-01T10:00:00Z'));
  await api.putProgramme('kur2');
  await api.putArea('karlstad');
  await api.putArea('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));
  draftId = (await api.create(own, applicationBody())).body.id;
  submittedId = (await api.create(own, applicationBody())).body.id;
  await api.submit(own, submittedId);
});

type Who = 'admin' | 'own' | 'other' | 'none';
const callers: Record<Who, TestCaller | undefined> = { admin, own, other, none: undefined };

/**
 * Each route × caller: the status the contract promises. Another area's application is a 404
 * (its existence never leaks); no token is a 401; a role that may not act is a 403.
 */
const matrix: {
  route: string;
  call: (caller: TestCaller | undefined) => Promise<{ status: number }>;
  expect: Record<Who, number>;
}[] = [
  {
    route: 'GET /applications/{id}',
    call: (c) => api.get(c, draftId),
    expect: { admin: 200, own: 200, other: 404, none: 401 },
  },
  {
    route: 'GET /applications/{id}/history',
    call: (c) => api.history(c, draftId),
    expect: { admin: 200, own: 200, other: 404, none: 401 },
  },
  {
    route: 'PUT /applications/{id}',
    call: (c) => api.replace(c, draftId, applicationBody(), 1),
    // The coordinator's own edit succeeds once (version 1 → 2); the matrix runs it last.
    expect: { admin: 403, other: 404, none: 401, own: 200 },
  },
  {
    route: 'POST /applications/{id}/submit',
    call: (c) => api.submit(c, submittedId),
    expect: { admin: 403, other: 404, none: 401, own: 409 },
  },
  {
    route: 'POST /applications/{id}/decision',
    call: (c) => api.decide(c, submittedId, { outcome: 'returned' }),
    expect: { own: 403, other: 403, none: 401, admin: 200 },
  },
  {
    route: 'GET /applications',
    call: (c) => api.list(c),
    expect: { admin: 200, own: 200, other: 200, none: 401 },
  },
  {
    route: 'POST /applications',
    call: (c) => api.create(c, applicationBody({ areaId: 'karlstad' })),
    expect: { admin: 201, own: 201, other: 403, none: 401 },
  },
];

describe('who may do what with applications', () => {
  for (const row of matrix) {
    it(`${row.route}: ${Object.entries(row.expect)
      .map(([who, status]) => `${who} ${status}`)
      .join(', ')}`, async () => {
      for (const [who, status] of Object.entries(row.expect) as [Who, number][]) {
        const response = await row.call(callers[who]);
        expect({ who, status: response.status }).toEqual({ who, status });
      }
    });
  }

  it('takes a coordinator area from the token and requires admins to name it', async () => {
    const mine = await api.create(own, applicationBody());
    expect(mine.body.areaId).toBe('karlstad');
    const unnamed = await api.create(admin, applicationBody());
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([{ path: 'areaId', message: expect.any(String) }]);
    const unknownArea = await api.create(admin, applicationBody({ areaId: 'atlantis' }));
    expect(unknownArea.status).toBe(404);
    const unknownProgramme = await api.create(own, applicationBody({ programmeId: 'kur9' }));
    expect(unknownProgramme.status).toBe(404);
  });

  it('answers 404 for an id that cannot exist', async () => {
    expect((await api.get(admin, 'not-a-uuid')).status).toBe(404);
    expect((await api.get(admin, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('requires If-Match to replace a draft, and refuses a stale one', async () => {
    const created = await api.create(own, applicationBody());
    const missing = await api.replace(own, created.body.id, applicationBody({ title: 'Ny' }));
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('precondition-required');
    expect((await api.replace(own, created.body.id, applicationBody({ title: 'Ny' }), '"1"')).status).toBe(
      200,
    );
    const stale = await api.replace(own, created.body.id, applicationBody({ title: 'Äldre' }), '"1"');
    expect(stale.status).toBe(412);
    expect((await api.get(own, created.body.id)).body.title).toBe('Ny');
  });

  it('refuses edits once submitted', async () => {
    const created = await api.create(own, applicationBody());
    await api.submit(own, created.body.id);
    const edit = await api.replace(own, created.body.id, applicationBody(), 2);
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('invalid-transition');
  });

  it('accepts an incomplete draft, and lists every violation when it is submitted', async () => {
    const draft = await api.create(own, {
      programmeId: 'kur2',
      title: 'Halvfärdig',
      budget: [{ year: 2014, category: 'premises', amount: 1000 }],
    });
    expect(draft.status).toBe(201);
    const refused = await api.submit(own, draft.body.id);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('rule-violation');
    expect(refused.body.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(
      ['incomplete', 'ineligible-cost', 'missing-partner'].sort(),
    );
    expect((await api.get(own, draft.body.id)).body).toMatchObject({ status: 'draft', version: 1 });
  });
});

describe('listing applications', () => {
  beforeAll(async () => {
    await api.putProgramme('kur-list');
    await api.putArea('umea', areaBody({ name: 'LFC Umeå', region: 'nord' }));
    for (let i = 0; i < 5; i++) {
      fixClock(new Date(`2014-07-0${i + 1}T10:00:00Z`));
      const created = await api.create(
        coordinatorOf('umea'),
        applicationBody({ programmeId: 'kur-list', title: `Ansökan ${i}` }),
      );
      if (i % 2 === 0) await api.submit(coordinatorOf('umea'), created.body.id);
    }
    await api.create(own, applicationBody({ programmeId: 'kur-list', title: 'Karlstad' }));
  });

  const titles = (body: { items: { title: string }[] }) => body.items.map((a) => a.title);

  it('pages newest first with nextToken until the list ends', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await api.list(admin, {
        programmeId: 'kur-list',
        areaId: 'umea',
        limit: '2',
        ...(nextToken ? { nextToken } : {}),
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...titles(page.body));
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(seen).toEqual(['Ansökan 4', 'Ansökan 3', 'Ansökan 2', 'Ansökan 1', 'Ansökan 0']);
  });

  it('filters by programme, area and status', async () => {
    const submitted = await api.list(admin, { programmeId: 'kur-list', status: 'submitted' });
    expect(titles(submitted.body)).toEqual(['Ansökan 4', 'Ansökan 2', 'Ansökan 0']);
    const drafts = await api.list(coordinatorOf('umea'), { status: 'draft' });
    expect(titles(drafts.body)).toEqual(['Ansökan 3', 'Ansökan 1']);
    const all = await api.list(admin, { programmeId: 'kur-list' });
    expect(titles(all.body)).toHaveLength(6);
    // Items are the resource as GET answers it: no keys, no attributes kept only for reports.
    for (const item of all.body.items) expect(keyAttributesIn(item)).toEqual([]);
    expect(all.body.items[0]).not.toHaveProperty('activityTypes');
  });

  it('shows a coordinator only their own area', async () => {
    const mine = await api.list(own, { programmeId: 'kur-list' });
    expect(titles(mine.body)).toEqual(['Karlstad']);
    const others = await api.list(own, { areaId: 'umea' });
    expect(others.status).toBe(403);
  });

  it('refuses a nextToken minted for another caller or another query, and a forged one', async () => {
    const page = await api.list(admin, { programmeId: 'kur-list', limit: '1' });
    const token = page.body.nextToken as string;
    expect(token).toBeTruthy();
    const otherCaller = await api.list(coordinatorOf('umea'), {
      programmeId: 'kur-list',
      limit: '1',
      nextToken: token,
    });
    expect(otherCaller.status).toBe(400);
    expect(otherCaller.body.errors[0].path).toBe('nextToken');
    const otherQuery = await api.list(admin, { programmeId: 'kur2', limit: '1', nextToken: token });
    expect(otherQuery.status).toBe(400);
    expect((await api.list(admin, { programmeId: 'kur-list', nextToken: 'garbage!' })).status).toBe(400);
  });

  it('refuses a bad limit and unknown parameters', async () => {
    expect((await api.list(admin, { limit: '0' })).status).toBe(400);
    expect((await api.list(admin, { limit: '101' })).status).toBe(400);
    expect((await api.list(admin, { colour: 'blue' })).status).toBe(400);
    expect((await api.list(admin, { status: 'pending' })).status).toBe(400);
  });
});
