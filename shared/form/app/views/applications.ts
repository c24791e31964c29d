import {
  APPLICATION_STATUSES,
  type Application,
  requestedByYear,
  sumValues,
} from '../../../domain/application.ts';
import type { Page } from '../../../domain/responses.ts';
import { sek } from '../../../domain/vocabulary.ts';
import { get } from '../api.ts';
import type { Ctx } from '../app.ts';
import { h, replace, select, table } from '../dom.ts';
import { loadDraft } from '../drafts.ts';
import { STATUS, when } from '../labels.ts';

/**
 * The list: a coordinator sees their area's applications and can start a new one; an
 * administrator sees the submitted ones first (or any status) from every area.
 */

let adminStatus = 'submitted';

const text = (value: string) => document.createTextNode(value);

export const applicationsView = async (ctx: Ctx): Promise<Node> => {
  const admin = ctx.session.role === 'admin';
  const [programmes, areas] = await Promise.all([ctx.programmes(), ctx.areas()]);
  const programmeName = new Map(programmes.map((p) => [p.id, p.name]));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const results = h('div');
  let nextToken: string | undefined;
  const shown: Application[] = [];

  const rowsOf = (apps: Application[]) =>
    apps.map((app) => [
      h('a', { href: `#/ansokningar/${app.id}` }, app.title || '(utan titel)'),
      ...(admin ? [text(areaName.get(app.areaId) ?? app.areaId)] : []),
      text(programmeName.get(app.programmeId) ?? app.programmeId),
      h('span', { class: `tag ${app.status}` }, STATUS[app.status]),
      text(sek(sumValues(requestedByYear(app.budget)))),
      text(when(app.updatedAt)),
    ]);

  const load = async (more: boolean) => {
    if (!more) shown.length = 0;
    const query = new URLSearchParams({ limit: '50' });
    if (admin && adminStatus) query.set('status', adminStatus);
    if (more && nextToken) query.set('nextToken', nextToken);
    const page = await get<Page<Application>>(`/applications?${query}`);
    shown.push(...page.items);
    nextToken = page.nextToken;
    const head = ['Titel', ...(admin ? ['Område'] : []), 'Program', 'Status', 'Sökt belopp', 'Senast ändrad'];
    replace(
      results,
      shown.length === 0
        ? h('p', null, admin ? 'Inga ansökningar med den statusen.' : 'Området har inga ansökningar ännu.')
        : table(admin ? 'Ansökningar' : 'Områdets ansökningar', head, rowsOf(shown)),
      nextToken
        ? h('button', { type: 'button', class: 'secondary', onclick: () => void load(true) }, 'Visa fler')
        : null,
    );
  };
  await load(false);

  if (admin) {
    const status = select(
      'filter-status',
      [...APPLICATION_STATUSES.map((s) => [s, STATUS[s]] as const), ['', 'Alla']],
      adminStatus,
    );
    status.addEventListener('change', () => {
      adminStatus = status.value;
      void load(false);
    });
    return h(
      'div',
      null,
      h('h1', null, 'Ansökningar'),
      h('div', { class: 'field inline' }, h('label', { for: 'filter-status' }, 'Visa status'), status),
      results,
    );
  }

  const unsaved = loadDraft('ny', ctx.session.email);
  return h(
    'div',
    null,
    h('h1', null, 'Ansökningar'),
    h('p', null, `Område: ${areaName.get(ctx.session.areaId ?? '') ?? ctx.session.areaId ?? ''}.`),
    unsaved
      ? h(
          'p',
          { class: 'notice' },
          'Du har en påbörjad ansökan som inte är sparad. ',
          h('a', { href: '#/ansokningar/ny' }, 'Fortsätt med den'),
          '.',
        )
      : null,
    // Always there: with an unsaved draft it leads back to that text (which can be discarded there).
    h('p', null, h('a', { href: '#/ansokningar/ny', class: 'button primary' }, 'Ny ansökan')),
    results,
  );
};
