import {
  type Application,
  ELIGIBLE_COST_CATEGORIES,
  isEditable,
  requestedByYear,
  sumValues,
} from '../../../domain/application.ts';
import type { FollowUp, FollowUpView } from '../../../domain/follow-ups.ts';
import type { HistoryEvent } from '../../../domain/history.ts';
import type { Programme } from '../../../domain/programme.ts';
import type { AreaTotals, ProgrammeBudget, YearBudget } from '../../../domain/responses.ts';
import { KIND_LABEL, sek } from '../../../domain/vocabulary.ts';
import { CompletionBody, DecisionBody } from '../../../schemas/application.ts';
import { call, get, getAll } from '../api.ts';
import type { Ctx } from '../app.ts';
import { parseAmount } from '../application-model.ts';
import { type Child, dl, field, h, input, replace, table, textarea } from '../dom.ts';
import { fromApi, fromZod, type Problem, resolver, showErrors } from '../errors.ts';
import { ACTION, ACTIVITY, FOLLOW_UP_STATUS, KIND, STATUS, when } from '../labels.ts';
import { type Line, lineEditor } from '../lines.ts';
import { applicationSummary } from './application-summary.ts';
import { confirmationsSection } from './confirmations.ts';
import { editor } from './editor.ts';
import { lateness } from './follow-up.ts';
import { underspendForm } from './underspend-form.ts';

/**
 * One application: the coordinator's form while it is a draft (or returned); otherwise what it
 * says, its decision and history, and what may be done next — deciding it (administrator),
 * reporting completion and costs (coordinator), its follow-ups once completed.
 */

const section = (title: string, ...children: Child[]) => h('section', null, h('h2', null, title), children);

const optional = <T>(promise: Promise<T>): Promise<T | undefined> => promise.catch(() => undefined);

/** Builds a small action form (decision, completion) whose errors show beside its own fields. */
const actionForm = (
  title: string,
  submitText: string,
  fields: Map<string, string>,
  content: Child[],
  run: () => Promise<Problem[] | undefined>,
) => {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const form = h(
    'form',
    { novalidate: true },
    summary,
    content,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, submitText)),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problems = await run();
    if (problems) showErrors(form, summary, title, problems, resolver(fields));
  });
  return form;
};

