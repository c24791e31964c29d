import { isLocal, localSignIn, startSignIn } from '../auth.ts';
import { button, field, h, input } from '../dom.ts';

/**
 * Deployed: one button to the Cognito hosted UI. Locally: a picker that asks the local stack for
 * a token with the chosen role, area and e-mail — the same claims Cognito would put in an ID token.
 */
export const signInView = (signedIn: () => void): Node => {
  if (!isLocal()) {
    return h(
      'div',
      null,
      h('h1', null, 'Logga in'),
      h(
        'p',
        null,
        'Här ansöker lokalt samverkansansvariga om medel ur KUR och följer upp sina ansökningar, och projektledningen fattar beslut. Logga in med ditt arbetskonto.',
      ),
      button('Logga in', () => void startSignIn(), { class: 'primary' }),
    );
  }

  const error = h('p', { class: 'error-text', role: 'alert' });
  const area = input('login-area', 'karlstad', { autocomplete: 'off', spellcheck: 'false' });
  const email = input('login-email', 'samverkan@example.se', { type: 'email', autocomplete: 'email' });
  const role = (value: string, text: string, checked: boolean) =>
    h(
      'div',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'login-role', id: `login-role-${value}`, value, checked }),
      h('label', { for: `login-role-${value}` }, text),
    );
  const form = h(
    'form',
    { novalidate: true },
    h(
      'fieldset',
      null,
      h('legend', null, 'Roll'),
      role('coordinator', 'Lokalt samverkansansvarig', true),
      role('admin', 'Projektledning', false),
    ),
    field('Område', area, 'Områdets id, till exempel karlstad. Gäller samverkansansvariga.'),
    field('E-postadress', email),
    h('button', { type: 'submit', class: 'primary' }, 'Logga in'),
    error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>('input[name="login-role"]:checked')?.value ?? '';
    try {
      await localSignIn(chosen, area.value.trim(), email.value.trim());
      signedIn();
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : 'Kunde inte logga in.';
    }
  });
  return h(
    'div',
    null,
    h('h1', null, 'Logga in i den lokala miljön'),
    h(
      'p',
      null,
      'Det här är utvecklingsmiljön: välj vem du vill vara. I drift loggar du in med ditt arbetskonto.',
    ),
    form,
  );
};
