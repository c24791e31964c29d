import type { Application } from '../../../domain/application.ts';
import type { FollowUpView as FollowUp } from '../../../domain/follow-ups.ts';
import { FOLLOW_UP_STATUS_LABEL } from '../../../domain/vocabulary.ts';
import { FollowUpSubmissionBody, FollowUpWaiverBody } from '../../../schemas/follow-up.ts';
import { call, getAll } from '../api.ts';
import type { Ctx } from '../app.ts';
import { field, h, input, table, textarea } from '../dom.ts';
import { fromApi, fromZod, resolver, showErrors } from '../errors.ts';
import { FOLLOW_UP_STATUS, KIND } from '../labels.ts';
import { lateness } from './follow-up.ts';

/**
 * The documents areas owe after their activities end. A coordinator sees their area's, with the
 * due dates, and hands each in; an administrator sees every area's and may waive one.
 */

let adminStatus = 'pending';

export const followUpsView = async (ctx: Ctx): Promise<Node> => {
  const admin = ctx.session.role === 'admin';
  const query = new URLSearchParams(admin && adminStatus ? { status: adminStatus } : {});
  const [followUps, applications, areas] = await Promise.all([
    getAll<FollowUp>(`/follow-ups?${query}`),
    getAll<Application>('/applications'),
    ctx.areas(),
  ]);
  const title = new Map(applications.map((a) => [a.id, a.title || '(utan titel)']));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const pending = followUps.filter((f) => f.status === 'pending');
  const done = followUps.filter((f) => f.status !== 'pending');
  const appTitle = (f: FollowUp) => title.get(f.applicationId) ?? 'ansökan';
  const appLink = (f: FollowUp) =>
    h('a', { href: `#/ansokningar/${f.applicationId}` }, title.get(f.applicationId) ?? 'Ansökan');

  const pageOf = (f: FollowUp) => `#/uppfoljningar/${f.id}`;

  const card = (f: FollowUp) => {
    const id = (name: string) => `f-${f.id}-${name}`;
    const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
    const fields = new Map(
      admin
        ? [['reason', id('reason')]]
        : [
            ['summary', id('summary')],
            ['documentUrl', id('documentUrl')],
          ],
    );
    const controls = admin
      ? [field('Skäl att stryka uppföljningen', textarea(id('reason'), '', { rows: 3 }))]
      : [
          field(
            'Sammanfattning',
            textarea(id('summary'), ''),
            'Vad innehåller dokumentet? Skriv några meningar.',
          ),
          field(
            'Länk till dokumentet (valfritt)',
            input(id('documentUrl'), '', { type: 'url', autocomplete: 'url' }),
            'En webbadress som börjar med https://',
          ),
        ];
    const form = h(
      'form',
      { novalidate: true },
      summary,
      controls,
      h(
        'button',
        { type: 'submit', class: admin ? 'secondary' : 'primary' },
        admin ? 'Stryk uppföljningen' : 'Lämna in',
      ),
    );
    const value = (name: string) => (document.getElementById(id(name)) as HTMLInputElement).value.trim();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = admin
        ? { reason: value('reason') }
        : {
            summary: value('summary'),
            ...(value('documentUrl') ? { documentUrl: value('documentUrl') } : {}),
          };
      const parsed = admin ? FollowUpWaiverBody.safeParse(body) : FollowUpSubmissionBody.safeParse(body);
      const failed = admin ? 'Uppföljningen kunde inte strykas.' : 'Uppföljningen kunde inte lämnas in.';
      if (!parsed.success) return showErrors(form, summary, failed, fromZod(parsed.error), resolver(fields));
      try {
        await call('POST', `/follow-ups/${f.id}/${admin ? 'waiver' : 'submission'}`, { body: parsed.data });
        ctx.go(
          location.hash,
          `${KIND[f.kind]} för ”${appTitle(f)}” är ${FOLLOW_UP_STATUS_LABEL[admin ? 'waived' : 'submitted']}.`,
        );
      } catch (error) {
        showErrors(form, summary, failed, fromApi(error), resolver(fields));
      }
    });
    const headingId = `h-${f.id}`;
    return h(
      'section',
      { class: 'card', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, h('a', { href: pageOf(f) }, `${KIND[f.kind]} – senast ${f.dueOn}`)),
      f.daysLate > 0 ? h('p', { class: 'warning' }, lateness(f.daysLate)) : null,
      h('p', null, 'Ansökan: ', appLink(f), admin ? ` (${areaName.get(f.areaId) ?? f.areaId})` : ''),
      form,
    );
  };

  const filter = admin
    ? (() => {
        const el = h(
          'select',
          { id: 'filter-follow-ups' },
          (
            [
              ['pending', 'Inte inlämnade'],
              ['submitted', 'Inlämnade'],
              ['waived', 'Strukna'],
              ['', 'Alla'],
            ] as const
          ).map(([value, text]) => h('option', { value, selected: value === adminStatus }, text)),
        );
        el.addEventListener('change', () => {
          adminStatus = el.value;
          ctx.go(location.hash);
        });
        return h('div', { class: 'field inline' }, h('label', { for: 'filter-follow-ups' }, 'Visa'), el);
      })()
    : null;

  return h(
    'div',
    null,
    h('h1', null, 'Uppföljningar'),
    h(
      'p',
      null,
      admin
        ? 'Dokument som områdena ska lämna efter avslutade aktiviteter.'
        : 'Dokument som området ska lämna efter avslutade aktiviteter. Påminnelser kommer med e-post.',
    ),
    filter,
    h('h2', null, 'Att lämna'),
    pending.length === 0 ? h('p', null, 'Inga uppföljningar väntar.') : pending.map(card),
    done.length > 0
      ? [
          h('h2', null, 'Inlämnade och strukna'),
          table(
            'Inlämnade och strukna uppföljningar',
            [
              'Uppföljning',
              'Ansökan',
              ...(admin ? ['Område'] : []),
              'Sista dag',
              'Status',
              'Datum',
              'Försenad',
            ],
            done.map((f) => [
              h('a', { href: pageOf(f) }, KIND[f.kind]),
              appLink(f),
              ...(admin ? [document.createTextNode(areaName.get(f.areaId) ?? f.areaId)] : []),
              document.createTextNode(f.dueOn),
              document.createTextNode(FOLLOW_UP_STATUS[f.status]),
              document.createTextNode(f.submittedOn ?? f.waivedOn ?? ''),
              document.createTextNode(f.daysLate > 0 ? lateness(f.daysLate) : '–'),
            ]),
          ),
        ]
      : null,
  );
};
