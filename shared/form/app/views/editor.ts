import {
  type Application,
  COST_CATEGORIES,
  PARTNER_TYPES,
  requestedByYear,
  sumValues,
} from '../../../domain/application.ts';
import { areaCapViolation } from '../../../domain/guards.ts';
import type { Programme } from '../../../domain/programme.ts';
import type { AreaTotals } from '../../../domain/responses.ts';
import { sek } from '../../../domain/vocabulary.ts';
import { ApplicationBody } from '../../../schemas/application.ts';
import { ApiError, call } from '../api.ts';
import type { Ctx } from '../app.ts';
import {
  asText,
  budgetTotals,
  emptyBudgetLine,
  emptyDraft,
  type FormDraft,
  fromApplication,
  ids,
  toBody,
} from '../application-model.ts';
import { button, type Child, counted, dl, field, h, input, replace, select, textarea } from '../dom.ts';
import { dropDraft, loadDraft, type StoredDraft, storeDraft } from '../drafts.ts';
import { clearErrors, fromApi, fromZod, type Problem, resolver, showErrors } from '../errors.ts';
import { goalsEditor } from '../goals-editor.ts';
import { ACTIVITY, PARTNER, STATUS, when } from '../labels.ts';
import { lineEditor } from '../lines.ts';
import { applicationSummary } from './application-summary.ts';

/**
 * The coordinator's application form: create, edit, save, submit. Everything typed goes to
 * localStorage at once; saving validates with the API's own zod schema first; submitting shows
 * every rule violation the API reports next to its field, with a summary on top.
 */

/** A heading stays a heading: a long title is cut between words (the whole title is in its field). */
const shortTitle = (title: string | undefined): string => {
  const text = title || '(utan titel)';
  return text.length <= 90 ? text : `${text.slice(0, 90).replace(/\s+\S*$/, '')} …`;
};

const same = (a: FormDraft, b: FormDraft) =>
  JSON.stringify(toBody(a).body) === JSON.stringify(toBody(b).body);

