import * as z from 'zod/mini';
import { DateField, Paragraph } from './common.ts';
import './locale.ts';

/** `POST /follow-ups/{id}/review`: head office accepts what came in, or returns it with a comment. */
export const FollowUpReviewBody = z
  .strictObject({
    outcome: z.enum(['accepted', 'returned'], {
      error: 'Välj om underlaget godkänns eller skickas tillbaka',
    }),
    comment: z.optional(Paragraph(2000, 'Skriv vad området behöver ändra eller komplettera')),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.outcome === 'returned' && body.comment === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['comment'],
          message: 'Skriv vad området behöver ändra eller komplettera',
        });
      }
    }),
  );
export type FollowUpReviewBody = z.infer<typeof FollowUpReviewBody>;

/** `POST /follow-ups/{id}/deferral-request`: the coordinator asks to hand in later, and says why. */
export const DeferralRequestBody = z.strictObject({
  dueOn: DateField('Ange vilken dag ni vill lämna in senast'),
  reason: Paragraph(2000, 'Skriv varför ni behöver mer tid'),
});
export type DeferralRequestBody = z.infer<typeof DeferralRequestBody>;

/** `POST /follow-ups/{id}/deferral`: head office answers an open request. */
export const DeferralDecisionBody = z.strictObject({
  outcome: z.enum(['approved', 'rejected'], { error: 'Välj om den nya dagen godkänns eller inte' }),
  comment: z.optional(Paragraph(2000, 'Skriv en kommentar')),
});
export type DeferralDecisionBody = z.infer<typeof DeferralDecisionBody>;
