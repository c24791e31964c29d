import { MAX_GOALS } from '../../domain/goals.ts';
import type { GoalDraft } from './application-model.ts';
import { button, field, h, input, replace, textarea } from './dom.ts';

/**
 * The application's measurable goals (1–5): each a small fieldset of what, how it is measured and
 * what counts as reached. Adding one moves focus to it; removing one to the next control.
 */
export const goalsEditor = (goals: GoalDraft[], changed: () => void): HTMLElement => {
  const list = h('div', { class: 'lines' });
  const add = button('Lägg till mål', () => {
    goals.push({ description: '', indicator: '', target: '' });
    render();
    changed();
    document.getElementById(`f-goal-${goals.length - 1}-description`)?.focus();
  });
  const bind = <E extends HTMLInputElement | HTMLTextAreaElement>(
    el: E,
    label: string,
    set: (v: string) => void,
  ) => {
    el.dataset.label = label;
    el.addEventListener('input', () => {
      set(el.value);
      changed();
    });
    return el;
  };
  const goalView = (goal: GoalDraft, index: number) => {
    const id = (name: string) => `f-goal-${index}-${name}`;
    const n = index + 1;
    return h(
      'fieldset',
      { class: 'line', id: `f-goal-${index}` },
      h('legend', null, `Mål ${n}`),
      field(
        'Mål',
        bind(textarea(id('description'), goal.description, { rows: 2 }), `Mål ${n}, mål`, (v) => {
          goal.description = v;
        }),
      ),
      field(
        'Hur det mäts',
        bind(input(id('indicator'), goal.indicator), `Mål ${n}, hur det mäts`, (v) => {
          goal.indicator = v;
        }),
      ),
      field(
        'Målvärde',
        bind(input(id('target'), goal.target), `Mål ${n}, målvärde`, (v) => {
          goal.target = v;
        }),
      ),
      button(
        'Ta bort',
        () => {
          goals.splice(index, 1);
          render();
          changed();
          (document.getElementById(`f-goal-${Math.min(index, goals.length - 1)}-description`) ?? add).focus();
        },
        { class: 'secondary small', 'aria-label': `Ta bort mål ${n}` },
      ),
    );
  };
  const render = () => {
    replace(list, goals.length === 0 ? h('p', { class: 'hint' }, 'Inga mål ännu.') : goals.map(goalView));
    add.hidden = goals.length >= MAX_GOALS;
  };
  render();
  return h('div', null, list, add);
};