export const editor = (ctx: Ctx, initial: Application | undefined, programmes: Programme[]): Node => {
  let app = initial;
  const user = ctx.session.email;
  const key = () => app?.id ?? 'ny';
  const stored = loadDraft<FormDraft>(key(), user);
  const serverDraft = app
    ? fromApplication(app)
    : emptyDraft(programmes.length === 1 ? (programmes[0]?.id ?? '') : '');
  let saved = app ? fromApplication(app) : undefined;
  let draft = serverDraft;
  let copy = stored?.copy;
  let note: HTMLElement | null = null;
  if (stored) {
    if ((stored.version ?? 0) === (app?.version ?? 0)) {
      if (!same(stored.value, serverDraft)) {
        draft = stored.value;
        note = h(
          'div',
          { class: 'notice' },
          h('p', null, 'Vi har återställt det du skrev senast men inte hann spara.'),
          button(
            'Släng ändringarna och visa den sparade versionen',
            () => {
              dropDraft(key(), user);
              ctx.go(location.hash);
            },
            { class: 'secondary small' },
          ),
        );
      }
    } else {
      // Someone changed the application after this text was typed: show theirs, keep ours to copy.
      copy = stored.copy ?? asText(stored.value);
    }
  }

  const remember = (extra: Partial<StoredDraft<FormDraft>> = {}) => {
    const previous = loadDraft<FormDraft>(key(), user);
    storeDraft(key(), user, {
      ...previous,
      version: app?.version ?? 0,
      savedAt: new Date().toISOString(),
      value: draft,
      unsaved: !saved || !same(draft, saved),
      ...(copy ? { copy } : {}),
      ...extra,
    });
  };
  if (copy) remember();

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const conflict = h('div', { class: 'conflict', role: 'alert', tabindex: '-1', hidden: true });
  const copyPanel = h('div');
  const form = h('form', { novalidate: true, class: 'application' });
  const heading = h('h1');
  const root = h('div');
  /** Where a save is confirmed: beside the buttons, where the user's eyes are. */
  const saveNote = h('p', { class: 'saved', role: 'status' });
  const totalsBox = h('div', { class: 'totals' });
  let areaTotals: AreaTotals | undefined;

  const programme = () => programmes.find((p) => p.id === draft.programmeId);

  const setHeading = () => {
    replace(heading, app ? `Ansökan: ${shortTitle(app.title)}` : 'Ny ansökan');
  };

  const renderCopy = () => {
    replace(
      copyPanel,
      copy
        ? h(
            'div',
            { class: 'notice' },
            h('h2', null, 'Din text som inte sparades'),
            h(
              'p',
              null,
              'Ansökan ändrades av någon annan, så nedan visas den senaste versionen. Här är det du skrev; kopiera det du vill ha kvar.',
            ),
            field('Din text att kopiera', textarea('f-copy', copy, { readonly: true, rows: 10 })),
            button(
              'Jag har kopierat det jag behöver',
              () => {
                copy = undefined;
                remember({ copy: undefined });
                renderCopy();
              },
              { class: 'secondary small' },
            ),
          )
        : null,
    );
  };

  const updateTotals = () => {
    const { byYear, total } = budgetTotals(draft.budget);
    const years = programme()?.years.map((y) => String(y.year)) ?? [...byYear.keys()];
    const cap = areaTotals?.maxGrantPerArea ?? programme()?.maxGrantPerArea;
    const remaining = areaTotals?.remaining ?? cap;
    replace(
      totalsBox,
      h('h3', null, 'Summa'),
      h(
        'ul',
        null,
        years.map((y) => h('li', null, `${y}: ${sek(byYear.get(y) ?? 0)}`)),
        h('li', null, h('strong', null, `Totalt: ${sek(total)}`)),
      ),
      remaining !== undefined && cap !== undefined
        ? h(
            'p',
            { class: total > remaining ? 'warning' : null },
            // Over the cap, the same words as the API's area-cap-exceeded at submit.
            total > remaining
              ? areaCapViolation(cap, { kind: 'request', granted: cap - remaining, requested: total }).message
              : `Ett område kan få högst ${sek(cap)} i programmet. Kvar för området: ${sek(remaining)}. Efter den här ansökan återstår ${sek(remaining - total)}.`,
          )
        : null,
    );
  };

  /** What the area has already been granted in the chosen programme: the running total's yardstick. */
  const loadAreaTotals = () => {
    areaTotals = undefined;
    if (!programme() || !ctx.session.areaId) return;
    call<AreaTotals>('GET', `/programmes/${draft.programmeId}/areas/${ctx.session.areaId}/totals`)
      .then(({ data }) => {
        areaTotals = data;
        updateTotals();
      })
      .catch(() => {});
  };

  const changed = () => {
    remember();
    updateTotals();
  };

  /** Binds a control to the draft: every keystroke updates it and is kept in the browser. */
  const bound = <E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    el: E,
    set: (value: string) => void,
  ): E => {
    el.addEventListener('input', () => {
      set(el.value);
      changed();
    });
    return el;
  };

  const renderForm = () => {
    const p = programme();
    const activityTypes = p?.activityTypes ?? [];
    const years = p?.years.map((y) => y.year) ?? [];
    const activity = (type: (typeof activityTypes)[number]) => {
      const a = draft.activities[type];
      const details = h(
        'div',
        { class: 'details', hidden: !a.on },
        field(
          'Beskrivning',
          counted(
            bound(textarea(ids.activity(type, 'description'), a.description), (v) => {
              a.description = v;
            }),
            5000,
          ),
          'Vad ska göras, för vilka och hur?',
        ),
        h(
          'div',
          { class: 'row' },
          field(
            'Planerad start',
            bound(input(ids.activity(type, 'plannedStart'), a.plannedStart, { type: 'date' }), (v) => {
              a.plannedStart = v;
            }),
          ),
          field(
            'Planerat slut',
            bound(input(ids.activity(type, 'plannedEnd'), a.plannedEnd, { type: 'date' }), (v) => {
              a.plannedEnd = v;
            }),
          ),
        ),
        field(
          'Teman (valfritt)',
          bound(textarea(ids.activity(type, 'themes'), a.themes, { rows: 2 }), (v) => {
            a.themes = v;
          }),
          'Ett tema per rad.',
        ),
      );
      const box = h('input', { type: 'checkbox', id: ids.activity(type), checked: a.on });
      box.addEventListener('change', () => {
        a.on = box.checked;
        details.hidden = !a.on;
        changed();
      });
      for (const el of details.querySelectorAll<HTMLElement>('input, textarea')) {
        // "Gemensam kunskapssatsning, planerad start": the summary adds one colon before the message.
        const label = document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '';
        el.dataset.label = `${ACTIVITY[type]}, ${label.replace(/ \(valfritt\)$/, '').toLowerCase()}`;
      }
      return h(
        'div',
        { class: 'activity' },
        h('div', { class: 'choice' }, box, h('label', { for: ids.activity(type) }, ACTIVITY[type])),
        details,
      );
    };
    const partner = (type: (typeof PARTNER_TYPES)[number]) => {
      const pd = draft.partners[type];
      const control = (name: keyof typeof pd, label: string, attrs = {}) => {
        const el = bound(input(ids.partner(type, name), pd[name], attrs), (v) => {
          pd[name] = v;
        });
        el.dataset.label = `${PARTNER[type]}, ${label.toLowerCase()}`;
        return field(label, el);
      };
      return h(
        'fieldset',
        { id: ids.partner(type), class: 'partner' },
        h('legend', null, PARTNER[type]),
        control('name', 'Organisation', { autocomplete: 'organization' }),
        control('contactName', 'Kontaktperson', { autocomplete: 'off' }),
        control('contactEmail', 'Kontaktpersonens e-post', { type: 'email', autocomplete: 'off' }),
      );
    };
    const consulted = (value: 'yes' | 'no', text: string) => {
      const radio = h('input', {
        type: 'radio',
        name: 'consulted',
        id: `f-consulted-${value}`,
        value,
        checked: draft.consulted === value,
      });
      radio.addEventListener('change', () => {
        draft.consulted = value;
        changed();
      });
      return h('div', { class: 'choice' }, radio, h('label', { for: radio.id }, text));
    };
    const anchored = h('input', {
      type: 'checkbox',
      id: 'f-managementAnchored',
      checked: draft.managementAnchored,
    });
    anchored.addEventListener('change', () => {
      draft.managementAnchored = anchored.checked;
      changed();
    });
    const programmeSelect = bound(
      select(
        'f-programmeId',
        [['', 'Välj program'], ...programmes.map((x) => [x.id, x.name] as const)],
        draft.programmeId,
        app ? { disabled: true } : {},
      ),
      (v) => {
        draft.programmeId = v;
        renderForm();
        loadAreaTotals();
      },
    );

    // A draft kept in the browser from before goals existed has none.
    draft.goals ??= [];
    replace(
      form,
      field(
        'Program',
        programmeSelect,
        app ? 'En sparad ansökan kan inte flyttas till ett annat program.' : undefined,
      ),
      field(
        'Titel',
        counted(
          bound(input('f-title', draft.title), (v) => {
            draft.title = v;
          }),
          200,
        ),
        'Ett kort namn på satsningen, till exempel ”Gemensam grund i Värmland”.',
      ),
      h(
        'fieldset',
        { id: 'f-activities' },
        h('legend', null, 'Aktiviteter'),
        h('p', { class: 'hint' }, 'Välj en eller båda. Programmet ger medel till de aktiviteter som visas.'),
        activityTypes.map(activity),
      ),
      h(
        'fieldset',
        { id: 'f-partners' },
        h('legend', null, 'Huvudmän och kontaktpersoner'),
        h('p', { class: 'hint' }, 'Alla fyra huvudmän ska delta i planering och genomförande.'),
        h('div', { class: 'grid' }, PARTNER_TYPES.map(partner)),
      ),
      h(
        'fieldset',
        { id: 'f-consulted' },
        h('legend', null, 'Har brukar- eller patientorganisationer fått vara med i planeringen?'),
        consulted('yes', 'Ja'),
        consulted('no', 'Nej'),
        field(
          'Organisationer (valfritt)',
          bound(textarea('f-organisations', draft.organisations, { rows: 2 }), (v) => {
            draft.organisations = v;
          }),
          'En organisation per rad, till exempel RSMH Värmland.',
        ),
      ),
      field(
        'Samordningsförbund (valfritt)',
        bound(input('f-coordinationAssociation', draft.coordinationAssociation), (v) => {
          draft.coordinationAssociation = v;
        }),
      ),
      h(
        'div',
        { class: 'field choice' },
        anchored,
        h('label', { for: 'f-managementAnchored' }, 'Den lokala ledningen står bakom planen för samarbete'),
        h('p', { class: 'hint' }, 'Krävs när ansökan har en plan för samarbete.'),
      ),
      h(
        'fieldset',
        { id: 'f-budget' },
        h('legend', null, 'Budget'),
        h(
          'p',
          { class: 'hint' },
          'Belopp i hela kronor per år och kategori. Lokaler, förtäring, resor och logi kan inte beviljas.',
        ),
        lineEditor({
          prefix: 'f-budget',
          noun: 'budgetrad',
          lines: draft.budget,
          years,
          categories: COST_CATEGORIES,
          withDescription: true,
          newLine: () => emptyBudgetLine(years[0]),
          changed,
        }),
        totalsBox,
      ),
      h(
        'fieldset',
        { id: 'f-goals' },
        h('legend', null, 'Mål'),
        h(
          'p',
          { class: 'hint' },
          'Högst fem mål: vad ni vill uppnå, hur det mäts och vad som räknas som uppnått.',
        ),
        goalsEditor(draft.goals, changed),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => void save() }, 'Spara utkast'),
        h('button', { type: 'submit', class: 'primary' }, 'Skicka in ansökan'),
      ),
      saveNote,
    );
    updateTotals();
  };

  const showConflict = () => {
    replace(
      conflict,
      h('h2', null, 'Någon annan har ändrat ansökan'),
      h(
        'p',
        null,
        'Ansökan har ändrats sedan du öppnade den, så dina ändringar sparades inte. Det du skrivit finns kvar i formuläret och i webbläsaren.',
      ),
      button(
        'Ladda den senaste versionen och behåll min text att kopiera',
        () => {
          copy = asText(draft);
          remember({ copy, version: -1 });
          ctx.go(location.hash);
        },
        { class: 'primary' },
      ),
    );
    conflict.hidden = false;
    conflict.focus();
  };

  const noteSaved = (message: string) => {
    saveNote.textContent = message;
    saveNote.scrollIntoView({ block: 'nearest' });
  };

  /** Validates and saves; answers the saved application, or undefined with the errors shown. */
  const save = async (quiet = false): Promise<Application | undefined> => {
    conflict.hidden = true;
    saveNote.textContent = '';
    const { body, fields } = toBody(draft);
    const parsed = ApplicationBody.safeParse(body);
    if (!parsed.success) {
      showErrors(
        form,
        summary,
        'Ansökan kunde inte sparas. Rätta följande:',
        fromZod(parsed.error),
        resolver(fields),
      );
      return undefined;
    }
    clearErrors(form, summary);
    if (app && saved && same(draft, saved)) {
      if (!quiet) noteSaved('Utkastet är redan sparat. Inget har ändrats sedan dess.');
      return app;
    }
    try {
      if (!app) {
        // The same key for the same body: a retry after a lost answer creates nothing twice.
        const text = JSON.stringify(body);
        const previous = loadDraft<FormDraft>('ny', user)?.createKey;
        const createKey = previous?.body === text ? previous : { key: crypto.randomUUID(), body: text };
        remember({ createKey });
        const { data } = await call<Application>('POST', '/applications', {
          body,
          headers: { 'idempotency-key': createKey.key },
        });
        dropDraft('ny', user);
        app = data;
        history.replaceState(null, '', `#/ansokningar/${app.id}`);
        (document.getElementById('f-programmeId') as HTMLSelectElement).disabled = true;
      } else {
        const { data } = await call<Application>('PUT', `/applications/${app.id}`, {
          body,
          headers: { 'if-match': `"${app.version}"` },
        });
        app = data;
      }
      saved = fromApplication(app);
      note?.remove();
      remember();
      setHeading();
      if (!quiet) noteSaved(`Utkastet är sparat ${when(app.updatedAt)}.`);
      return app;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) showConflict();
      else {
        showErrors(
          form,
          summary,
          'Ansökan kunde inte sparas. Det du skrivit finns kvar i webbläsaren.',
          fromApi(error),
          resolver(fields),
        );
      }
      return undefined;
    }
  };

  /** The API's rule violations, each pointing where the user corrects it. */
  const located = (problems: Problem[]): Problem[] =>
    problems.map((p) => {
      if (p.rule !== 'missing-partner') return p;
      // "Saknas: regionen" leads to the region's own fields, not to the first partner's.
      const present = new Set(toBody(draft).body.partners?.map((x) => x.type));
      return { ...p, paths: PARTNER_TYPES.filter((t) => !present.has(t)).map((t) => `missing.${t}`) };
    });

  const showForm = (focusId?: string) => {
    replace(root, ...page);
    document.title = `${app ? 'Ansökan' : 'Ny ansökan'} – KUR`;
    const target = focusId ? document.getElementById(focusId) : heading;
    if (target instanceof HTMLFieldSetElement)
      target.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else if (target) {
      target.setAttribute('tabindex', target === heading ? '-1' : (target.getAttribute('tabindex') ?? ''));
      target.focus();
    }
    target?.scrollIntoView({ block: 'start' });
  };

  const showPage = (...children: Child[]) => {
    replace(root, ...children);
    const h1 = root.querySelector('h1');
    h1?.setAttribute('tabindex', '-1');
    h1?.focus();
    window.scrollTo(0, 0);
    document.title = `${h1?.textContent ?? 'Ansökan'} – KUR`;
  };

  /** GOV.UK's check-your-answers: everything at a glance, a way back to each part, then send. */
  const checkAnswers = (current: Application) => {
    const change = (controlId: string, section: string) =>
      h(
        'a',
        {
          href: `#${controlId}`,
          onclick: ((event: Event) => {
            event.preventDefault();
            showForm(controlId);
          }) as EventListener,
        },
        'Ändra',
        h('span', { class: 'visually-hidden' }, ` ${section}`),
      );
    const sendError = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
    const send = h('button', { type: 'button', class: 'primary' }, 'Skicka in ansökan');
    send.addEventListener('click', () => void confirmSubmit(current, sendError, send));
    showPage(
      h('h1', null, 'Kontrollera ansökan innan du skickar in'),
      sendError,
      dl([
        ['Program', programme()?.name ?? current.programmeId],
        ['Titel', current.title || '–'],
      ]),
      h('p', { class: 'change' }, change('f-title', 'titeln')),
      applicationSummary(current, change),
      h('h2', null, 'Skicka in ansökan'),
      h(
        'p',
        null,
        `Du söker ${sek(sumValues(requestedByYear(current.budget)))}. När du skickar in kontrolleras att ansökan följer programmets regler. Sedan kan du inte ändra den medan projektledningen behandlar den.`,
      ),
      h(
        'div',
        { class: 'actions' },
        send,
        button('Tillbaka till ansökan', () => showForm()),
      ),
    );
  };

  const confirmation = (current: Application) =>
    showPage(
      h(
        'div',
        { class: 'panel' },
        h('h1', null, 'Ansökan är inskickad'),
        h('p', null, `”${shortTitle(current.title)}” har kommit in till projektledningen.`),
      ),
      h('h2', null, 'Vad händer nu'),
      h(
        'p',
        null,
        'Projektledningen går igenom ansökan och beslutar om den. Du får ett e-postmeddelande när beslutet är fattat.',
      ),
      h(
        'p',
        null,
        'Om något behöver kompletteras skickas ansökan tillbaka till dig med en kommentar. Då kan du ändra den och skicka in den igen.',
      ),
      h(
        'ul',
        null,
        h(
          'li',
          null,
          h(
            'a',
            {
              href: `#/ansokningar/${current.id}`,
              // The address already is the application's: go() renders it again all the same.
              onclick: ((event: Event) => {
                event.preventDefault();
                ctx.go(`#/ansokningar/${current.id}`);
              }) as EventListener,
            },
            'Visa ansökan',
          ),
        ),
        h('li', null, h('a', { href: '#/ansokningar' }, 'Till områdets ansökningar')),
      ),
    );

  const confirmSubmit = async (current: Application, sendError: HTMLElement, send: HTMLButtonElement) => {
    send.disabled = true;
    try {
      await call('POST', `/applications/${current.id}/submit`);
      dropDraft(current.id, user);
      confirmation(current);
    } catch (error) {
      send.disabled = false;
      if (!(error instanceof ApiError && error.status === 422)) {
        showErrors(root, sendError, 'Ansökan kunde inte skickas in.', fromApi(error), () => undefined);
        return;
      }
      // The rules are about the answers: back to the form, every problem beside its field.
      showForm();
      const { fields } = toBody(draft);
      const problems = located(fromApi(error));
      showErrors(
        form,
        summary,
        `Ansökan kan inte skickas in ännu: ${problems.length === 1 ? '1 sak' : `${problems.length} saker`} att rätta. Utkastet är sparat.`,
        problems,
        resolver(fields),
      );
    }
  };

  const submit = async () => {
    const current = await save(true);
    if (current) checkAnswers(current);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  setHeading();
  renderCopy();
  renderForm();
  loadAreaTotals();

  const returned = app?.status === 'returned' && app.decision?.comment;
  const page: Node[] = [
    heading,
    app ? h('p', null, h('span', { class: `tag ${app.status}` }, STATUS[app.status])) : h('span'),
    returned
      ? h(
          'div',
          { class: 'notice' },
          h('h2', null, 'Kommentar från projektledningen'),
          h('p', null, app?.decision?.comment ?? ''),
        )
      : h('span'),
    h(
      'p',
      null,
      'Du kan spara ett utkast när som helst; det du skriver sparas också i webbläsaren medan du skriver. Innan du skickar in får du se hela ansökan en gång till.',
    ),
    summary,
    conflict,
    note ?? h('span'),
    copyPanel,
    form,
  ];
  replace(root, ...page);
  return root;
};
