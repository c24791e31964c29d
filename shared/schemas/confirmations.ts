import * as z from 'zod/mini';
import { Paragraph } from './common.ts';
import './locale.ts';

/** `POST /c/{token}`: a confirmer's answer; a decline says why (the coordinator reads it). */
export const ConfirmationAnswerBody = z
  .strictObject({
    decision: z.enum(['confirmed', 'declined'], { error: 'Välj om du bekräftar ansökan eller inte' }),
    comment: z.optional(Paragraph(2000, 'Skriv en kommentar')),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.decision === 'declined' && !body.comment?.trim()) {
        ctx.addIssue({
          code: 'custom',
          path: ['comment'],
          message: 'Skriv varför du inte kan bekräfta ansökan',
        });
      }
    }),
  );

export type ConfirmationAnswerBody = z.infer<typeof ConfirmationAnswerBody>;
