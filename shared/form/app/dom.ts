/**
 * A few lines instead of a framework: elements are built with `h`, text always goes in as text
 * nodes (never innerHTML), so what users typed or the API answered can never become markup.
 */
export type Child = Node | string | number | false | null | undefined | Child[];
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

const append = (parent: Node, children: Child[]): void => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
};

const setAttrs = (el: Element, attrs: Attrs | null | undefined): void => {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
};

export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
};

export const svg = (tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, children);
  return el as SVGElement;
};

export const replace = (parent: Element, ...children: Child[]): void => {
  parent.replaceChildren();
  append(parent, children);
};

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T | null =>
  document.getElementById(id) as T | null;

let ids = 0;
/** A fresh id for aria-labelledby/describedby pairs. */
export const uid = (prefix: string): string => `${prefix}-${++ids}`;

/** A labelled input (or select/textarea) with an optional hint, in a `.field` wrapper errors attach to. */
export const field = (
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLDivElement => {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
  );
};

/**
 * A character count under a text field (GOV.UK's pattern): how many characters are left, or how
 * many too many, updated as the user types and read out politely by screen readers.
 */
export const counted = <E extends HTMLInputElement | HTMLTextAreaElement>(el: E, max: number): E => {
  const note = h('p', { class: 'hint count', id: `${el.id}-count`, 'aria-live': 'polite' });
  const update = () => {
    const left = max - el.value.length;
    note.textContent =
      left >= 0
        ? `Du har ${left.toLocaleString('sv-SE')} tecken kvar.`
        : `Du har skrivit ${(-left).toLocaleString('sv-SE')} tecken för mycket.`;
    note.classList.toggle('error-message', left < 0);
  };
  el.addEventListener('input', update);
  update();
  // Placed right after the control once it is in a field.
  queueMicrotask(() => {
    el.after(note);
    el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
  });
  return el;
};

export const input = (id: string, value: string, attrs: Attrs = {}): HTMLInputElement =>
  h('input', { id, name: id, type: 'text', value, ...attrs });

export const textarea = (id: string, value: string, attrs: Attrs = {}): HTMLTextAreaElement => {
  const el = h('textarea', { id, name: id, rows: 4, ...attrs });
  el.value = value;
  return el;
};

export const select = (
  id: string,
  options: readonly (readonly [string, string])[],
  value: string,
  attrs: Attrs = {},
): HTMLSelectElement => {
  const el = h(
    'select',
    { id, name: id, ...attrs },
    options.map(([v, text]) => h('option', { value: v }, text)),
  );
  el.value = value;
  return el;
};

export const button = (text: string, onclick: (event: Event) => void, attrs: Attrs = {}): HTMLButtonElement =>
  h('button', { type: 'button', ...attrs, onclick: onclick as EventListener }, text);

/** Amounts and counts: right-aligned in tabular figures. Dates and times: never broken. */
const NUMBER = /^[−-]?[\d\s\u00a0\u202f]+(,\d+)?( kr| mkr| %)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;
const kind = (cell: Node): string | null => {
  const text = (cell.textContent ?? '').trim();
  return NUMBER.test(text) ? 'num' : DATE.test(text) ? 'nw' : null;
};

/**
 * Words joined by a hyphen ("CSV-fil", "kur2-beslut") kept on one line: a browser may otherwise
 * break a narrow column after the hyphen, and a table never breaks a word.
 */
const keepWhole = (cell: Node): Node =>
  cell instanceof Text && /\S-\S/.test(cell.data)
    ? h(
        'span',
        null,
        cell.data.split(/(\S+-\S+)/).map((part, i) => (i % 2 ? h('span', { class: 'nw' }, part) : part)),
      )
    : cell;

/**
 * A table that stacks into labelled cards on a narrow screen (CSS `table.stack`, `data-label`).
 * A column whose every filled cell is a number is right-aligned, header included.
 */
export const table = (caption: string, head: string[], rows: Node[][]): HTMLTableElement => {
  const numeric = head.map((_, i) =>
    rows.every((cells) => {
      const cell = cells[i];
      const text = (cell?.textContent ?? '').trim();
      return !cell || text === '' || text === '–' || kind(cell) === 'num';
    }) && rows.length > 0
      ? 'num'
      : null,
  );
  return h(
    'table',
    { class: 'stack' },
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((text, i) => h('th', { scope: 'col', class: numeric[i] }, text)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((cells) =>
        h(
          'tr',
          null,
          cells.map((cell, i) =>
            h('td', { 'data-label': head[i] ?? '', class: numeric[i] ?? kind(cell) }, keepWhole(cell)),
          ),
        ),
      ),
    ),
  );
};

export const dl = (pairs: [string, Child][]) =>
  h(
    'dl',
    null,
    pairs.map(([term, detail]) => [h('dt', null, term), h('dd', null, detail)]),
  );
