import type {
  Overview,
  OverviewCompletion,
  OverviewFollowUp,
  ProgrammeBudget,
  OverviewSection as Section,
} from '../../../domain/responses.ts';
import { get } from '../api.ts';
import type { Ctx } from '../app.ts';
import { type Child, h } from '../dom.ts';
import { KIND } from '../labels.ts';
import { lateness } from './follow-up.ts';
import { fundsChart } from './reports.ts';

/**
 * The start page (`#/`, `#/start`, where sign-in lands): what waits for head office and what is
 * late, from GET /overview, each item a link to the page where it is dealt with. A coordinator
 * sees the same for their area and what falls due in the next 60 days.
 */

const untitled = (title: string | undefined) => title || '(utan titel)';
const late = (daysLate: number | undefined): Child =>
  daysLate && daysLate > 0 ? [' – ', h('strong', { class: 'warning' }, lateness(daysLate))] : null;

/** A heading with the count, the items as a list of links, or one line saying nothing waits. */
const section = <T>(id: string, title: string, { count, items }: Section<T>, item: (it: T) => Child[]) =>
  h(
    'section',
    { 'aria-labelledby': id },
    h('h2', { id }, `${title} (${count})`),
    items.length === 0
      ? h('p', null, 'Inget väntar.')
      : [
          h(
            'ul',
            { class: 'overview' },
            items.map((it) => h('li', null, item(it))),
          ),
          count > items.length ? h('p', null, `Visar de ${items.length} äldsta av ${count}.`) : null,
        ],
  );

const followUpLink = (f: OverviewFollowUp, admin: boolean): Child[] => [
  h('a', { href: `#/uppfoljningar/${f.id}` }, `${KIND[f.kind]} för ”${untitled(f.applicationTitle)}”`),
  admin ? ` (område ${f.areaId})` : '',
  `, senast ${f.dueOn}`,
  late(f.daysLate),
];

const completionLink = (c: OverviewCompletion, admin: boolean): Child[] => [
  h('a', { href: `#/ansokningar/${c.applicationId}` }, `Slutrapport för ”${untitled(c.applicationTitle)}”`),
  admin ? ` (område ${c.areaId})` : '',
  `, senast ${c.dueOn}`,
  late(c.daysLate),
];

/** Head office's picture of the programme that runs latest: each year's appropriation, how much is used. */
const atAGlance = async (ctx: Ctx): Promise<Child> => {
  const programmes = await ctx.programmes().catch(() => []);
  const last = (years: readonly { year: number }[]) => Math.max(0, ...years.map((y) => y.year));
  const [programme] = [...programmes].sort((a, b) => last(b.years) - last(a.years));
  if (!programme) return null;
  const budget = await get<ProgrammeBudget>(`/programmes/${programme.id}/budget`).catch(() => undefined);
  if (!budget || budget.items.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'start-programme' },
    h('h2', { id: 'start-programme' }, `${programme.name} i korthet`),
    fundsChart(budget.items),
    h('p', null, h('a', { href: '#/rapporter' }, 'Fler siffror under Rapporter')),
  );
};

export const startView = async (ctx: Ctx): Promise<Node> => {
  const admin = ctx.session.role === 'admin';
  const [overview, glance] = await Promise.all([get<Overview>('/overview'), admin ? atAGlance(ctx) : null]);
  return h(
    'div',
    null,
    h('h1', null, 'Start'),
    h(
      'p',
      null,
      admin
        ? 'Det som väntar på projektledningen och det som är försenat, äldst först.'
        : 'Det som väntar och det som är försenat i ditt område, äldst först, och det som ska lämnas snart.',
    ),
    section('start-decision', 'Väntar på beslut', overview.awaitingDecision, (a) => [
      h('a', { href: `#/ansokningar/${a.id}` }, untitled(a.title)),
      admin ? ` (område ${a.areaId})` : '',
      a.submittedAt ? `, inskickad ${a.submittedAt.slice(0, 10)}` : '',
    ]),
    section('start-review', 'Väntar på granskning', overview.awaitingReview, (f) => followUpLink(f, admin)),
    section('start-deferral', 'Begäran om ny sista dag', overview.deferralRequests, (r) => [
      h(
        'a',
        { href: `#/uppfoljningar/${r.followUpId}` },
        `${KIND[r.kind]} för ”${untitled(r.applicationTitle)}”`,
      ),
      admin ? ` (område ${r.areaId})` : '',
      `: ${r.dueOn} till ${r.requestedDueOn}`,
    ]),
    section('start-late-follow-ups', 'Försenade uppföljningar', overview.overdueFollowUps, (f) =>
      followUpLink(f, admin),
    ),
    section('start-late-reports', 'Försenade slutrapporter', overview.overdueCompletionReports, (c) =>
      completionLink(c, admin),
    ),
    glance,
    overview.upcoming
      ? section('start-upcoming', 'Kommande', overview.upcoming, (u) =>
          u.type === 'followUp' ? followUpLink(u, admin) : completionLink(u, admin),
        )
      : null,
  );
};
