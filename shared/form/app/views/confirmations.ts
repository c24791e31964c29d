import type { Application } from '../../../domain/application.ts';
import type { Confirmation } from '../../../domain/confirmations.ts';
import { CONFIRMATION_STATUS_LABEL, capitalised, PARTNER_LABEL } from '../../../domain/vocabulary.ts';
import { call, describe } from '../api.ts';
import type { Ctx } from '../app.ts';
import { button, h, table } from '../dom.ts';

/**
 * Who must confirm the application before head office sees it, and their answers (programme
 * `requiresConfirmation`). While someone has not answered, the coordinator can send them a new
 * link; the one sent before stops working.
 */

const who = (c: Confirmation) =>
  c.role === 'areaManager' ? 'Områdets chef' : `Kontaktperson, ${PARTNER_LABEL[c.role]}`;

const resend = (ctx: Ctx, app: Application, c: Confirmation) =>
  button(
    'Skicka ny länk',
    async (event) => {
      const clicked = event.currentTarget as HTMLButtonElement;
      clicked.disabled = true;
      try {
        await call('POST', `/applications/${app.id}/confirmations/${c.role}/resend`);
        ctx.go(location.hash, `En ny länk är skickad till ${c.email}. Den förra gäller inte längre.`);
      } catch (error) {
        clicked.disabled = false;
        ctx.flash(describe(error));
      }
    },
    { class: 'secondary small', 'aria-label': `Skicka ny länk till ${c.email}` },
  );

export const confirmationsSection = (ctx: Ctx, app: Application): Node | null => {
  const confirmations = app.confirmations ?? [];
  if (confirmations.length === 0) return null;
  const canResend = ctx.session.role === 'coordinator' && app.status === 'awaiting-confirmation';
  return h(
    'section',
    null,
    h('h2', null, 'Bekräftelser'),
    h(
      'p',
      null,
      app.status === 'awaiting-confirmation'
        ? 'Ansökan går till projektledningen när områdets chef och alla parter har bekräftat den. Var och en har fått en personlig länk med e-post.'
        : 'Områdets chef och parterna svarade så här.',
    ),
    table(
      'Bekräftelser av ansökan',
      ['Vem', 'E-postadress', 'Svar', 'Datum', 'Kommentar', ...(canResend ? ['Länk'] : [])],
      confirmations.map((c) => [
        h('span', null, who(c)),
        h('span', null, c.email),
        h('span', null, capitalised(CONFIRMATION_STATUS_LABEL[c.status])),
        h('span', null, (c.at ?? c.sentAt).slice(0, 10)),
        h('span', null, c.comment ?? '–'),
        ...(canResend ? [h('span', null, c.status === 'pending' ? resend(ctx, app, c) : '–')] : []),
      ]),
    ),
  );
};
