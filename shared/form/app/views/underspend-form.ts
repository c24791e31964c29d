import type { Application } from '../../../domain/application.ts';
import { sek } from '../../../domain/vocabulary.ts';
import { UnderspendBody } from '../../../schemas/application.ts';
import { call } from '../api.ts';
import type { Ctx } from '../app.ts';
import { field, input, select, textarea } from '../dom.ts';
import { fromApi, fromZod } from '../errors.ts';
import { actionForm } from './follow-up-form.ts';

/**
 * Give back what an approved application will not use in a year: the grant shrinks at once and
 * the money can go to another area before the year ends (money not used is repaid after it).
 */
export const underspendForm = (ctx: Ctx, app: Application) => {
  const years = Object.keys(app.grantedByYear ?? {}).sort();
  const year = select(
    'u-year',
    years.map((y) => [y, `${y} (beviljat ${sek(app.grantedByYear?.[y] ?? 0)})`] as const),
    years[0] ?? '',
  );
  const amount = input('u-amount', '', { inputmode: 'numeric', autocomplete: 'off', class: 'amount' });
  const reason = textarea('u-reason', '', { rows: 3 });
  return actionForm({
    title: 'Medlen kunde inte lämnas tillbaka. Rätta följande:',
    submitText: 'Lämna tillbaka medel',
    primary: false,
    fields: { year: 'u-year', amount: 'u-amount', reason: 'u-reason' },
    content: [
      field('År', year),
      field('Belopp (kr)', amount, 'Det ni inte kommer att använda det året.'),
      field('Skäl', reason, 'Till exempel att utbildningen flyttas till nästa år.'),
    ],
    run: async () => {
      const typed = amount.value.replace(/[\s\u00a0]/g, '');
      const parsed = UnderspendBody.safeParse({
        year: Number(year.value),
        amount: /^\d+$/.test(typed) ? Number(typed) : Number.NaN,
        reason: reason.value.trim(),
      });
      if (!parsed.success) return fromZod(parsed.error);
      try {
        await call('POST', `/applications/${app.id}/underspend`, { body: parsed.data });
        ctx.go(
          location.hash,
          `${sek(parsed.data.amount)} för ${parsed.data.year} är tillbakalämnade. Projektledningen har fått ett meddelande.`,
        );
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  });
};
