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

/** A table that stacks into labelled rows on a narrow screen (CSS `table.stack`, `data-label`). */
export const table = (caption: string, head: string[], rows: Node[][]): HTMLTableElement =>
  h(
    'table',
    { class: 'stack' },
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((text) => h('th', { scope: 'col' }, text)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((cells) =>
        h(
          'tr',
          null,
          cells.map((cell, i) => h('td', { 'data-label': head[i] ?? '' }, cell)),
        ),
      ),
    ),
  );

export const dl = (pairs: [string, Child][]) =>
  h(
    'dl',
    null,
    pairs.map(([term, detail]) => [h('dt', null, term), h('dd', null, detail)]),
  );
