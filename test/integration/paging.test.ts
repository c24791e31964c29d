import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { applicationPartitions, followUpPartitions } from '../../shared/adapters/dynamodb/keys.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, type TestCaller } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';

/**
 * Paging through `GET /applications` and `GET /follow-ups`: a page carries a `nextToken` only when
 * more items follow, and a `nextToken` the caller changed in any way is a 400 naming it — never a
 * 5xx, never a page of someone else's query.
 */

afterEach(() => fixClock(undefined));
const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));

type Answer = { status: number; body: { items: { id: string }[]; nextToken?: string } };

/** Every page of a list, following `nextToken`, and the number of items on each page. */
const allPages = async (
  list: (query: Record<string, string>) => Promise<Answer>,
  query: Record<string, string>,
) => {
  const sizes: number[] = [];
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await list({ ...query, ...(nextToken ? { nextToken } : {}) });
    expect(page.status).toBe(200);
    sizes.push(page.body.items.length);
    ids.push(...page.body.items.map((item) => item.id));
    nextToken = page.body.nextToken;
    if (sizes.length > 20) throw new Error('paging does not end');
  } while (nextToken);
  return { sizes, ids };
};

/**
 * What a caller can do to a token they hold: its readable part is base64url JSON with the last key
 * under `k`; anything after a dot (a signature) is kept as it was.
 */
