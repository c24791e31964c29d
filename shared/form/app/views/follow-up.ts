import type { Application } from '../../../domain/application.ts';
import type { FollowUpDocument } from '../../../domain/documents.ts';
import type { FollowUpView } from '../../../domain/follow-ups.ts';
import type { Goal, GoalOutcome } from '../../../domain/goals.ts';
import type { SurveyWindow } from '../../../domain/surveys.ts';
import { capitalised, count, GOAL_ACHIEVED_LABEL } from '../../../domain/vocabulary.ts';
import { call, describe, get } from '../api.ts';
import type { Ctx } from '../app.ts';
import { button, type Child, dl, h, table } from '../dom.ts';
import { FOLLOW_UP_STATUS, KIND, STATUS, when } from '../labels.ts';
import { coordinatorActions } from './follow-up-coordinator.ts';
import { administratorActions } from './follow-up-review.ts';

/**
 * One obligation, `#/uppfoljningar/<id>` (e-mails and lists link here): what is owed and when,
 * how late it is, what was handed in (summaries and documents), head office's reviews and the
 * deferral history — and what the reader may do next: the coordinator uploads, hands in or asks
 * for more time; the administrator reviews or answers the request.
 */

/** "Försenad 3 dagar": the words of the reminder e-mails, so that screen and e-mail agree. */
export const lateness = (daysLate: number): string => `Försenad ${count(daysLate, 'dag', 'dagar')}`;

/** An e-mail address that may wrap after its `@` and dots on a phone, instead of widening the page. */
const breakable = (address: string): HTMLSpanElement =>
  h(
    'span',
    null,
    address.split(/(?<=[@.])/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part])),
  );

const section = (title: string, ...children: Child[]) => h('section', null, h('h2', null, title), children);

