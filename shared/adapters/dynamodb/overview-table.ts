import type { DueRange, OverviewStore } from '../../ports.ts';
import {
  applicationPartitions,
  completionDuePartitions,
  deferralRequestPartitions,
  followUpPartitions,
} from './keys.ts';
import { type KeyRange, queryAll } from './pages.ts';

/**
 * The reads of GET /overview (head office's and an area's start page), each a key range that holds
 * exactly what the page lists — what it reads grows with what waits or is late, never with the
 * table. Within an area, whose partitions hold a handful of items, a status is a filter.
 */

const read = (range: KeyRange, projection: string[]) => queryAll({ ...range, projection });

/**
 * Sort keys are `<date>#<id>`: a key before `<date>` is due before it, one from `<date>` is due on
 * or after it, and every key of a day sorts below `<date>#\uffff`.
 */
const dueKeys = (due: DueRange = {}): Pick<KeyRange, 'before' | 'from' | 'to'> => ({
  ...(due.before ? { before: due.before } : {}),
  ...(due.from ? { from: due.from } : {}),
  ...(due.to ? { to: `${due.to}#\uffff` } : {}),
});

const APPLICATION = ['id', 'title', 'programmeId', 'areaId', 'status', 'submittedAt', 'createdAt'];
const FOLLOW_UP = [
  'id',
  'applicationId',
  'applicationTitle',
  'programmeId',
  'areaId',
  'kind',
  'dueOn',
  'status',
  'resubmitBy',
];
const COMPLETION = ['applicationId', 'applicationTitle', 'programmeId', 'areaId', 'dueOn'];
const REQUEST = [
  'followUpId',
  'applicationId',
  'applicationTitle',
  'areaId',
  'kind',
  'dueOn',
  'requestedDueOn',
  'requestedOn',
];

const byStatus = (status: string) => [{ attribute: 'status', value: status }];

export const overviewTable: OverviewStore = {
  applicationsInStatus: (status, areaId) =>
    read(
      areaId
        ? { index: 'gsi4', partition: applicationPartitions.area(areaId), filters: byStatus(status) }
        : { index: 'gsi5', partition: applicationPartitions.status(status) },
      APPLICATION,
    ) as never,

  followUps: (status, areaId, due) =>
    read(
      areaId
        ? {
            index: 'gsi2',
            partition: followUpPartitions.area(areaId),
            filters: byStatus(status),
            ...dueKeys(due),
          }
        : { index: 'gsi5', partition: followUpPartitions.status(status), ...dueKeys(due) },
      FOLLOW_UP,
    ) as never,

  openDeferralRequests: (areaId) =>
    read(
      areaId
        ? { index: 'gsi2', partition: deferralRequestPartitions.area(areaId) }
        : { index: 'gsi1', partition: deferralRequestPartitions.all() },
      REQUEST,
    ) as never,

  pendingCompletionReports: (areaId, due) =>
    read(
      areaId
        ? { index: 'gsi2', partition: completionDuePartitions.area(areaId), ...dueKeys(due) }
        : { index: 'gsi5', partition: completionDuePartitions.pending(), ...dueKeys(due) },
      COMPLETION,
    ) as never,
};