const decisionForm = (
  ctx: Ctx,
  app: Application,
  programme: Programme | undefined,
  budget?: YearBudget[],
  area?: AreaTotals,
) => {
  const requested = requestedByYear(app.budget);
  const years = programme?.years.map((y) => y.year) ?? Object.keys(requested).map(Number);
  const fields = new Map([
    ['outcome', 'f-outcome'],
    ['grantedByYear', 'f-granted'],
    ['comment', 'f-comment'],
    ...years.map((y) => [`grantedByYear.${y}`, `f-granted-${y}`] as [string, string]),
  ]);
  const amounts = years.map((y) => {
    const row = budget?.find((b) => b.year === y);
    return [
      y,
      field(
        `Beviljas för ${y} (kr)`,
        input(`f-granted-${y}`, String(requested[String(y)] ?? 0), { inputmode: 'numeric', class: 'amount' }),
        `Sökt: ${sek(requested[String(y)] ?? 0)}.${
          row
            ? ` Kvar av årets anslag: ${sek(row.remaining)} (anslag ${sek(row.appropriation)}, beviljat ${sek(row.granted)}).`
            : ''
        }`,
      ),
    ] as const;
  });
  /** What would remain of each year's appropriation and of the area's cap, as the amounts are typed. */
  const after = h('div', { class: 'totals', 'aria-live': 'polite' });
  const typed = (y: number) =>
    parseAmount(amounts.find(([year]) => year === y)?.[1].querySelector('input')?.value ?? '') ?? 0;
  const updateAfter = () => {
    const sum = years.reduce((total, y) => total + (Number.isNaN(typed(y)) ? 0 : typed(y)), 0);
    replace(
      after,
      h('h3', null, 'Efter beslutet'),
      h(
        'ul',
        null,
        years.map((y) => {
          const row = budget?.find((b) => b.year === y);
          const left = row ? row.remaining - (Number.isNaN(typed(y)) ? 0 : typed(y)) : undefined;
          return left === undefined
            ? null
            : h('li', { class: left < 0 ? 'warning' : null }, `Kvar av anslaget för ${y}: ${sek(left)}`);
        }),
        area
          ? h(
              'li',
              { class: area.remaining - sum < 0 ? 'warning' : null },
              `Kvar av områdets tak (${sek(area.maxGrantPerArea)}): ${sek(area.remaining - sum)}`,
            )
          : null,
      ),
    );
  };
  const granted = h(
    'fieldset',
    { id: 'f-granted', hidden: true },
    h('legend', null, 'Belopp per år'),
    amounts.map(([, el]) => el),
    area
      ? h(
          'p',
          null,
          `Området har redan beviljats ${sek(area.granted)} av taket ${sek(area.maxGrantPerArea)}. Kvar före beslutet: ${sek(area.remaining)}.`,
        )
      : null,
    after,
  );
  granted.addEventListener('input', updateAfter);
  updateAfter();
  const outcome = (value: string, text: string) =>
    h(
      'div',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'outcome',
        id: `f-outcome-${value}`,
        value,
      }),
      h('label', { for: `f-outcome-${value}` }, text),
    );
  const outcomes = h(
    'fieldset',
    { id: 'f-outcome' },
    h('legend', null, 'Beslut'),
    outcome('approved', 'Bevilja'),
    outcome('rejected', 'Avslå'),
    outcome('returned', 'Skicka tillbaka för komplettering'),
  );
  const comment = textarea('f-comment', '');
  outcomes.addEventListener('change', () => {
    granted.hidden = chosen() !== 'approved';
  });
  const chosen = () => outcomes.querySelector<HTMLInputElement>('input:checked')?.value ?? '';

  return actionForm(
    'Beslutet kunde inte registreras. Rätta följande:',
    'Registrera beslut',
    fields,
    [
      outcomes,
      granted,
      field(
        'Kommentar till området',
        comment,
        'Skickas med beslutet. Skriv vad som ska kompletteras när du skickar tillbaka ansökan.',
      ),
    ],
    async () => {
      const outcome = chosen();
      if (!outcome)
        return [
          {
            message: 'Välj beslut: bevilja, avslå eller skicka tillbaka för komplettering.',
            paths: ['outcome'],
          },
        ];
      const grantedByYear: Record<string, number> = {};
      for (const y of years) {
        const amount = parseAmount((document.getElementById(`f-granted-${y}`) as HTMLInputElement).value);
        if (amount !== undefined) grantedByYear[String(y)] = amount;
      }
      const body = {
        outcome,
        ...(outcome === 'approved' ? { grantedByYear } : {}),
        ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
      };
      const parsed = DecisionBody.safeParse(body);
      if (!parsed.success) return fromZod(parsed.error);
      if (outcome === 'approved' && sumValues(grantedByYear) === 0) {
        return [{ message: 'Ange beviljat belopp för minst ett år.', paths: ['grantedByYear'] }];
      }
      if (outcome === 'returned' && !body.comment) {
        return [{ message: 'Skriv vad området ska komplettera.', paths: ['comment'] }];
      }
      try {
        await call('POST', `/applications/${app.id}/decision`, { body: parsed.data });
        ctx.go(location.hash, `Beslutet är registrerat: ${STATUS[parsed.data.outcome]}.`);
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  );
};

const completionForm = (ctx: Ctx, app: Application, programme: Programme | undefined) => {
  const types = (app.activities ?? []).map((a) => a.type);
  const grantedYears = Object.keys(app.grantedByYear ?? {}).map(Number);
  const years = grantedYears.length > 0 ? grantedYears : (programme?.years.map((y) => y.year) ?? []);
  const costs: Line[] = (app.budget ?? [])
    .filter((line) => (ELIGIBLE_COST_CATEGORIES as readonly string[]).includes(line.category))
    .map((line) => ({ year: String(line.year), category: line.category, amount: String(line.amount) }));
  const fields = new Map<string, string>([
    ['activities', 'f-ended'],
    ['costs', 'f-costs'],
  ]);
  types.forEach((type, i) => {
    fields.set(`activities.${i}`, `f-ended-${type}`);
    fields.set(`activities.${i}.endedOn`, `f-ended-${type}`);
    fields.set(`activities.${i}.participants`, `f-participants-${type}`);
  });
  const totals = h('div', { class: 'totals' });
  const updateTotals = () => {
    const spent = new Map<string, number>();
    for (const line of costs) {
      const amount = parseAmount(line.amount);
      spent.set(line.year, (spent.get(line.year) ?? 0) + (amount && !Number.isNaN(amount) ? amount : 0));
    }
    totals.replaceChildren(
      h(
        'ul',
        null,
        years.map((y) => {
          const granted = app.grantedByYear?.[String(y)] ?? 0;
          const used = spent.get(String(y)) ?? 0;
          return h(
            'li',
            { class: used > granted ? 'warning' : null },
            `${y}: ${sek(used)} av beviljade ${sek(granted)}`,
          );
        }),
      ),
    );
  };
  updateTotals();
  const activityFields = types.map((type) =>
    h(
      'fieldset',
      null,
      h('legend', null, ACTIVITY[type]),
      h(
        'div',
        { class: 'row' },
        field(
          'Slutdatum',
          input(`f-ended-${type}`, '', { type: 'date', 'data-label': `${ACTIVITY[type]}, slutdatum` }),
        ),
        field(
          'Antal deltagare (valfritt)',
          input(`f-participants-${type}`, '', {
            inputmode: 'numeric',
            class: 'amount',
            'data-label': `${ACTIVITY[type]}, antal deltagare`,
          }),
        ),
      ),
    ),
  );
  return actionForm(
    'Slutrapporten kunde inte lämnas. Rätta följande:',
    'Skicka slutrapport',
    fields,
    [
      h(
        'p',
        null,
        'När aktiviteterna är avslutade rapporterar du när de slutade och vad de faktiskt kostade. Då bestäms vilka uppföljningar området ska lämna och när.',
      ),
      h('fieldset', { id: 'f-ended' }, h('legend', null, 'Aktiviteterna'), activityFields),
      h(
        'fieldset',
        { id: 'f-costs' },
        h('legend', null, 'Faktiska kostnader'),
        h('p', { class: 'hint' }, 'Belopp i hela kronor per år och kategori, högst det beviljade för året.'),
        lineEditor({
          prefix: 'f-cost',
          noun: 'kostnadsrad',
          lines: costs,
          years,
          categories: ELIGIBLE_COST_CATEGORIES,
          withDescription: false,
          newLine: () => ({ year: String(years[0] ?? ''), category: 'lecturer', amount: '' }),
          changed: updateTotals,
        }),
        totals,
      ),
    ],
    async () => {
      const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value.trim();
      costs.forEach((_, i) => {
        for (const name of ['year', 'category', 'amount'])
          fields.set(`costs.${i}.${name}`, `f-cost-${i}-${name}`);
      });
      const body = {
        activities: types.map((type) => {
          const participants = parseAmount(value(`f-participants-${type}`));
          return {
            type,
            endedOn: value(`f-ended-${type}`),
            ...(participants !== undefined ? { participants } : {}),
          };
        }),
        costs: costs.map((line) => ({
          year: Number(line.year),
          category: line.category,
          amount: parseAmount(line.amount) as number,
        })),
      };
      const parsed = CompletionBody.safeParse(body);
      if (!parsed.success) return fromZod(parsed.error);
      try {
        const { data } = await call<Application & { followUps: FollowUp[] }>(
          'POST',
          `/applications/${app.id}/completion`,
          { body: parsed.data },
        );
        const owed = data.followUps.map((f) => `${KIND_LABEL[f.kind]} senast ${f.dueOn}`);
        ctx.go(
          location.hash,
          `Slutrapporten är inlämnad.${owed.length > 0 ? ` Området ska lämna: ${owed.join('; ')}.` : ''}`,
        );
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  );
};

const historySection = (events: HistoryEvent[]) =>
  section(
    'Historik',
    table(
      'Vad som har hänt med ansökan',
      ['Tid', 'Vem', 'Händelse', 'Version'],
      events.map((e) =>
        [
          when(e.at),
          e.actor,
          `${ACTION[e.action] ?? e.action}${e.detail ? ` (${e.detail})` : ''}`,
          String(e.version),
        ].map((t) => document.createTextNode(t)),
      ),
    ),
  );

export const applicationView = async (ctx: Ctx): Promise<Node> => {
  const [id = ''] = ctx.params;
  const admin = ctx.session.role === 'admin';
  const programmes = await ctx.programmes();
  if (id === 'ny') {
    if (admin)
      return h(
        'div',
        null,
        h('h1', null, 'Ny ansökan'),
        h('p', null, 'Ansökningar skapas av områdenas samverkansansvariga.'),
      );
    return editor(ctx, undefined, programmes);
  }
  const [app, events] = await Promise.all([
    get<Application>(`/applications/${id}`),
    get<{ items: HistoryEvent[] }>(`/applications/${id}/history`),
  ]);
  const programme = programmes.find((p) => p.id === app.programmeId);
  if (!admin && isEditable(app.status)) {
    // A decline's comment stays in view while the coordinator changes the application.
    return h(
      'div',
      null,
      editor(ctx, app, programmes),
      confirmationsSection(ctx, app),
      historySection(events.items),
    );
  }
  const areas = await ctx.areas();
  const decision = app.decision;
  const parts: Child[] = [
    h('h1', null, app.title || '(utan titel)'),
    dl([
      ['Status', h('span', { class: `tag ${app.status}` }, STATUS[app.status])],
      ['Område', areas.find((a) => a.id === app.areaId)?.name ?? app.areaId],
      ['Program', programme?.name ?? app.programmeId],
      ['Senast ändrad', when(app.updatedAt)],
    ]),
  ];
  if (decision) {
    parts.push(
      section(
        'Beslut',
        dl([
          ['Beslut', STATUS[decision.outcome]],
          ['Beslutsdag', decision.decidedOn],
          ...(app.grantedByYear
            ? ([
                [
                  'Beviljat',
                  Object.entries(app.grantedByYear)
                    .map(([y, a]) => `${y}: ${sek(a)}`)
                    .join(', '),
                ],
              ] as [string, string][])
            : []),
          ...(decision.comment ? ([['Kommentar', decision.comment]] as [string, string][]) : []),
        ]),
      ),
    );
  }
  let decide: Child = null;
  if (admin && app.status === 'submitted') {
    const [budget, area] = await Promise.all([
      optional(get<ProgrammeBudget>(`/programmes/${app.programmeId}/budget`)),
      optional(get<AreaTotals>(`/programmes/${app.programmeId}/areas/${app.areaId}/totals`)),
    ]);
    decide = section('Fatta beslut', decisionForm(ctx, app, programme, budget?.items, area));
  }
  if (!admin && app.status === 'approved')
    parts.push(section('Slutrapport', completionForm(ctx, app, programme)));
  if (app.status === 'approved' && Object.keys(app.grantedByYear ?? {}).length > 0)
    parts.push(section('Lämna tillbaka medel', underspendForm(ctx, app)));
  if (app.status === 'completed' && app.completion) {
    const followUps = (
      await getAll<FollowUpView>(`/follow-ups?${new URLSearchParams(admin ? { areaId: app.areaId } : {})}`)
    ).filter((f) => f.applicationId === app.id);
    parts.push(
      section(
        'Slutrapport',
        dl([
          ['Rapporterad', app.completion.reportedOn],
          ...app.completion.activities.map(
            (a) =>
              [
                `${ACTIVITY[a.type]} avslutades`,
                `${a.endedOn}${a.participants !== undefined ? `, ${a.participants} deltagare` : ''}`,
              ] as [string, string],
          ),
          [
            'Utbetalt',
            Object.entries(app.disbursedByYear ?? {})
              .map(([y, a]) => `${y}: ${sek(a)}`)
              .join(', ') || '–',
          ],
        ]),
        h('h3', null, 'Uppföljningar'),
        table(
          'Uppföljningar för ansökan',
          ['Uppföljning', 'Sista dag', 'Status', 'Försenad'],
          followUps.map((f) => [
            h('a', { href: `#/uppfoljningar/${f.id}` }, KIND[f.kind]),
            document.createTextNode(f.dueOn),
            document.createTextNode(FOLLOW_UP_STATUS[f.status]),
            document.createTextNode(f.daysLate > 0 ? lateness(f.daysLate) : '–'),
          ]),
        ),
      ),
    );
  }
  // The decision follows what it decides: the application first, then the form.
  parts.push(
    confirmationsSection(ctx, app),
    ...applicationSummary(app),
    decide,
    historySection(events.items),
  );
  return h('div', null, parts);
};
