import * as z from 'zod/mini';
import { FOLLOW_UP_STATUSES } from '../domain/follow-ups.ts';
import { GOAL_ACHIEVED, MAX_GOALS } from '../domain/goals.ts';
import { Id, IsoDate, PageLimit, Paragraph, WebAddress } from './common.ts';
import './locale.ts';

export const FollowUpSubmissionBody = z.strictObject({
  summary: Paragraph(5000, 'Skriv en sammanfattning'),
  /** Documents uploaded to this obligation (POST …/documents), at most as many as it may hold. */
  documentIds: z.optional(
    z
      .array(z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Dokumentet finns inte')))
      .check(z.maxLength(10, 'Högst 10 dokument')),
  ),
  documentUrl: z.optional(WebAddress),
  /** How each of the application's goals went: one per goal (required when it has goals). */
  goalOutcomes: z.optional(
    z
      .array(
        z.strictObject({
          goal: z
            .int({ error: 'Ange målets nummer' })
            .check(z.minimum(0), z.maximum(MAX_GOALS - 1, 'Ansökan har inget sådant mål')),
          achieved: z.enum(GOAL_ACHIEVED, {
            error: 'Svara om målet är uppnått, delvis uppnått eller inte uppnått',
          }),
          comment: Paragraph(2000, 'Beskriv kort hur det gick'),
        }),
      )
      .check(z.maxLength(MAX_GOALS)),
  ),
});

export const FollowUpWaiverBody = z.strictObject({
  reason: Paragraph(2000, 'Skriv varför uppföljningen stryks'),
});

export const FollowUpListQuery = z.strictObject({
  programmeId: z.optional(Id),
  areaId: z.optional(Id),
  status: z.optional(z.enum(FOLLOW_UP_STATUSES)),
  dueBefore: z.optional(IsoDate),
  limit: PageLimit,
  nextToken: z.optional(z.string().check(z.maxLength(2000))),
});
