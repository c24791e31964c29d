import type { Area } from '../../domain/area.ts';
import type { Programme } from '../../domain/programme.ts';
import type { Page } from '../../domain/responses.ts';
import { ROLE_LABEL } from '../../domain/vocabulary.ts';
import { describe, get, whenUnauthorized } from './api.ts';
import { completeSignIn, forget, isLocal, type Session, session, signOut } from './auth.ts';
import { button, byId, h, replace } from './dom.ts';
import { dropAllDrafts, unsavedDrafts } from './drafts.ts';
import { applicationView } from './views/application.ts';
import { applicationsView } from './views/applications.ts';
import { followUpView } from './views/follow-up.ts';
import { followUpsView } from './views/follow-ups.ts';
import { reportsView } from './views/reports.ts';
import { signInView } from './views/sign-in.ts';
import { startView } from './views/start.ts';
import { usersView } from './views/users.ts';

/**
 * The shell: header with navigation and the signed-in user, the hash router, and what every view
 * gets (`Ctx`). Routes: `#/start` (also `#/`; where sign-in lands), `#/ansokningar`,
 * `#/ansokningar/ny`, `#/ansokningar/<id>` (e-mails link here), `#/uppfoljningar` (reminders link
 * here), `#/uppfoljningar/<id>`, `#/rapporter`, `#/anvandare`.
 */

export interface Ctx {
  session: Session;
  /** Route parameters (the application id). */
  params: string[];
  /** Shows a message in the status region (announced politely). */
  flash(message: string): void;
  /** Goes to a route; the same route renders again. */
  go(hash: string, message?: string): void;
  programmes(): Promise<Programme[]>;
  areas(): Promise<Area[]>;
}

type View = (ctx: Ctx) => Promise<Node>;

interface Route {
  pattern: RegExp;
  title: string;
  nav: string;
  adminOnly?: boolean;
  view: View;
}

