import { h } from '../dom.ts';
import { type Problem, resolver, showErrors } from '../errors.ts';

/**
 * A small form of the follow-up page (hand in, ask for a new date, review, answer): its own error
 * summary, its fields resolved by body path, and one submit button that is disabled while the
 * request runs so that a double click sends once.
 */
export const actionForm = (options: {
  title: string;
  submitText: string;
  fields: Record<string, string>;
  content: Node[];
  run: () => Promise<Problem[] | undefined>;
  primary?: boolean;
}): HTMLFormElement => {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const submit = h(
    'button',
    { type: 'submit', class: options.primary === false ? 'secondary' : 'primary' },
    options.submitText,
  );
  const form = h(
    'form',
    { novalidate: true },
    summary,
    options.content,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const problems = await options.run();
      if (problems)
        showErrors(form, summary, options.title, problems, resolver(new Map(Object.entries(options.fields))));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
};

/** Radio buttons in a fieldset, none chosen: the reader decides, nothing is pre-selected. */
export const choices = (id: string, legend: string, options: readonly (readonly [string, string])[]) => {
  const fieldset = h(
    'fieldset',
    { id },
    h('legend', null, legend),
    options.map(([value, text]) =>
      h(
        'div',
        { class: 'choice' },
        h('input', { type: 'radio', name: id, id: `${id}-${value}`, value }),
        h('label', { for: `${id}-${value}` }, text),
      ),
    ),
  );
  return {
    fieldset,
    chosen: (): string | undefined => fieldset.querySelector<HTMLInputElement>('input:checked')?.value,
  };
};
