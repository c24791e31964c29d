import { describe, expect, it } from 'vitest';
import { handler as getArea } from '../../functions/areas/get.ts';
import { handler as listAreas } from '../../functions/areas/list.ts';
import { handler as putArea } from '../../functions/areas/put.ts';
import { routes } from '../../shared/http/routes.ts';
import { admin, coordinatorOf, invoke } from '../support/events.ts';
import { areaBody } from '../support/factories.ts';

const put = (id: string, body: unknown, headers: Record<string, string> = {}, caller = admin) =>
  invoke(putArea, routes.putArea, { caller, path: { areaId: id }, body, headers });

describe('areas', () => {
  it('creates an area and reads it back, also as a coordinator of another area', async () => {
    const created = await put('karlstad', areaBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'karlstad', region: 'mitt', version: 1 });
    const read = await invoke(getArea, routes.getArea, {
      caller: coordinatorOf('lulea'),
      path: { areaId: 'karlstad' },
    });
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(created.body);
  });

  it('lists each bad e-mail address and an unknown region as its own field error', async () => {
    const bad = await put('umea', {
      name: 'LFC Umeå',
      region: 'norrland',
      coordinatorEmails: ['ok@forsakringskassan.se', 'nope', 'also nope'],
      managerEmail: 'chef(at)fk.se',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['coordinatorEmails.1', 'coordinatorEmails.2', 'managerEmail', 'region'].sort(),
    );
    expect((await invoke(getArea, routes.getArea, { caller: admin, path: { areaId: 'umea' } })).status).toBe(
      404,
    );
  });

  it('replaces an area only when If-Match, if given, is current', async () => {
    await put('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));
    const stale = await put('lulea', areaBody({ name: 'Fel' }), { 'If-Match': '"7"' });
    expect(stale.status).toBe(412);
    const ok = await put('lulea', areaBody({ name: 'LFC Luleå-Boden', region: 'nord' }), {
      'If-Match': '"1"',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'LFC Luleå-Boden', version: 2 });
  });

  it('refuses area writes by a coordinator', async () => {
    const refused = await put('malmo', areaBody({ region: 'syd' }), {}, coordinatorOf('malmo'));
    expect(refused.status).toBe(403);
  });

  it('lists all areas with their regions', async () => {
    await put('goteborg', areaBody({ name: 'LFC Göteborg', region: 'vast' }));
    await put('sodertalje', areaBody({ name: 'LFC Södertälje', region: 'stockholm' }));
    const listed = await invoke(listAreas, routes.listAreas, { caller: admin });
    const byId = Object.fromEntries(
      listed.body.items.map((a: { id: string; region: string }) => [a.id, a.region]),
    );
    expect(byId).toMatchObject({ goteborg: 'vast', sodertalje: 'stockholm' });
  });
});
