import * as z from 'zod';
import { FOLLOW_UP_STATUSES } from '../domain/follow-ups.ts';
import { Id, IsoDate, PageLimit, Paragraph, WebAddress } from './common.ts';
import './locale.ts';

export const FollowUpSubmissionBody = z.strictObject({
  summary: Paragraph(5000),
  documentUrl: WebAddress.optional(),
});

export const FollowUpWaiverBody = z.strictObject({ reason: Paragraph(2000) });

export const FollowUpListQuery = z.strictObject({
  programmeId: Id.optional(),
  areaId: Id.optional(),
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  dueBefore: IsoDate.optional(),
  limit: PageLimit,
  nextToken: z.string().max(2000).optional(),
});
