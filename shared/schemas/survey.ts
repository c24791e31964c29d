import * as z from 'zod/mini';
import { SURVEY_ANSWERS, SURVEY_COMMENT_MAX } from '../domain/surveys.ts';
import { Paragraph } from './common.ts';
import './locale.ts';

const Answer = z.enum(SURVEY_ANSWERS, { error: 'Välj ja, nej eller vet ej' });

/**
 * `POST /s/{token}/responses`: one participant's answer. Nothing here names the participant.
 * Round 2's two questions are refused in round 1 (and required in round 2) by the use case, which
 * knows the round.
 */
export const SurveyResponseBody = z.strictObject({
  rating: z
    .int({ error: 'Välj ett betyg från 1 till 5' })
    .check(z.minimum(1, 'Välj ett betyg från 1 till 5'), z.maximum(5, 'Välj ett betyg från 1 till 5')),
  valuable: Answer,
  moreNeeded: Answer,
  usesKnowledge: z.optional(Answer),
  workImproved: z.optional(Answer),
  comment: z.optional(Paragraph(SURVEY_COMMENT_MAX, 'Skriv en kommentar eller lämna fältet tomt')),
});
export type SurveyResponseBody = z.output<typeof SurveyResponseBody>;
