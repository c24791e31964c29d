import * as z from 'zod';
import { FOLLOW_UP_STATUSES } from '../domain/follow-ups.ts';
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
