import type { Application } from '../../../domain/application.ts';
import {
  DOCUMENT_CONTENT_TYPES,
  type DocumentContentType,
  type FollowUpDocument,
  MAX_DOCUMENTS_PER_FOLLOW_UP,
} from '../../../domain/documents.ts';
import type { FollowUpView } from '../../../domain/follow-ups.ts';
import { GOAL_ACHIEVED } from '../../../domain/goals.ts';
import { capitalised, GOAL_ACHIEVED_LABEL } from '../../../domain/vocabulary.ts';
import { DocumentUploadBody } from '../../../schemas/document.ts';
import { FollowUpSubmissionBody } from '../../../schemas/follow-up.ts';
import { DeferralRequestBody } from '../../../schemas/follow-up-actions.ts';
import { call, get } from '../api.ts';
import type { Ctx } from '../app.ts';
import { type Child, field, h, input, replace, textarea } from '../dom.ts';
import { dropDraft, loadDraft, storeDraft } from '../drafts.ts';
import { fromApi, fromZod, type Problem } from '../errors.ts';
import { actionForm, choices } from './follow-up-form.ts';

/**
 * The coordinator's part of the follow-up page: upload documents (checked for type and size here,
 * before a byte is sent, with the API's own schema), hand them in with a summary, and ask for a
 * later date. The summary is kept in the browser as it is typed, like the application editor's text.
 */

/** Some systems give no MIME type for office files: the file name's ending tells it then. */
const BY_EXTENSION: Record<string, DocumentContentType> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};
const contentTypeOf = (file: File): string =>
  file.type || BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'okänd';

interface PresignedUpload {
  documentId: string;
  upload: { url: string; fields: Record<string, string> };
}

/** The file straight to the bucket (fields first, then the file), reporting progress as it goes. */
const sendToBucket = (
  { upload }: PresignedUpload,
  file: File,
  progress: (percent: number) => void,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener('load', () =>
      request.status < 300 ? resolve() : reject(new Error(`status ${request.status}`)),
    );
    request.addEventListener('error', () => reject(new Error('network')));
    request.send(form);
  });

const uploadForm = (ctx: Ctx, f: FollowUpView) => {
  const file = input('u-file', '', {
    type: 'file',
    accept: ['.pdf', '.docx', '.odt', '.xlsx', '.ods', ...DOCUMENT_CONTENT_TYPES].join(','),
  });
  const bar = h('progress', { max: 100, value: 0, 'aria-label': 'Uppladdning' });
  const progressText = h('span', null);
  const progress = h('p', { class: 'progress', hidden: true, 'aria-live': 'polite' }, bar, ' ', progressText);
  return actionForm({
    title: 'Filen kunde inte laddas upp. Rätta följande:',
    submitText: 'Ladda upp',
    primary: false,
    fields: { fileName: 'u-file', contentType: 'u-file', size: 'u-file', file: 'u-file' },
    content: [
      field(
        'Dokument att ladda upp',
        file,
        `PDF, Word (DOCX), OpenDocument (ODT, ODS) eller Excel (XLSX), högst 20 MB. Högst ${MAX_DOCUMENTS_PER_FOLLOW_UP} dokument.`,
      ),
      progress,
    ],
    run: async (): Promise<Problem[] | undefined> => {
      const chosen = file.files?.[0];
      if (!chosen) return [{ message: 'Välj en fil att ladda upp', paths: ['file'] }];
      const parsed = DocumentUploadBody.safeParse({
        fileName: chosen.name,
        contentType: contentTypeOf(chosen),
        size: chosen.size,
      });
      if (!parsed.success) return fromZod(parsed.error);
      let presigned: PresignedUpload;
      try {
        presigned = (
          await call<PresignedUpload>('POST', `/follow-ups/${f.id}/documents`, { body: parsed.data })
        ).data;
      } catch (error) {
        return fromApi(error);
      }
      progress.hidden = false;
      const show = (percent: number) => {
        bar.value = percent;
        progressText.textContent = `Laddar upp ${chosen.name}: ${percent} %`;
      };
      show(0);
      try {
        await sendToBucket(presigned, chosen, show);
      } catch {
        progress.hidden = true;
        return [
          {
            message: 'Filen kom inte fram. Kontrollera anslutningen och försök igen.',
            paths: ['file'],
          },
        ];
      }
      ctx.go(location.hash, `${chosen.name} är uppladdad. Lämna in den med en sammanfattning nedan.`);
      return undefined;
    },
  });
};

const draftKey = (f: FollowUpView) => `uppfoljning-${f.id}`;