const ROUTES: Route[] = [
  { pattern: /^#\/(?:start)?$/, title: 'Start', nav: '#/start', view: startView },
  {
    pattern: /^#\/ansokningar\/(ny|[0-9a-f-]{36})$/,
    title: 'Ansökan',
    nav: '#/ansokningar',
    view: applicationView,
  },
  { pattern: /^#\/ansokningar$/, title: 'Ansökningar', nav: '#/ansokningar', view: applicationsView },
  {
    pattern: /^#\/uppfoljningar\/([0-9A-Za-z-]{1,64})$/,
    title: 'Uppföljning',
    nav: '#/uppfoljningar',
    view: followUpView,
  },
  { pattern: /^#\/uppfoljningar$/, title: 'Uppföljningar', nav: '#/uppfoljningar', view: followUpsView },
  { pattern: /^#\/rapporter$/, title: 'Rapporter', nav: '#/rapporter', adminOnly: true, view: reportsView },
  { pattern: /^#\/anvandare$/, title: 'Användare', nav: '#/anvandare', adminOnly: true, view: usersView },
];

const NAV: [string, string, boolean][] = [
  ['#/start', 'Start', false],
  ['#/ansokningar', 'Ansökningar', false],
  ['#/uppfoljningar', 'Uppföljningar', false],
  ['#/rapporter', 'Rapporter', true],
  ['#/anvandare', 'Användare', true],
];

let renders = 0;
let pendingFlash: string | undefined;
const cache = new Map<string, Promise<unknown>>();
/** Programmes and areas change rarely: read once per sign-in. */
const cached =
  <T>(path: string) =>
  (): Promise<T[]> => {
    let hit = cache.get(path) as Promise<T[]> | undefined;
    if (!hit) {
      hit = get<Page<T>>(path).then((page) => page.items);
      hit.catch(() => cache.delete(path));
      cache.set(path, hit);
    }
    return hit;
  };

const main = () => byId('main') as HTMLElement;
const status = () => byId('status') as HTMLElement;
const view = () => byId('view') as HTMLElement;

const flash = (message: string): void => {
  replace(status(), message ? h('p', null, message) : null);
};

const header = (s: Session | undefined, active?: string): void => {
  replace(
    byId('nav') as HTMLElement,
    s
      ? h(
          'ul',
          null,
          NAV.filter(([, , adminOnly]) => !adminOnly || s.role === 'admin').map(([hash, text]) =>
            h('li', null, h('a', { href: hash, 'aria-current': hash === active ? 'page' : null }, text)),
          ),
        )
      : null,
  );
  replace(
    byId('user') as HTMLElement,
    s
      ? [
          h('p', null, `${s.email} (${ROLE_LABEL[s.role]}${s.areaId ? `, område ${s.areaId}` : ''})`),
          button('Logga ut', () => askToSignOut(s), { class: 'secondary small' }),
        ]
      : null,
  );
};

/** Signs out and leaves nothing typed behind: the computer may be shared. */
const signOutNow = (s: Session): void => {
  dropAllDrafts(s.email);
  signOut();
  cache.clear();
  if (isLocal()) render();
};

/** Unsaved text would be lost at sign-out: say so, and let the user go back and save it. */
const askToSignOut = (s: Session): void => {
  const unsaved = unsavedDrafts(s.email).length;
  if (unsaved === 0) {
    signOutNow(s);
    return;
  }
  renders++;
  document.title = 'Logga ut? – KUR';
  replace(
    view(),
    h('h1', { tabindex: '-1' }, 'Du har text som inte är sparad'),
    h(
      'p',
      null,
      `Det du har skrivit i ${unsaved === 1 ? 'en ansökan' : `${unsaved} ansökningar`} är inte sparat. Om du loggar ut nu tas texten bort från den här datorn, eftersom andra kan använda den.`,
    ),
    h(
      'div',
      { class: 'actions' },
      button('Gå tillbaka och spara', () => render(), { class: 'primary' }),
      button('Logga ut och ta bort texten', () => signOutNow(s)),
    ),
  );
  view().querySelector('h1')?.focus();
};

const render = async (): Promise<void> => {
  const token = ++renders;
  const s = session();
  const message = pendingFlash;
  pendingFlash = undefined;
  flash(message ?? '');
  if (!s) {
    header(undefined);
    document.title = 'Logga in – KUR';
    replace(view(), signInView(render));
    return;
  }
  if (!location.hash) history.replaceState(null, '', '#/start');
  const hash = location.hash;
  const route = ROUTES.find((r) => r.pattern.test(hash) && (!r.adminOnly || s.role === 'admin'));
  header(s, route?.nav);
  if (!route) {
    document.title = 'Sidan finns inte – KUR';
    replace(
      view(),
      h('h1', { tabindex: '-1' }, 'Sidan finns inte'),
      h('p', null, h('a', { href: '#/ansokningar' }, 'Till ansökningarna')),
    );
    return;
  }
  document.title = `${route.title} – KUR`;
  replace(view(), h('p', { class: 'loading' }, 'Hämtar…'));
  const ctx: Ctx = {
    session: s,
    params: (route.pattern.exec(hash) ?? []).slice(1),
    flash,
    go: (next, note) => {
      pendingFlash = note;
      if (location.hash === next) render();
      else location.hash = next;
    },
    programmes: cached<Programme>('/programmes'),
    areas: cached<Area>('/areas'),
  };
  let node: Node;
  try {
    node = await route.view(ctx);
  } catch (error) {
    node = h(
      'div',
      null,
      h('h1', { tabindex: '-1' }, route.title),
      h('p', { class: 'error-text' }, describe(error)),
    );
  }
  if (token !== renders) return;
  replace(view(), node);
  const heading = view().querySelector('h1');
  if (heading && started) {
    // A new "page" in a single-page app: move focus to its heading, as a page load would.
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  started = true;
};
let started = false;

export const start = async (): Promise<void> => {
  byId('skip')?.addEventListener('click', (event) => {
    event.preventDefault();
    main().focus();
  });
  whenUnauthorized(() => {
    forget();
    pendingFlash = 'Din inloggning har gått ut. Logga in igen; det du skrivit finns kvar i webbläsaren.';
    render();
  });
  try {
    await completeSignIn();
  } catch (error) {
    pendingFlash = error instanceof Error ? error.message : 'Inloggningen misslyckades.';
  }
  window.addEventListener('hashchange', () => render());
  await render();
};
