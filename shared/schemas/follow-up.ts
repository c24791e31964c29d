import * as z from 'zod';
import { FOLLOW_UP_STATUSES } from '../domain/follow-ups.ts';
import { Id, IsoDate, Text } from './common.ts';
import './locale.ts';

export const FollowUpSubmissionBody = z.strictObject({
  summary: Text(5000),
  documentUrl: z
    .url({ protocol: /^https?$/, error: 'Ange en webbadress som börjar med https://' })
    .max(2000)
    .optional(),
});

export const FollowUpWaiverBody = z.strictObject({ reason: Text(2000) });

export const FollowUpListQuery = z.strictObject({
  programmeId: Id.optional(),
  areaId: Id.optional(),
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  dueBefore: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  nextToken: z.string().max(2000).optional(),
});
