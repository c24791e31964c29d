import type { CostCategory } from '../../domain/application.ts';
import { button, field, h, input, replace, select } from './dom.ts';
import { categoryChoice } from './labels.ts';

/**
 * Money lines by year and category — the application's budget and the completion's actual costs.
 * Each line is a small fieldset that wraps on a narrow screen; adding a line moves focus to it,
 * removing one moves focus to the next sensible control, so keyboard users never lose their place.
 */

export interface Line {
  year: string;
  category: CostCategory;
  description?: string;
  amount: string;
}

export interface LineEditorOptions<L extends Line> {
  /** Control ids: `<prefix>-<index>-<name>`; the list itself is `<prefix>`. */
  prefix: string;
  noun: string;
  lines: L[];
  years: readonly number[];
  categories: readonly CostCategory[];
  withDescription: boolean;
  newLine: () => L;
  /** After any change (typing, adding, removing). */
  changed: () => void;
}

/** The category's field is as wide as its longest choice ("Förtäring (kan inte beviljas)"). */
const wide = (el: HTMLElement): HTMLElement => {
  el.classList.add('wide');
  return el;
};

export const lineEditor = <L extends Line>(o: LineEditorOptions<L>): HTMLElement => {
  const Noun = `${o.noun.charAt(0).toUpperCase()}${o.noun.slice(1)}`;
  const list = h('div', { class: 'lines' });
  const add = button(`Lägg till ${o.noun}`, () => {
    o.lines.push(o.newLine());
    render();
    o.changed();
    document.getElementById(`${o.prefix}-${o.lines.length - 1}-year`)?.focus();
  });

  const lineView = (line: L, index: number): HTMLElement => {
    const id = (name: string) => `${o.prefix}-${index}-${name}`;
    const n = index + 1;
    const bind = (el: HTMLInputElement | HTMLSelectElement, set: (value: string) => void) => {
      el.addEventListener('input', () => {
        set(el.value);
        o.changed();
      });
      return el;
    };
    const years = o.years.map((y) => [String(y), String(y)] as const);
    const control = <E extends HTMLElement>(el: E, label: string): E => {
      el.dataset.label = `${Noun} ${n}, ${label.toLowerCase()}`;
      return el;
    };
    return h(
      'fieldset',
      { class: 'line', id: `${o.prefix}-${index}` },
      h('legend', null, `${Noun} ${n}`),
      field(
        'År',
        control(
          bind(select(id('year'), years, line.year), (v) => {
            line.year = v;
          }),
          'År',
        ),
      ),
      wide(
        field(
          'Kategori',
          control(
            bind(
              select(
                id('category'),
                o.categories.map((c) => [c, categoryChoice(c)] as const),
                line.category,
              ),
              (v) => {
                line.category = v as CostCategory;
              },
            ),
            'Kategori',
          ),
        ),
      ),
      o.withDescription
        ? field(
            'Beskrivning',
            control(
              bind(input(id('description'), line.description ?? ''), (v) => {
                line.description = v;
              }),
              'Beskrivning',
            ),
          )
        : null,
      field(
        'Belopp (kr)',
        control(
          bind(
            input(id('amount'), line.amount, { inputmode: 'numeric', autocomplete: 'off', class: 'amount' }),
            (v) => {
              line.amount = v;
            },
          ),
          'Belopp',
        ),
      ),
      button(
        'Ta bort',
        () => {
          o.lines.splice(index, 1);
          render();
          o.changed();
          (document.getElementById(`${o.prefix}-${Math.min(index, o.lines.length - 1)}-year`) ?? add).focus();
        },
        { class: 'secondary small', 'aria-label': `Ta bort ${o.noun} ${n}` },
      ),
    );
  };

  const render = () => {
    replace(
      list,
      o.lines.length === 0 ? h('p', { class: 'hint' }, 'Inga rader ännu.') : o.lines.map(lineView),
    );
  };
  render();
  return h('div', null, list, add);
};
