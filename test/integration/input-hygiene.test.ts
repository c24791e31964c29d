import { beforeAll, describe, expect, it } from 'vitest';
import { handler as createApplication } from '../../functions/applications/create.ts';
import { handler as getArea } from '../../functions/areas/get.ts';
import { handler as putArea } from '../../functions/areas/put.ts';
import { handler as listReportRuns } from '../../functions/reports/runs.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, httpEvent, invoke, lambdaContext } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';

/**
 * Text that would break a line where it is shown (an e-mail subject, a CSV row, a heading) is
 * refused at the API, naming the field; text that is not valid Unicode is refused before any field
 * is read. Either way nothing is stored.
 */

const own = coordinatorOf('karlstad');

beforeAll(async () => {
  await api.putProgramme('kur2');
  await api.putArea('karlstad');
});

const storedTitles = async (): Promise<string[]> => {
  const list = await api.list(own);
  expect(list.status).toBe(200);
  return (list.body.items as { title?: string }[]).map((item) => item.title ?? '');
};

const expectRefusedAt = (response: { status: number; body: any }, path: string) => {
  expect(response.status).toBe(400);
  expect(response.body.code).toBe('validation-failed');
  const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
  expect(paths).toContain(path);
  const error = (response.body.errors as { path: string; message: string }[]).find((e) => e.path === path);
  expect(error?.message).toMatch(/radbrytningar|kontrolltecken/);
};

describe('single-line fields', () => {
  const breakers: [string, string][] = [
    ['CR', 'Rubrik\rBcc: angripare@example.com'],
    ['LF', 'Rubrik\nBcc: angripare@example.com'],
    ['CRLF', 'Rubrik\r\nBcc: angripare@example.com'],
    ['NUL', 'Rubrik\u0000dold'],
    ['TAB', 'Rubrik\tmed tabb'],
    ['ESC', 'Rubrik\u001b[31m'],
    ['DEL', 'Rubrik\u007f'],
    ['NEL (C1)', 'Rubrik\u0085ny rad'],
    ['LINE SEPARATOR', 'Rubrik\u2028ny rad'],
    ['PARAGRAPH SEPARATOR', 'Rubrik\u2029nytt stycke'],
    ['a trailing LF', 'Rubrik\n'],
  ];

  it.each(breakers)('refuses a title with %s, naming title, and stores nothing', async (_, title) => {
    const before = await storedTitles();
    const refused = await api.create(own, applicationBody({ title }));
    expectRefusedAt(refused, 'title');
    expect(await storedTitles()).toEqual(before);
  });

  it('refuses a control character in a replaced title too, and keeps the stored one', async () => {
    const created = await api.create(own, applicationBody({ title: 'Före' }));
    const refused = await api.replace(
      own,
      created.body.id,
      applicationBody({ title: 'Efter\r\nX' }),
      created.body.version,
    );
    expectRefusedAt(refused, 'title');
    const stored = await api.get(own, created.body.id);
    expect(stored.body).toMatchObject({ title: 'Före', version: created.body.version });
  });

  it('names the nested field: partner name, contact name, theme, organisation, budget line, association', async () => {
    const body = applicationBody();
    const refused = await api.create(own, {
      ...body,
      partners: body.partners?.map((p, i) => (i === 1 ? { ...p, name: 'A\nB', contactName: 'C\u0000' } : p)),
      activities: body.activities?.map((a, i) => (i === 0 ? { ...a, themes: ['Tema', 'X\rY'] } : a)),
      userInvolvement: { consulted: true, organisations: ['RSMH\nVärmland'] },
      budget: body.budget?.map((l, i) => (i === 1 ? { ...l, description: 'Process\tstöd' } : l)),
      coordinationAssociation: 'Samordnings\u2028förbundet',
    });
    for (const path of [
      'partners.1.name',
      'partners.1.contactName',
      'activities.0.themes.1',
      'userInvolvement.organisations.0',
      'budget.1.description',
      'coordinationAssociation',
    ]) {
      expectRefusedAt(refused, path);
    }
  });

  it('refuses a programme or area name with a line break', async () => {
    expectRefusedAt(await api.putProgramme('broken', kur2Programme({ name: 'KUR\n3' })), 'name');
    expectRefusedAt(await api.putArea('broken', areaBody({ name: 'LFC\r\nKarlstad' })), 'name');
    const area = await invoke(getArea, routes.getArea, { caller: admin, path: { areaId: 'broken' } });
    expect(area.status).toBe(404);
  });

  it('still accepts ordinary Swedish text with punctuation and inner spaces', async () => {
    const title = 'Samverkan – ”Individen i centrum” & 100 % fokus på å, ä, ö';
    const created = await api.create(own, applicationBody({ title }));
    expect(created.status).toBe(201);
    expect(created.body.title).toBe(title);
  });
});

