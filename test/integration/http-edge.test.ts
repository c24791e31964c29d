import { describe, expect, it } from 'vitest';
import { handler as getArea } from '../../functions/areas/get.ts';
import { handler as putArea } from '../../functions/areas/put.ts';
import { handler as health } from '../../functions/health/get.ts';
import { routes } from '../../shared/http/routes.ts';
import { admin, invoke } from '../support/events.ts';
import { areaBody } from '../support/factories.ts';

const putRaw = (areaId: string, body: string, headers: Record<string, string> = {}) =>
  invoke(putArea, routes.putArea, { caller: admin, path: { areaId }, body, headers });
const exists = async (areaId: string) =>
  (await invoke(getArea, routes.getArea, { caller: admin, path: { areaId } })).status !== 404;

describe('the HTTP edge every route shares', () => {
  it('answers the health check without a token', async () => {
    const ok = await invoke(health, routes.health);
    expect(ok).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a body over 256 KiB with 413 and stores nothing', async () => {
    const huge = JSON.stringify(areaBody({ name: 'x'.repeat(300 * 1024) }));
    const refused = await putRaw('big', huge);
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('payload-too-large');
  });

  it('refuses a body that is not application/json with 415', async () => {
    const refused = await putRaw('textual', JSON.stringify(areaBody()), { 'content-type': 'text/plain' });
    expect(refused.status).toBe(415);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('unsupported-media-type');
  });

  it('accepts application/json with a charset', async () => {
    const ok = await putRaw('charset', JSON.stringify(areaBody()), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(ok.status).toBe(201);
  });

  it('answers malformed JSON with 400 validation-failed', async () => {
    const refused = await putRaw('malformed', '{"name": "LFC", ');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'validation-failed', errors: [{ path: '' }] });
  });

  it('refuses __proto__ and constructor keys before they reach any object', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const body = JSON.stringify(areaBody()).replace(/^\{/, `{"${key}": {"isAdmin": true},`);
      const refused = await putRaw(`proto-${key.replace(/_/g, '')}`, body);
      expect(refused.status).toBe(400);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    }
    expect(await exists('proto-proto')).toBe(false);
  });

  it('refuses a missing or non-object body with 400 listing the missing fields', async () => {
    const empty = await invoke(putArea, routes.putArea, { caller: admin, path: { areaId: 'empty' } });
    expect(empty.status).toBe(400);
    const array = await putRaw('array', '[1,2]');
    expect(array.status).toBe(400);
  });

  it('refuses a malformed If-Match with 400', async () => {
    const refused = await putRaw('ifmatch', JSON.stringify(areaBody()), { 'if-match': 'version-three' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('If-Match');
  });
});
