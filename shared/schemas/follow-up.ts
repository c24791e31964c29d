import * as z from 'zod';
import { FOLLOW_UP_STATUSES } from '../domain/follow-ups.ts';
import { GOAL_ACHIEVED, MAX_GOALS } from '../domain/goals.ts';
import { Id, IsoDate, PageLimit, Paragraph, WebAddress } from './common.ts';
import './locale.ts';

export const FollowUpSubmissionBody = z.strictObject({
  summary: Paragraph(5000, 'Skriv en sammanfattning'),
  /** Documents uploaded to this obligation (POST …/documents), at most as many as it may hold. */
  documentIds: z
    .array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Dokumentet finns inte'))
    .max(10, 'Högst 10 dokument')
    .optional(),
  documentUrl: WebAddress.optional(),
  /** How each of the application's goals went: one per goal (required when it has goals). */
  goalOutcomes: z
    .array(
      z.strictObject({
        goal: z
          .int({ error: 'Ange målets nummer' })
          .min(0)
          .max(MAX_GOALS - 1, 'Ansökan har inget sådant mål'),
        achieved: z.enum(GOAL_ACHIEVED, {
          error: 'Svara om målet är uppnått, delvis uppnått eller inte uppnått',
        }),
        comment: Paragraph(2000, 'Beskriv kort hur det gick'),
      }),
    )
    .max(MAX_GOALS)
    .optional(),
});

export const FollowUpWaiverBody = z.strictObject({
  reason: Paragraph(2000, 'Skriv varför uppföljningen stryks'),
});

export const FollowUpListQuery = z.strictObject({
  programmeId: Id.optional(),
  areaId: Id.optional(),
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  dueBefore: IsoDate.optional(),
  limit: PageLimit,
  nextToken: z.string().max(2000).optional(),
});
