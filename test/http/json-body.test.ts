import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { httpHandler } from '../../shared/http/http-handler.ts';
import type { RouteSpec } from '../../shared/http/routes.ts';
import { invoke } from '../support/events.ts';

/** A body the client cannot send is refused in plain Swedish, as a 400 problem+json. */
const route: RouteSpec = { method: 'PUT', path: '/echo', fn: 'echo', access: 'public', table: [] };
const handler = httpHandler(route, { body: z.object({ name: z.string() }) }, async () => ({
  statusCode: 200,
  body: '{}',
}));

const refusal = async (body: string) => {
  const answer = await invoke(handler, route, { body });
  expect(answer.status).toBe(400);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({
    status: 400,
    code: 'validation-failed',
    detail: 'Innehållet är inte giltig JSON.',
  });
  return answer.body.errors as { path: string; message: string }[];
};

describe('a body that is not JSON', () => {
  it('says so in Swedish, without the runtime’s English parser message', async () => {
    const [error] = await refusal('{"name": "Karlstad",');
    expect(error).toEqual({ path: '', message: expect.stringMatching(/^Ogiltig JSON/) });
    // V8 says e.g. "Expected double-quoted property name in JSON at position 20 (line 1 column 21)".
    expect(error?.message).not.toMatch(/Unexpected|Expected|position|JSON at|line|column/i);
    expect(error?.message).toBe('Ogiltig JSON: texten tar slut innan JSON-värdet är klart.');
  });

  it('says where a broken JSON text goes wrong', async () => {
    const [error] = await refusal('{"name" "Karlstad"}');
    // Node states the position, newer versions with its line and column.
    expect(error?.message).toMatch(/^Ogiltig JSON: fel (vid|på rad 1,) tecken 9\.$/);
  });

  it('names a key that could reach a prototype, in typographic quotes', async () => {
    const [error] = await refusal('{"name": "Karlstad", "__proto__": {"admin": true}}');
    expect(error?.message).toBe('Ogiltig JSON: nyckeln ”__proto__” är inte tillåten.');
    expect(error?.message).not.toContain('"');
  });
});