const submissionForm = (ctx: Ctx, f: FollowUpView) => {
  const user = ctx.session.email;
  const stored = loadDraft<string>(draftKey(f), user);
  const summary = textarea('s-summary', stored?.value ?? '', { rows: 6 });
  summary.addEventListener('input', () =>
    storeDraft(draftKey(f), user, {
      version: f.version,
      savedAt: new Date().toISOString(),
      value: summary.value,
    }),
  );
  const handedIn = new Set(f.submissions.flatMap((s) => s.documentIds ?? []));
  const fresh = f.documents.filter((d) => !handedIn.has(d.id));
  const box = (d: FollowUpDocument) =>
    h(
      'div',
      { class: 'choice' },
      h('input', { type: 'checkbox', id: `s-doc-${d.id}`, value: d.id, checked: true }),
      h('label', { for: `s-doc-${d.id}` }, d.fileName),
    );
  const documents = h(
    'fieldset',
    { id: 's-documents' },
    h('legend', null, 'Dokument som lämnas in'),
    fresh.length > 0
      ? fresh.map(box)
      : h('p', { class: 'hint' }, 'Inga nya dokument är uppladdade. Ladda upp dem ovan först.'),
  );
  // How each of the application's goals went: one answer per goal, nothing pre-chosen.
  const fields: Record<string, string> = { summary: 's-summary', documentIds: 's-documents' };
  const goals = h('div');
  const outcomes: { chosen: () => string | undefined; comment: HTMLTextAreaElement }[] = [];
  void get<Application>(`/applications/${f.applicationId}`).then(
    (app) =>
      replace(
        goals,
        (app.goals ?? []).map((goal, i) => {
          const id = `s-goal-${i}`;
          const answer = choices(
            id,
            `Mål ${i + 1}: ${goal.description} (målvärde: ${goal.target})`,
            GOAL_ACHIEVED.map((a) => [a, capitalised(GOAL_ACHIEVED_LABEL[a])] as const),
          );
          const comment = textarea(`${id}-comment`, '', { rows: 2 });
          outcomes.push({ chosen: answer.chosen, comment });
          Object.assign(fields, {
            [`goalOutcomes.${i}`]: id,
            [`goalOutcomes.${i}.achieved`]: id,
            [`goalOutcomes.${i}.comment`]: `${id}-comment`,
          });
          return [answer.fieldset, field(`Mål ${i + 1}: hur gick det?`, comment)];
        }),
      ),
    () => undefined,
  );
  return actionForm({
    title: 'Uppföljningen kunde inte lämnas in. Rätta följande:',
    submitText: 'Lämna in',
    fields,
    content: [
      stored ? h('p', { class: 'hint' }, 'Vi har återställt det du skrev.') : h('span'),
      field('Sammanfattning', summary, 'Vad innehåller dokumenten? Skriv några meningar.'),
      goals,
      documents,
    ],
    run: async () => {
      const documentIds = [...documents.querySelectorAll<HTMLInputElement>('input:checked')].map(
        (el) => el.value,
      );
      const parsed = FollowUpSubmissionBody.safeParse({
        summary: summary.value.trim(),
        ...(documentIds.length > 0 ? { documentIds } : {}),
        ...(outcomes.length > 0
          ? {
              goalOutcomes: outcomes.map((o, goal) => ({
                goal,
                achieved: o.chosen(),
                comment: o.comment.value.trim(),
              })),
            }
          : {}),
      });
      if (!parsed.success) return fromZod(parsed.error);
      try {
        await call('POST', `/follow-ups/${f.id}/submission`, { body: parsed.data });
        dropDraft(draftKey(f), user);
        ctx.go(location.hash, 'Uppföljningen är inlämnad. Projektledningen granskar den.');
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  });
};

const deferralForm = (ctx: Ctx, f: FollowUpView) => {
  const dueOn = input('d-dueOn', '', { type: 'date', min: f.dueOn });
  const reason = textarea('d-reason', '', { rows: 3 });
  return actionForm({
    title: 'Begäran kunde inte skickas. Rätta följande:',
    submitText: 'Begär ny sista dag',
    primary: false,
    fields: { dueOn: 'd-dueOn', reason: 'd-reason' },
    content: [
      field('Ny sista dag', dueOn, `Senare än nuvarande sista dag, ${f.dueOn}.`),
      field('Skäl', reason, 'Varför behöver området mer tid?'),
    ],
    run: async () => {
      const parsed = DeferralRequestBody.safeParse({ dueOn: dueOn.value, reason: reason.value.trim() });
      if (!parsed.success) return fromZod(parsed.error);
      try {
        await call('POST', `/follow-ups/${f.id}/deferral-request`, { body: parsed.data });
        ctx.go(
          location.hash,
          `Begäran om ny sista dag ${parsed.data.dueOn} är skickad till projektledningen.`,
        );
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  });
};

export const coordinatorActions = (ctx: Ctx, f: FollowUpView): Child =>
  f.status !== 'pending'
    ? null
    : [
        h('section', null, h('h2', null, 'Ladda upp dokument'), uploadForm(ctx, f)),
        h('section', null, h('h2', null, 'Lämna in'), submissionForm(ctx, f)),
        f.deferralRequest
          ? null
          : h('section', null, h('h2', null, 'Behöver ni mer tid?'), deferralForm(ctx, f)),
      ];