const SIZE = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
export const fileSize = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${SIZE.format(Math.max(1, bytes / 1024))} kB`
    : `${SIZE.format(bytes / 1024 / 1024)} MB`;

/**
 * The API answers a download with a redirect to a short-lived bucket address; the request needs
 * the bearer token, so a plain link cannot do it. The file is fetched (the redirect followed) and
 * handed to the browser as a download under its own name.
 */
const download = async (ctx: Ctx, followUpId: string, document: FollowUpDocument): Promise<void> => {
  try {
    const { response } = await call('GET', `/follow-ups/${followUpId}/documents/${document.id}`, {
      raw: true,
    });
    const blob = await response.blob();
    const link = h('a', { href: URL.createObjectURL(blob), download: document.fileName });
    window.document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    ctx.flash(`Filen ${document.fileName} är nedladdad.`);
  } catch (error) {
    ctx.flash(`Filen ${document.fileName} kunde inte laddas ner. ${describe(error)}`);
  }
};

const documentList = (ctx: Ctx, followUp: FollowUpView, documents: readonly FollowUpDocument[]) =>
  h(
    'ul',
    { class: 'documents' },
    documents.map((d) =>
      h(
        'li',
        null,
        button(`Ladda ner ${d.fileName}`, () => void download(ctx, followUp.id, d), {
          class: 'secondary small',
        }),
        ` (${fileSize(d.size)}, uppladdad ${when(d.uploadedAt)})`,
      ),
    ),
  );

/** How each goal went, as the area reported it with this submission. */
const outcomesList = (goals: readonly Goal[], outcomes: readonly GoalOutcome[]) =>
  outcomes.length === 0
    ? null
    : h(
        'ul',
        { 'aria-label': 'Mål och utfall' },
        outcomes.map((o) =>
          h(
            'li',
            null,
            h('strong', null, goals[o.goal]?.description ?? `Mål ${o.goal + 1}`),
            ` ${capitalised(GOAL_ACHIEVED_LABEL[o.achieved])}${o.comment ? ` – ${o.comment}` : ''}`,
          ),
        ),
      );

const submissionsSection = (ctx: Ctx, f: FollowUpView, goals: readonly Goal[]) => {
  if (f.submissions.length === 0 && !f.summary) return null;
  const byId = new Map(f.documents.map((d) => [d.id, d]));
  const submissions = [...f.submissions].reverse();
  return section(
    'Inlämnat',
    submissions.map((s, i) =>
      h(
        'article',
        { class: 'card' },
        h('h3', null, `${i === 0 ? 'Senaste inlämningen' : 'Tidigare inlämning'}, ${s.submittedOn}`),
        h('p', null, 'Lämnad av ', breakable(s.submittedBy)),
        h('p', { class: 'prose' }, s.summary),
        outcomesList(goals, s.goalOutcomes ?? []),
        (s.documentIds ?? []).length > 0
          ? documentList(
              ctx,
              f,
              (s.documentIds ?? []).flatMap((id) => {
                const d = byId.get(id);
                return d ? [d] : [];
              }),
            )
          : null,
        s.documentUrl ? h('p', null, 'Länk: ', h('a', { href: s.documentUrl }, s.documentUrl)) : null,
      ),
    ),
  );
};

const reviewsSection = (f: FollowUpView) =>
  f.reviews.length === 0
    ? null
    : section(
        'Granskning',
        table(
          'Projektledningens granskning',
          ['Datum', 'Vem', 'Beslut', 'Kommentar'],
          [...f.reviews]
            .reverse()
            .map((r) => [
              document.createTextNode(r.reviewedOn),
              breakable(r.reviewedBy),
              ...[
                r.outcome === 'accepted' ? FOLLOW_UP_STATUS.accepted : STATUS.returned,
                r.comment ?? '–',
              ].map((t) => document.createTextNode(t)),
            ]),
        ),
      );

const deferralSection = (f: FollowUpView) => {
  if (!f.deferralRequest && f.deferrals.length === 0) return null;
  const request = f.deferralRequest;
  return section(
    'Ny sista dag',
    request
      ? h(
          'div',
          { class: 'card' },
          h('h3', null, 'Begäran som väntar på svar'),
          dl([
            ['Begärd sista dag', request.dueOn],
            ['Skäl', request.reason],
            ['Begärd', [`${request.requestedOn} av `, breakable(request.requestedBy)]],
          ]),
        )
      : null,
    f.deferrals.length > 0
      ? table(
          'Tidigare begäranden om ny sista dag',
          ['Begärd', 'Ny sista dag', 'Skäl', 'Svar', 'Kommentar'],
          [...f.deferrals]
            .reverse()
            .map((d) => [
              h('span', null, `${d.requestedOn} av `, breakable(d.requestedBy)),
              ...[
                d.dueOn,
                d.reason,
                `${d.outcome === 'approved' ? 'Godkänd' : 'Avslagen'} ${d.decidedOn}`,
                d.comment ?? '–',
              ].map((t) => document.createTextNode(t)),
            ]),
        )
      : null,
  );
};

/** A surveyed round (API.md "Surveys"): the link the coordinator passes on, its dates, the count so far. */
type Survey = SurveyWindow & { url: string | null; responses: number };

const surveySection = (ctx: Ctx, { round, url, opensOn, closesOn, responses }: Survey) =>
  section(
    `Deltagarenkät ${round}`,
    h(
      'p',
      null,
      'Skicka länken till deltagarna i utbildningen. De svarar utan att logga in, och svaren är anonyma.',
    ),
    dl([
      ['Länk till enkäten', url ? h('a', { href: url }, url) : '–'],
      ['Öppnar', opensOn],
      ['Stänger', closesOn],
      ['Har svarat', count(responses, 'deltagare', 'deltagare')],
    ]),
    url &&
      button(
        'Kopiera länken',
        () =>
          void navigator.clipboard.writeText(url).then(
            () => ctx.flash('Länken är kopierad.'),
            () => ctx.flash('Länken kunde inte kopieras. Markera och kopiera den själv.'),
          ),
        { class: 'secondary' },
      ),
  );

export const followUpView = async (ctx: Ctx): Promise<Node> => {
  const [id = ''] = ctx.params;
  const f = await get<FollowUpView & { survey?: Survey }>(`/follow-ups/${id}`);
  // The goals the outcomes answer: read only when something was reported against them.
  const goals = f.submissions.some((s) => (s.goalOutcomes ?? []).length > 0)
    ? ((await get<Application>(`/applications/${f.applicationId}`)).goals ?? [])
    : [];
  const admin = ctx.session.role === 'admin';
  const latest = f.reviews.at(-1);
  const parts: Child[] = [
    h('p', null, h('a', { href: '#/uppfoljningar' }, 'Alla uppföljningar')),
    h('h1', null, `${KIND[f.kind]} för ”${f.applicationTitle || 'ansökan'}”`),
    f.daysLate > 0 ? h('p', { class: 'warning' }, lateness(f.daysLate)) : null,
    dl([
      ['Status', h('span', { class: `tag ${f.status}` }, FOLLOW_UP_STATUS[f.status])],
      ['Ansökan', h('a', { href: `#/ansokningar/${f.applicationId}` }, f.applicationTitle || 'Ansökan')],
      ['Sista dag', f.dueOn === f.originalDueOn ? f.dueOn : `${f.dueOn} (först ${f.originalDueOn})`],
      ...(f.resubmitBy && f.status === 'pending'
        ? ([['Lämna in igen senast', f.resubmitBy]] as [string, string][])
        : []),
      ...(f.submittedOn ? ([['Inlämnad', f.submittedOn]] as [string, string][]) : []),
    ]),
  ];
  if (f.survey) parts.push(surveySection(ctx, f.survey));
  if (!admin && f.status === 'pending' && latest?.outcome === 'returned') {
    parts.push(
      h(
        'div',
        { class: 'card', role: 'note' },
        h('h2', null, 'Projektledningen har skickat tillbaka underlaget'),
        h('p', { class: 'prose' }, latest.comment ?? ''),
      ),
    );
  }
  parts.push(admin ? administratorActions(ctx, f) : coordinatorActions(ctx, f));
  parts.push(
    submissionsSection(ctx, f, goals),
    reviewsSection(f),
    deferralSection(f),
    f.documents.length > 0 ? section('Alla dokument', documentList(ctx, f, f.documents)) : null,
  );
  return h('div', null, parts);
};
