import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.ts';
import { coordinatorOf } from '../support/events.ts';
import { applicationBody } from '../support/factories.ts';

const own = coordinatorOf('karlstad');
const countMine = async () => (await api.list(own, { limit: '100' })).body.items.length as number;

beforeAll(async () => {
  await api.putProgramme('kur2');
  await api.putArea('karlstad');
});

describe('creating with an Idempotency-Key', () => {
  it('answers a retry with the first response and creates nothing new', async () => {
    const before = await countMine();
    const first = await api.create(own, applicationBody(), { 'Idempotency-Key': 'retry-1' });
    const retry = await api.create(own, applicationBody(), { 'Idempotency-Key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await countMine()).toBe(before + 1);
  });

  it('refuses the same key with another body with 422 idempotency-key-reused', async () => {
    await api.create(own, applicationBody(), { 'Idempotency-Key': 'reused-1' });
    const other = await api.create(own, applicationBody({ title: 'Något annat' }), {
      'Idempotency-Key': 'reused-1',
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
  });

  it('keeps keys apart between callers', async () => {
    const mine = await api.create(own, applicationBody(), { 'Idempotency-Key': 'shared-key' });
    const theirs = await api.create(coordinatorOf('karlstad-2'), applicationBody(), {
      'Idempotency-Key': 'shared-key',
    });
    expect(theirs.status).not.toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('creates once when the same request is retried in parallel', async () => {
    const before = await countMine();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.create(own, applicationBody(), { 'Idempotency-Key': 'parallel-1' }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const inProgress = results.filter((r) => r.status === 409);
    expect(created.length + inProgress.length).toBe(5);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of inProgress) {
      expect(r.body.code).toBe('request-in-progress');
      expect(r.headers['retry-after']).toBeDefined();
    }
    expect(await countMine()).toBe(before + 1);
  });

  it('does not remember a refused request: fixing it with the same key creates', async () => {
    const refused = await api.create(
      own,
      { ...applicationBody(), colour: 'blå' },
      { 'Idempotency-Key': 'fixed-1' },
    );
    expect(refused.status).toBe(400);
    const fixed = await api.create(own, applicationBody(), { 'Idempotency-Key': 'fixed-1' });
    expect(fixed.status).toBe(201);
  });
});
