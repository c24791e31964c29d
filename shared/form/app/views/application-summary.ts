import { type Application, requestedByYear, sumValues } from '../../../domain/application.ts';
import { sek } from '../../../domain/vocabulary.ts';
import { type Child, dl, h, table } from '../dom.ts';
import { ACTIVITY, categoryChoice, PARTNER } from '../labels.ts';

/**
 * What an application says, as summary lists and tables: shown on the application's page, and on
 * the check-your-answers page before it is sent in — there with a link beside each section back to
 * the question (`change`, given the section's form control id).
 */

const text = (t: string) => document.createTextNode(t);

export const applicationSummary = (
  app: Application,
  change?: (controlId: string, section: string) => Child,
): HTMLElement[] => {
  const requested = requestedByYear(app.budget);
  const section = (title: string, controlId: string, ...children: Child[]) =>
    h(
      'section',
      null,
      h('h2', null, title),
      children,
      change ? h('p', { class: 'change' }, change(controlId, title.toLowerCase())) : null,
    );
  return [
    section(
      'Aktiviteter',
      'f-activities',
      (app.activities ?? []).length === 0 ? h('p', null, 'Inga aktiviteter valda.') : null,
      (app.activities ?? []).map((a) =>
        h(
          'div',
          null,
          h('h3', null, ACTIVITY[a.type]),
          dl([
            ['Planerad tid', `${a.plannedStart ?? '–'} till ${a.plannedEnd ?? '–'}`],
            ['Beskrivning', a.description ?? '–'],
            ['Teman', (a.themes ?? []).join(', ') || '–'],
          ]),
        ),
      ),
    ),
    section(
      'Huvudmän och kontaktpersoner',
      'f-partners',
      table(
        'Huvudmän',
        ['Huvudman', 'Organisation', 'Kontaktperson', 'E-post'],
        (app.partners ?? []).map((p) => [PARTNER[p.type], p.name, p.contactName, p.contactEmail].map(text)),
      ),
    ),
    section(
      'Övrigt',
      'f-consulted',
      dl([
        [
          'Brukarinflytande',
          app.userInvolvement
            ? `${app.userInvolvement.consulted ? 'Ja' : 'Nej'}${app.userInvolvement.organisations?.length ? ` (${app.userInvolvement.organisations.join(', ')})` : ''}`
            : '–',
        ],
        ['Samordningsförbund', app.coordinationAssociation ?? '–'],
        ['Förankrad hos den lokala ledningen', app.managementAnchored ? 'Ja' : 'Nej'],
      ]),
    ),
    section(
      'Budget',
      'f-budget',
      table(
        'Budgetrader',
        ['År', 'Kategori', 'Beskrivning', 'Belopp'],
        (app.budget ?? []).map((l) =>
          [String(l.year), categoryChoice(l.category), l.description ?? '', sek(l.amount)].map(text),
        ),
      ),
      h(
        'p',
        null,
        Object.entries(requested)
          .map(([year, amount]) => `${year}: ${sek(amount)}`)
          .join(', '),
        ` – totalt ${sek(sumValues(requested))}.`,
      ),
    ),
    ...((app.goals ?? []).length > 0
      ? [
          section(
            'Mål',
            'f-goals',
            table(
              'Mål',
              ['Mål', 'Hur det mäts', 'Målvärde'],
              (app.goals ?? []).map((g) => [g.description, g.indicator, g.target].map(text)),
            ),
          ),
        ]
      : []),
  ];
};
