import type { FollowUpView } from '../../../domain/follow-ups.ts';
import { DeferralDecisionBody, FollowUpReviewBody } from '../../../schemas/follow-up-actions.ts';
import { call } from '../api.ts';
import type { Ctx } from '../app.ts';
import { type Child, field, h, textarea } from '../dom.ts';
import { fromApi, fromZod } from '../errors.ts';
import { actionForm, choices } from './follow-up-form.ts';

/**
 * The administrator's part of the follow-up page: accept what was handed in or send it back with
 * a comment (which the area reads on this page and in its e-mail), and answer a request for a
 * later date. Each decision is the administrator's own: nothing is pre-selected.
 */

const reviewForm = (ctx: Ctx, f: FollowUpView) => {
  const outcome = choices('r-outcome', 'Granskning', [
    ['accepted', 'Godkänn'],
    ['returned', 'Skicka tillbaka för komplettering'],
  ]);
  const comment = textarea('r-comment', '');
  return actionForm({
    title: 'Granskningen kunde inte registreras. Rätta följande:',
    submitText: 'Registrera granskning',
    fields: { outcome: 'r-outcome', comment: 'r-comment' },
    content: [
      outcome.fieldset,
      field(
        'Kommentar till området',
        comment,
        'Skickas med e-post till området. Skriv vad som ska ändras eller kompletteras när du skickar tillbaka.',
      ),
    ],
    run: async () => {
      const body = {
        outcome: outcome.chosen(),
        ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
      };
      const parsed = FollowUpReviewBody.safeParse(body);
      if (!parsed.success) return fromZod(parsed.error);
      try {
        await call('POST', `/follow-ups/${f.id}/review`, { body: parsed.data });
        ctx.go(
          location.hash,
          parsed.data.outcome === 'accepted'
            ? 'Underlaget är godkänt.'
            : 'Underlaget är tillbakaskickat. Området får din kommentar med e-post.',
        );
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  });
};

const deferralAnswerForm = (ctx: Ctx, f: FollowUpView, requested: string) => {
  const outcome = choices('d-outcome', `Ny sista dag ${requested}`, [
    ['approved', 'Godkänn den nya dagen'],
    ['rejected', 'Avslå'],
  ]);
  const comment = textarea('d-comment', '', { rows: 3 });
  return actionForm({
    title: 'Svaret kunde inte registreras. Rätta följande:',
    submitText: 'Svara på begäran',
    fields: { outcome: 'd-outcome', comment: 'd-comment' },
    content: [outcome.fieldset, field('Kommentar till området (valfritt)', comment)],
    run: async () => {
      const body = {
        outcome: outcome.chosen(),
        ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
      };
      const parsed = DeferralDecisionBody.safeParse(body);
      if (!parsed.success) return fromZod(parsed.error);
      try {
        await call('POST', `/follow-ups/${f.id}/deferral`, { body: parsed.data });
        ctx.go(
          location.hash,
          parsed.data.outcome === 'approved'
            ? `Ny sista dag är ${requested}.`
            : 'Begäran om ny sista dag är avslagen.',
        );
        return undefined;
      } catch (error) {
        return fromApi(error);
      }
    },
  });
};

export const administratorActions = (ctx: Ctx, f: FollowUpView): Child => [
  f.status === 'submitted' ? h('section', null, h('h2', null, 'Granska'), reviewForm(ctx, f)) : null,
  f.deferralRequest
    ? h(
        'section',
        null,
        h('h2', null, 'Svara på begäran om ny sista dag'),
        h('p', null, `Skäl: ${f.deferralRequest.reason}`),
        deferralAnswerForm(ctx, f, f.deferralRequest.dueOn),
      )
    : null,
];
