import type { User } from '../../../domain/users.ts';
import { capitalised, ROLE_LABEL, USER_STATUS_LABEL } from '../../../domain/vocabulary.ts';
import { NewUserBody } from '../../../schemas/users.ts';
import { call, get } from '../api.ts';
import type { Ctx } from '../app.ts';
import { button, field, h, input, select, table } from '../dom.ts';
import { fromApi, fromZod } from '../errors.ts';
import { actionForm, choices } from './follow-up-form.ts';

/**
 * Användare (administrators only): who may sign in. Head office invites a person by work e-mail —
 * the user directory sends them a temporary password — and stops or restores someone's access.
 * Nobody is deleted: history keeps naming them, and access can be given back.
 */

const inviteForm = (ctx: Ctx, areas: readonly (readonly [string, string])[]) => {
  const email = input('u-email', '', { type: 'email', autocomplete: 'off', spellcheck: 'false' });
  const role = choices('u-role', 'Roll', [
    ['coordinator', capitalised(ROLE_LABEL.coordinator)],
    ['admin', capitalised(ROLE_LABEL.admin)],
  ]);
  const area = select('u-area', [['', 'Välj område'], ...areas], '');
  return actionForm({
    title: 'Inbjudan kunde inte skickas. Rätta följande:',
    submitText: 'Skicka inbjudan',
    fields: { email: 'u-email', role: 'u-role', areaId: 'u-area' },
    content: [
      field('E-postadress', email, 'Personens e-postadress i arbetet. Dit skickas inbjudan.'),
      role.fieldset,
      field(
        'Område',
        area,
        'Bara för lokalt samverkansansvariga: området de söker och följer upp medel för.',
      ),
    ],
    run: async () => {
      const chosen = role.chosen();
      const body = {
        email: email.value.trim(),
        role: chosen,
        // Project management works for no single area: a chosen area is left out, not refused.
        ...(chosen !== 'admin' && area.value ? { areaId: area.value } : {}),
      };
      const parsed = NewUserBody.safeParse(body);
      if (!parsed.success) return fromZod(parsed.error);
      try {
        const user = await call<User>('POST', '/users', { body: parsed.data });
        ctx.go(location.hash, `En inbjudan är skickad till ${user.data.email}.`);
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  });
};

/** Stop or restore access; your own access you cannot stop (someone else must). */
const accessButton = (ctx: Ctx, user: User): Node | string => {
  if (user.email.toLowerCase() === ctx.session.email.toLowerCase()) return 'Du';
  const enabling = user.status === 'disabled';
  const text = enabling ? 'Ge tillgång igen' : 'Stäng av';
  return button(
    text,
    async (event) => {
      const clicked = event.currentTarget as HTMLButtonElement;
      clicked.disabled = true;
      try {
        await call('POST', `/users/${user.id}/${enabling ? 'enable' : 'disable'}`);
        ctx.go(
          location.hash,
          enabling ? `${user.email} kan logga in igen.` : `${user.email} kan inte längre logga in.`,
        );
      } catch (error) {
        clicked.disabled = false;
        ctx.flash(fromApi(error)[0]?.message ?? 'Det gick inte. Försök igen.');
      }
    },
    { class: 'secondary small', 'aria-label': `${text}: ${user.email}` },
  );
};

export const usersView = async (ctx: Ctx): Promise<Node> => {
  const [{ items: users }, areas] = await Promise.all([get<{ items: User[] }>('/users'), ctx.areas()]);
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const areaChoices = [...areas]
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((a) => [a.id, a.name] as const);
  return h(
    'div',
    null,
    h('h1', { tabindex: '-1' }, 'Användare'),
    h(
      'p',
      null,
      'Här ger du personer tillgång till KUR-tjänsten. Den du bjuder in får ett e-postmeddelande med ett tillfälligt lösenord och väljer ett eget första gången hen loggar in.',
    ),
    h('section', null, h('h2', null, 'Bjud in en person'), inviteForm(ctx, areaChoices)),
    h(
      'section',
      null,
      h('h2', null, 'Alla användare'),
      users.length === 0
        ? h('p', null, 'Det finns inga användare ännu.')
        : table(
            `${users.length} användare`,
            ['E-postadress', 'Roll', 'Område', 'Status', 'Tillgång'],
            users.map((user) => [
              h('span', null, user.email),
              h('span', null, capitalised(ROLE_LABEL[user.role])),
              h('span', null, user.areaId ? (areaName.get(user.areaId) ?? user.areaId) : '–'),
              h('span', null, capitalised(USER_STATUS_LABEL[user.status])),
              h('span', null, accessButton(ctx, user)),
            ]),
          ),
    ),
  );
};