const tamper = (token: string, change: (payload: { k: Record<string, string>; b?: string }) => void) => {
  const [readable = '', ...rest] = token.split('.');
  const payload = JSON.parse(Buffer.from(readable, 'base64url').toString('utf8'));
  change(payload);
  return [Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url'), ...rest].join('.');
};

/** The binding a token once carried: a plain hash of values every caller knows. */
const plainBinding = (
  owner: string,
  index: string,
  partition: string,
  { filters = [] as unknown[], ascending = false } = {},
) =>
  createHash('sha256')
    .update(JSON.stringify([owner, index, partition, filters, null, ascending]))
    .digest('base64url')
    .slice(0, 22);

const expectBadToken = (answer: { status: number; body: { code?: string; errors?: { path: string }[] } }) => {
  expect(answer.status).toBe(400);
  expect(answer.body.code).toBe('validation-failed');
  expect(answer.body.errors?.map((e) => e.path)).toEqual(['nextToken']);
};

const listApplications = (caller: TestCaller) => (query: Record<string, string>) =>
  api.list(caller, query) as Promise<Answer>;
const listFollowUps = (caller: TestCaller) => (query: Record<string, string>) =>
  followUpApi.list(caller, query) as Promise<Answer>;

const umea = coordinatorOf('umea');
const ostersund = coordinatorOf('ostersund');
const kiruna = coordinatorOf('kiruna');

/** Ids of the applications created, in creation order. */
const created = { umea: [] as string[], ostersund: [] as string[], kiruna: [] as string[] };

beforeAll(async () => {
  at('2014-06-01');
  await api.putProgramme('kur2', kur2Programme({ maxGrantPerArea: 10_000_000 }));
  await api.putProgramme('kur-seven', kur2Programme());
  for (const id of ['umea', 'ostersund', 'kiruna'])
    await api.putArea(id, areaBody({ name: `LFC ${id}`, region: 'nord' }));

  // Umeå: exactly 4 applications in KUR 2.
  for (let i = 0; i < 4; i++) {
    at(`2014-06-0${i + 1}`);
    created.umea.push((await api.create(umea, applicationBody({ title: `Umeå ${i}` }))).body.id);
  }
  // Östersund: 4 submitted among 3 drafts, so that a status filter skips items between matches.
  for (let i = 0; i < 7; i++) {
    at(`2014-06-0${i + 1}`);
    const id = (await api.create(ostersund, applicationBody({ title: `Östersund ${i}` }))).body.id;
    if (i % 2 === 0) expect((await api.submit(ostersund, id)).status).toBe(200);
    created.ostersund.push(id);
  }
  // Kiruna: 7 applications of another programme.
  for (let i = 0; i < 7; i++) {
    at(`2014-06-0${i + 1}`);
    created.kiruna.push(
      (await api.create(kiruna, applicationBody({ programmeId: 'kur-seven', title: `Kiruna ${i}` }))).body.id,
    );
  }
});

describe('pages of GET /applications', () => {
  it('ends 4 items with limit 2 after exactly 2 pages, the second without nextToken', async () => {
    const { sizes, ids } = await allPages(listApplications(admin), {
      programmeId: 'kur2',
      areaId: 'umea',
      limit: '2',
    });
    expect(sizes).toEqual([2, 2]);
    expect(ids).toEqual([...created.umea].reverse());
  });

  it('does the same with a status filter on an area partition', async () => {
    const submitted = created.ostersund.filter((_, i) => i % 2 === 0).reverse();
    for (const query of [
      { areaId: 'ostersund', status: 'submitted', limit: '2' } as Record<string, string>,
      { programmeId: 'kur2', areaId: 'ostersund', status: 'submitted', limit: '2' },
    ]) {
      const { sizes, ids } = await allPages(listApplications(admin), query);
      expect(sizes).toEqual([2, 2]);
      expect(ids).toEqual(submitted);
    }
  });

  it('pages through 7 items with limit 3 showing each once', async () => {
    const { sizes, ids } = await allPages(listApplications(kiruna), { limit: '3' });
    expect(sizes).toEqual([3, 3, 1]);
    expect(ids).toEqual([...created.kiruna].reverse());
  });
});

describe('a nextToken changed by its holder', () => {
  const query = { programmeId: 'kur2', areaId: 'umea', limit: '1' };
  const partition = applicationPartitions.areaInProgramme('umea', 'kur2');
  const firstToken = async () => {
    const page = await api.list(admin, query);
    expect(page.body.nextToken).toEqual(expect.any(String));
    return page.body.nextToken as string;
  };

  it('is refused with 400 when re-encoded with empty key values', async () => {
    const forged = tamper(await firstToken(), (t) => {
      for (const name of Object.keys(t.k)) if (t.k[name] !== partition) t.k[name] = '';
    });
    expectBadToken(await api.list(admin, { ...query, nextToken: forged }));
  });

  it('is refused with 400 when one byte of it is flipped', async () => {
    const token = await firstToken();
    const flipped = tamper(token, (t) => {
      const sortKey = Object.keys(t.k).find((name) => name.startsWith('gsi') && name.endsWith('sk')) ?? '';
      const value = t.k[sortKey] ?? '';
      t.k[sortKey] = `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`;
    });
    expectBadToken(await api.list(admin, { ...query, nextToken: flipped }));
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expectBadToken(await api.list(admin, { ...query, nextToken: `${token.slice(0, -1)}${last}` }));
  });

  it('is refused with 400 when minted for another caller, even re-bound to the new holder', async () => {
    const token = await firstToken();
    const asUmea = { programmeId: 'kur2', limit: '1' };
    expectBadToken(await api.list(umea, { ...asUmea, nextToken: token }));
    const rebound = tamper(token, (t) => {
      t.b = plainBinding(umea.sub ?? '', 'gsi2', partition);
    });
    expectBadToken(await api.list(umea, { ...asUmea, nextToken: rebound }));
  });

  it('is refused with 400 when minted for another query, even re-bound to it', async () => {
    const token = await firstToken();
    const filtered = { ...query, status: 'draft' };
    expectBadToken(await api.list(admin, { ...filtered, nextToken: token }));
    const rebound = tamper(token, (t) => {
      t.b = plainBinding(admin.sub ?? '', 'gsi2', partition, {
        filters: [{ attribute: 'status', value: 'draft' }],
      });
    });
    expectBadToken(await api.list(admin, { ...filtered, nextToken: rebound }));
    expectBadToken(await api.list(admin, { ...query, nextToken: 'garbage!' }));
  });
});

describe('pages of GET /follow-ups', () => {
  const lulea = coordinatorOf('lulea');
  let applicationIds: string[] = [];

  beforeAll(async () => {
    await api.putArea('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));
    // Two completed applications: two obligations each, so 4 in Luleå's partition.
    applicationIds = [];
    for (let i = 0; i < 2; i++) {
      at('2014-06-01');
      const body = applicationBody({ title: `Luleå ${i}` });
      const id = (await api.create(lulea, body)).body.id as string;
      expect((await api.submit(lulea, id)).status).toBe(200);
      const granted: Record<string, number> = {};
      for (const line of body.budget ?? [])
        granted[String(line.year)] = (granted[String(line.year)] ?? 0) + line.amount;
      expect((await api.decide(admin, id, { outcome: 'approved', grantedByYear: granted })).status).toBe(200);
      at('2015-06-10');
      const completed = await followUpApi.complete(lulea, id, {
        activities: [
          { type: 'knowledge', endedOn: '2015-03-31', participants: 120 },
          { type: 'collaborationPlan', endedOn: '2015-05-31' },
        ],
        costs: [
          { year: 2014, category: 'lecturer', amount: 100_000 },
          { year: 2015, category: 'processSupport', amount: 150_000 },
        ],
      });
      expect(completed.status).toBe(200);
      applicationIds.push(id);
    }
  });

  it('ends 4 obligations with limit 2 after exactly 2 pages, with and without a status filter', async () => {
    for (const query of [
      { limit: '2' } as Record<string, string>,
      { status: 'pending', limit: '2' },
      { programmeId: 'kur2', status: 'pending', limit: '2' },
    ]) {
      const { sizes, ids } = await allPages(listFollowUps(lulea), query);
      expect(sizes).toEqual([2, 2]);
      expect(new Set(ids).size).toBe(4);
    }
  });

  it('refuses a token re-encoded with empty key values, or re-bound to another caller', async () => {
    const page = await followUpApi.list(lulea, { limit: '1' });
    const token = page.body.nextToken as string;
    expect(token).toEqual(expect.any(String));
    const partition = followUpPartitions.area('lulea');
    const emptied = tamper(token, (t) => {
      for (const name of Object.keys(t.k)) if (t.k[name] !== partition) t.k[name] = '';
    });
    expectBadToken(await followUpApi.list(lulea, { limit: '1', nextToken: emptied }));
    const rebound = tamper(token, (t) => {
      t.b = plainBinding(admin.sub ?? '', 'gsi2', partition, { ascending: true });
    });
    expectBadToken(await followUpApi.list(admin, { areaId: 'lulea', limit: '1', nextToken: rebound }));
  });
});
