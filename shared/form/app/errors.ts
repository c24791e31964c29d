import type * as z from 'zod/mini';
import type { Violation } from '../../domain/errors.ts';
import { fieldErrors } from '../../http/validation.ts';
import { ApiError, describe } from './api.ts';
import { h, replace } from './dom.ts';

/**
 * Errors shown the same way whatever found them (the zod schema in the browser, a 400 `errors`
 * list or a 422 `violations` list from the API): a message beside each field concerned, and a
 * summary at the top that is announced (role=alert), takes focus and links to every field.
 */

export interface Problem {
  message: string;
  /** The API's rule name (`missing-partner`), when a rule found it. */
  rule?: string;
  /** Body paths (`budget.2.category`); none for a rule about the whole application. */
  paths: string[];
}

/** Finds the control (or fieldset) for a body path; unknown paths fall back to their parent. */
export type Resolve = (path: string) => HTMLElement | undefined;

export const fromZod = (error: z.core.$ZodError): Problem[] =>
  fieldErrors(error).map(({ path, message }) => ({ message, paths: [path] }));

const fromViolations = (violations: readonly Violation[]): Problem[] =>
  violations.map((v) => ({ message: v.message, rule: v.rule, paths: v.paths ?? [] }));

/** What an API failure means for the form: field problems, or one sentence for the summary. */
export const fromApi = (error: unknown): Problem[] => {
  if (error instanceof ApiError) {
    if (error.problem.violations?.length) return fromViolations(error.problem.violations);
    if (error.problem.errors?.length) {
      return error.problem.errors.map((e) => ({ message: e.message, paths: [e.path] }));
    }
  }
  return [{ message: describe(error), paths: [] }];
};

/** A resolver over a map of paths, trying `a.b.c`, then `a.b`, then `a`. */
export const resolver =
  (fields: ReadonlyMap<string, string>): Resolve =>
  (path) => {
    const parts = path.split('.');
    while (parts.length > 0) {
      const id = fields.get(parts.join('.'));
      const el = id ? document.getElementById(id) : null;
      if (el) return el;
      parts.pop();
    }
    return undefined;
  };

const labelOf = (el: HTMLElement): string =>
  el.dataset.label ??
  (el instanceof HTMLFieldSetElement
    ? el.querySelector('legend')?.textContent
    : document.querySelector(`label[for="${el.id}"]`)?.textContent) ??
  'Fältet';

/** A group's own first control, or the first one marked wrong inside it. */
const focusField = (el: HTMLElement): void => {
  const target =
    el instanceof HTMLFieldSetElement
      ? (el.querySelector<HTMLElement>('[aria-invalid=true]:not(fieldset)') ??
        el.querySelector<HTMLElement>('input, select, textarea, button') ??
        el)
      : el;
  target.scrollIntoView({ block: 'center' });
  target.focus();
};

const linkTo = (el: HTMLElement, text: string): HTMLAnchorElement =>
  h(
    'a',
    {
      href: `#${el.id}`,
      onclick: ((event: Event) => {
        // In-page links would change the route: move focus to the field instead.
        event.preventDefault();
        focusField(el);
      }) as EventListener,
    },
    text,
  );

const MARK = 'data-error-for';

/** Removes every message and mark that `show` added inside `scope`. */
export const clearErrors = (scope: HTMLElement, summary: HTMLElement): void => {
  for (const el of scope.querySelectorAll(`[${MARK}]`)) el.remove();
  for (const el of scope.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const describedBy = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.startsWith('err-'));
    if (describedBy.length > 0) el.setAttribute('aria-describedby', describedBy.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  replace(summary);
  summary.hidden = true;
};

/** zod's one-size messages, said for the field instead: what to fill in, "Ange datum". */
const GENERIC = /^(Fyll i fältet|Ange ett datum som ÅÅÅÅ-MM-DD|Obligatoriskt)$/;
const specific = (el: HTMLElement, message: string): string => {
  if (!GENERIC.test(message) || !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement))
    return message;
  if (el.value.trim() !== '') return message;
  if (el.type === 'date') return 'Ange datum';
  const label = document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '';
  return label ? `Fyll i ${label.replace(/ \(.*\)$/, '').toLowerCase()}` : message;
};

const markField = (el: HTMLElement, message: string): void => {
  const errorId = `err-${el.id}`;
  let note = document.getElementById(errorId);
  if (!note) {
    note = h('p', { class: 'error-message', id: errorId, [MARK]: el.id });
    // Where a reader meets it before the control: after a legend or label, above a checkbox row.
    if (el instanceof HTMLInputElement && el.type === 'checkbox') (el.closest('.field') ?? el).before(note);
    else {
      const anchor =
        el instanceof HTMLFieldSetElement
          ? el.querySelector('legend')
          : el.closest('.field')?.querySelector('label');
      (anchor ?? el).after(note);
    }
    el.setAttribute('aria-invalid', 'true');
    const describedBy = el.getAttribute('aria-describedby');
    el.setAttribute('aria-describedby', describedBy ? `${describedBy} ${errorId}` : errorId);
  }
  if (note.textContent?.includes(message)) return;
  note.append(h('span', { class: 'visually-hidden' }, 'Fel: '), message, ' ');
};

/**
 * Shows the problems beside their fields and in the summary, then focuses the summary so that it
 * is read out and a keyboard user can follow its links.
 */
export const showErrors = (
  scope: HTMLElement,
  summary: HTMLElement,
  title: string,
  problems: readonly Problem[],
  resolve: Resolve,
): void => {
  clearErrors(scope, summary);
  const items = problems.map((found) => {
    const fields = [...new Set(found.paths.map(resolve).filter((el): el is HTMLElement => !!el))];
    const [only] = fields;
    const problem =
      only && fields.length === 1 ? { ...found, message: specific(only, found.message) } : found;
    for (const el of fields) markField(el, problem.message);
    if (fields.length === 1 && only)
      return h('li', null, linkTo(only, `${labelOf(only)}: ${problem.message}`));
    return h(
      'li',
      null,
      problem.message,
      fields.length > 0
        ? [' Gäller: ', fields.flatMap((el, i) => [i > 0 ? ', ' : '', linkTo(el, labelOf(el))])]
        : null,
    );
  });
  replace(summary, h('h2', null, title), h('ul', null, items));
  summary.hidden = false;
  summary.focus();
};
