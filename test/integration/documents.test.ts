import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as downloadDocument } from '../../functions/follow-ups/documents-download.ts';
import { handler as uploadDocument } from '../../functions/follow-ups/documents-upload.ts';
import { handler as waiveFollowUp } from '../../functions/follow-ups/waive.ts';
import { fixClock } from '../../infra/local/clock.ts';
import { documents } from '../../shared/composition.ts';
import { RuleViolation } from '../../shared/domain/errors.ts';
import { routes } from '../../shared/http/routes.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf, invoke, type TestCaller } from '../support/events.ts';
import { applicationBody, areaBody, kur2Programme } from '../support/factories.ts';

/**
 * Documents against DynamoDB Local and the S3 emulator: the API presigns, the test uploads the file
 * to the bucket as a browser would (a multipart POST of the presigned fields and the file), and
 * downloads it through the API's redirect.
 */
const karlstad = coordinatorOf('karlstad');
const lulea = coordinatorOf('lulea');
const PDF = 'application/pdf';
const MiB = 1024 * 1024;

const at = (date: string) => fixClock(new Date(`${date}T12:00:00+02:00`));
afterEach(() => fixClock(undefined));

const documentApi = {
  upload: (caller: TestCaller, followUpId: string, body: unknown) =>
    invoke(uploadDocument, routes.uploadDocument, { caller, path: { id: followUpId }, body }),
  download: (caller: TestCaller, followUpId: string, documentId: string) =>
    invoke(downloadDocument, routes.downloadDocument, { caller, path: { id: followUpId, documentId } }),
};

/** What a browser sends: every presigned field, then the file (S3 ignores fields after it). */
const postToBucket = (
  upload: { url: string; fields: Record<string, string> },
  file: Blob,
  override: Record<string, string> = {},
) => {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...override })) form.append(name, value);
  form.append('file', file, 'fil');
  return fetch(upload.url, { method: 'POST', body: form });
};