describe('multi-line fields', () => {
  it('accepts an activity description with line breaks (LF and CRLF)', async () => {
    const body = applicationBody();
    const description = 'Första stycket.\n\nAndra stycket:\r\n– punkt ett\n– punkt två';
    const created = await api.create(own, {
      ...body,
      activities: body.activities?.map((a, i) => (i === 0 ? { ...a, description } : a)),
    });
    expect(created.status).toBe(201);
    expect(created.body.activities[0].description).toBe(description);
  });

  it('refuses other control characters in a description, naming it', async () => {
    const before = await storedTitles();
    const body = applicationBody({ title: 'Med NUL i beskrivningen' });
    const refused = await api.create(own, {
      ...body,
      activities: body.activities?.map((a, i) =>
        i === 1 ? { ...a, description: 'Rad ett\nRad\u0000två' } : a,
      ),
    });
    expectRefusedAt(refused, 'activities.1.description');
    expect(await storedTitles()).toEqual(before);
  });
});

describe('text that is not valid Unicode', () => {
  const base64Event = (bytes: Buffer) => ({
    ...httpEvent(routes.createApplication, { caller: own, body: '' }),
    body: bytes.toString('base64'),
    isBase64Encoded: true,
  });
  const call = async (bytes: Buffer) => {
    const result = (await createApplication(base64Event(bytes), lambdaContext())) as {
      statusCode: number;
      body: string;
    };
    return { status: result.statusCode, body: JSON.parse(result.body) };
  };

  it('refuses a base64 body with bytes that are not UTF-8 (FF FE inside a string) and stores nothing', async () => {
    const before = await storedTitles();
    const json = JSON.stringify(applicationBody({ title: 'Ogiltig XX text' }));
    const at = Buffer.from(json).indexOf('XX');
    const bytes = Buffer.from(json);
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    const refused = await call(bytes);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation-failed');
    expect(refused.body.detail).toMatch(/UTF-8/);
    expect(await storedTitles()).toEqual(before);
  });

  it('accepts a base64 body that is valid UTF-8', async () => {
    const created = await call(Buffer.from(JSON.stringify(applicationBody({ title: 'Base64 – åäö' }))));
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('Base64 – åäö');
  });

  it('refuses a lone surrogate escape (\\ud800), which no UTF-8 can carry', async () => {
    const before = await storedTitles();
    const body = JSON.stringify(applicationBody({ title: 'TITLE' })).replace(
      'TITLE',
      'Halv \\ud800 surrogat',
    );
    const refused = await api.create(own, body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('title');
    expect(await storedTitles()).toEqual(before);
  });

  it('refuses U+FFFD in text: it means the text was damaged on its way', async () => {
    const refused = await api.putArea('replacement', areaBody({ name: 'Karlstad \ufffd' }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('name');
    const area = await invoke(getArea, routes.getArea, { caller: admin, path: { areaId: 'replacement' } });
    expect(area.status).toBe(404);
  });

  it('refuses an area with invalid UTF-8 sent straight to the handler as base64', async () => {
    const json = Buffer.from(JSON.stringify(areaBody({ name: 'Karlstad' })));
    json[json.indexOf('Karlstad')] = 0xc3; // a lead byte followed by an ASCII byte: not UTF-8
    const event = {
      ...httpEvent(routes.putArea, { caller: admin, path: { areaId: 'bytes' }, body: '' }),
      body: json.toString('base64'),
      isBase64Encoded: true,
    };
    const result = (await putArea(event, lambdaContext())) as { statusCode: number };
    expect(result.statusCode).toBe(400);
    const area = await invoke(getArea, routes.getArea, { caller: admin, path: { areaId: 'bytes' } });
    expect(area.status).toBe(404);
  });
});

describe('numbers and dates in the query string', () => {
  const badLimits = ['0x10', '1e1', '+5', ' 5', '5 ', '5.0', '-1', '0', '101', '', '١٠'];

  it.each(badLimits)('refuses limit=%j on GET /applications, naming limit', async (limit) => {
    const refused = await api.list(own, { limit });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['limit']);
  });

  it('refuses limit=0x10 and limit=1e1 on GET /follow-ups and GET /reports/runs too', async () => {
    for (const limit of ['0x10', '1e1', '+5']) {
      const followUps = await followUpApi.list(admin, { limit });
      expect(followUps.status).toBe(400);
      expect(followUps.body.errors[0].path).toBe('limit');
      const runs = await invoke(listReportRuns, routes.listReportRuns, { caller: admin, query: { limit } });
      expect(runs.status).toBe(400);
      expect(runs.body.errors[0].path).toBe('limit');
    }
  });

  it('accepts limit as plain decimal digits from 1 to 100', async () => {
    for (const limit of ['1', '16', '100']) {
      expect((await api.list(own, { limit })).status).toBe(200);
    }
    expect((await api.list(own)).status).toBe(200);
  });

  it('refuses a dueBefore that is not a real date', async () => {
    for (const dueBefore of ['2026-02-30', '2026-1-01', '20260101', '2026-01-01T00:00:00Z', ' 2026-01-01']) {
      const refused = await followUpApi.list(admin, { dueBefore });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toBe('dueBefore');
    }
    expect((await followUpApi.list(admin, { dueBefore: '2024-02-29' })).status).toBe(200);
  });
});