/** A pending obligation of Karlstad (approved and completed KUR 2 application). */
const pendingFollowUp = async (): Promise<string> => {
  at('2014-06-01');
  const created = await api.create(karlstad, applicationBody());
  expect((await api.submit(karlstad, created.body.id)).status).toBe(200);
  const decided = await api.decide(admin, created.body.id, {
    outcome: 'approved',
    grantedByYear: { '2014': 100_000, '2015': 150_000 },
  });
  expect(decided.status).toBe(200);
  at('2015-06-10');
  const completed = await followUpApi.complete(karlstad, created.body.id, {
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
  const pending = completed.body.followUps.find((f: { status: string }) => f.status === 'pending');
  expect(pending).toBeDefined();
  return pending.id as string;
};

const plan = (fileName = 'Samverkansplan Värmland 2015.pdf', size = 1_234) => ({
  fileName,
  contentType: PDF,
  size,
});

let followUpId: string;

beforeAll(async () => {
  at('2014-06-01');
  await api.putProgramme('kur2', kur2Programme({ maxGrantPerArea: 10_000_000 }));
  await api.putArea('karlstad');
  await api.putArea('lulea', areaBody({ name: 'LFC Luleå', region: 'nord' }));
  followUpId = await pendingFollowUp();
});

describe('upload and download', () => {
  it('uploads a PDF to the presigned POST and downloads the same bytes through the API, with its file name', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 en samverkansplan');
    const asked = await documentApi.upload(karlstad, followUpId, plan(undefined, bytes.length));
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ documentId: expect.any(String), upload: { url: expect.any(String) } });
    const { documentId, upload } = asked.body;

    const stored = await postToBucket(upload, new Blob([bytes], { type: PDF }));
    expect(stored.status).toBeLessThan(300);

    for (const caller of [karlstad, admin]) {
      const redirect = await documentApi.download(caller, followUpId, documentId);
      expect(redirect.status).toBe(302);
      const file = await fetch(redirect.headers.location as string);
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="Samverkansplan V_rmland 2015.pdf"; filename*=UTF-8''Samverkansplan%20V%C3%A4rmland%202015.pdf`,
      );
    }
    await expect(documents().verifyDocuments(followUpId, [documentId])).resolves.toBeUndefined();
  });

  it('keeps a file name with quotes, semicolons and line-break look-alikes inside the attachment header', async () => {
    const name = `a"b;c\\d'e.pdf`;
    const asked = await documentApi.upload(karlstad, followUpId, plan(name, 3));
    expect(asked.status).toBe(201);
    await postToBucket(asked.body.upload, new Blob(['abc'], { type: PDF }));
    const redirect = await documentApi.download(admin, followUpId, asked.body.documentId);
    const file = await fetch(redirect.headers.location as string);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="a_b_c_d_e.pdf"; filename*=UTF-8''a%22b%3Bc%5Cd%27e.pdf`,
    );
  });
});

describe('what the API refuses', () => {
  it('refuses a type other than PDF, DOCX, ODT, XLSX and ODS, naming the accepted ones in Swedish', async () => {
    const refused = await documentApi.upload(karlstad, followUpId, {
      fileName: 'bild.png',
      contentType: 'image/png',
      size: 100,
    });
    expect(refused.status).toBe(400);
    const message = refused.body.errors.find((e: { path: string }) => e.path === 'contentType').message;
    for (const name of ['PDF', 'DOCX', 'ODT', 'XLSX', 'ODS']) expect(message).toContain(name);
  });

  it('refuses a file larger than 20 MiB, an empty one, and a file name on two lines', async () => {
    expect((await documentApi.upload(karlstad, followUpId, plan('stor.pdf', 20 * MiB + 1))).status).toBe(400);
    expect((await documentApi.upload(karlstad, followUpId, plan('tom.pdf', 0))).status).toBe(400);
    expect((await documentApi.upload(karlstad, followUpId, plan('två\nrader.pdf'))).status).toBe(400);
    expect((await documentApi.upload(karlstad, followUpId, plan(`${'x'.repeat(197)}.pdf`))).status).toBe(400);
  });

  it('answers 404 to another area, on upload and on download', async () => {
    const asked = await documentApi.upload(karlstad, followUpId, plan());
    expect((await documentApi.upload(lulea, followUpId, plan())).status).toBe(404);
    expect((await documentApi.download(lulea, followUpId, asked.body.documentId)).status).toBe(404);
  });

  it('answers 404 for a document of another obligation, or one that does not exist', async () => {
    const other = await pendingFollowUp();
    const asked = await documentApi.upload(karlstad, other, plan());
    expect((await documentApi.download(admin, followUpId, asked.body.documentId)).status).toBe(404);
    expect((await documentApi.download(admin, followUpId, crypto.randomUUID())).status).toBe(404);
    expect((await documentApi.download(admin, followUpId, 'inte-ett-id')).status).toBe(404);
  });

  it('lets only coordinators upload, and only while the obligation is pending', async () => {
    expect((await documentApi.upload(admin, followUpId, plan())).status).toBe(403);
    const waived = await pendingFollowUp();
    at('2015-06-11');
    const waiver = await invoke(waiveFollowUp, routes.waiveFollowUp, {
      caller: admin,
      path: { id: waived },
      body: { reason: 'Området har lagts ner.' },
    });
    expect(waiver.status).toBe(200);
    expect((await documentApi.upload(karlstad, waived, plan())).status).toBe(409);
  });
});

describe('the bucket enforces the upload policy', () => {
  it('refuses a file of another type than the presigned one', async () => {
    const asked = await documentApi.upload(karlstad, followUpId, plan(undefined, 4));
    const forged = await postToBucket(asked.body.upload, new Blob(['<h1>'], { type: 'text/html' }), {
      'Content-Type': 'text/html',
    });
    expect(forged.status).toBe(403);
    await expect(documents().verifyDocuments(followUpId, [asked.body.documentId])).rejects.toThrow(
      RuleViolation,
    );
  });

  it('refuses a file larger than 20 MiB, and an empty one', async () => {
    const asked = await documentApi.upload(karlstad, followUpId, plan(undefined, 20 * MiB));
    const tooLarge = await postToBucket(asked.body.upload, new Blob([new Uint8Array(20 * MiB + 1)]));
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain('EntityTooLarge');
    const empty = await postToBucket(asked.body.upload, new Blob([]));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('EntityTooSmall');
  });

  it('refuses another key than the presigned one', async () => {
    const asked = await documentApi.upload(karlstad, followUpId, plan(undefined, 3));
    const elsewhere = await postToBucket(asked.body.upload, new Blob(['abc'], { type: PDF }), {
      key: `followups/${followUpId}/${crypto.randomUUID()}`,
    });
    expect(elsewhere.status).toBe(403);
  });
});

describe("verifyDocuments (the submission's check)", () => {
  it('names each id that is not an uploaded document of this obligation (document-missing)', async () => {
    const uploaded = await documentApi.upload(karlstad, followUpId, plan(undefined, 3));
    await postToBucket(uploaded.body.upload, new Blob(['abc'], { type: PDF }));
    const neverUploaded = await documentApi.upload(karlstad, followUpId, plan());
    const other = await pendingFollowUp();
    const elsewhere = await documentApi.upload(karlstad, other, plan(undefined, 3));
    await postToBucket(elsewhere.body.upload, new Blob(['abc'], { type: PDF }));

    const check = documents().verifyDocuments(followUpId, [
      uploaded.body.documentId,
      neverUploaded.body.documentId,
      elsewhere.body.documentId,
      crypto.randomUUID(),
    ]);
    const error = await check.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolation);
    expect((error as RuleViolation).violations).toEqual([
      expect.objectContaining({
        rule: 'document-missing',
        paths: ['documentIds.1', 'documentIds.2', 'documentIds.3'],
      }),
    ]);
  });
});

describe('the submission names its documents', () => {
  it('hands in uploaded documents: listed with the submission; a document never uploaded is refused and changes nothing', async () => {
    const id = await pendingFollowUp();
    const uploaded = await documentApi.upload(karlstad, id, plan(undefined, 3));
    await postToBucket(uploaded.body.upload, new Blob(['abc'], { type: PDF }));
    const missing = await documentApi.upload(karlstad, id, plan());

    const refused = await followUpApi.submit(karlstad, id, {
      summary: 'Planen bifogas.',
      documentIds: [uploaded.body.documentId, missing.body.documentId],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      expect.objectContaining({ rule: 'document-missing', paths: ['documentIds.1'] }),
    ]);
    expect((await followUpApi.get(karlstad, id)).body.status).toBe('pending');

    const handedIn = await followUpApi.submit(karlstad, id, {
      summary: 'Planen bifogas.',
      documentIds: [uploaded.body.documentId],
    });
    expect(handedIn.status).toBe(200);
    expect(handedIn.body.submissions.at(-1)).toMatchObject({ documentIds: [uploaded.body.documentId] });
    expect(
      handedIn.body.documents.map((d: { documentId?: string; id?: string }) => d.documentId ?? d.id),
    ).toContain(uploaded.body.documentId);
  });
});

describe('at most 10 documents per obligation', () => {
  it('refuses the 11th with too-many-documents, and two uploads asked for at once at 9 give exactly 10', async () => {
    const id = await pendingFollowUp();
    for (let n = 0; n < 9; n++) expect((await documentApi.upload(karlstad, id, plan())).status).toBe(201);
    const both = await Promise.all([
      documentApi.upload(karlstad, id, plan()),
      documentApi.upload(karlstad, id, plan()),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = both.find((r) => r.status === 422);
    expect(refused?.body.violations).toEqual([expect.objectContaining({ rule: 'too-many-documents' })]);
    expect(await documents().list(id)).toHaveLength(10);
    const eleventh = await documentApi.upload(karlstad, id, plan());
    expect(eleventh.status).toBe(422);
    expect(eleventh.body.violations[0].rule).toBe('too-many-documents');
  });
});
