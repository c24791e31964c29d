import type { CalendarApplication, CalendarFollowUp } from '../../domain/calendar.ts';
import type { CalendarApplications, CalendarFollowUps } from '../../ports.ts';
import { applicationPartitions, followUpPartitions } from './keys.ts';
import { queryAll } from './pages.ts';

/**
 * What an area's calendar feed reads: one Query of the area's obligations (P7, GSI2) and one of
 * its applications (P4, GSI4), each projected to the few attributes the feed shows. An area's
 * partitions are small (a few dozen applications over a programme), so the feed stays cheap
 * however often calendar clients poll it.
 */

const FOLLOW_UP_ATTRIBUTES = ['id', 'applicationId', 'kind', 'dueOn', 'resubmitBy', 'status', 'version'];
const APPLICATION_ATTRIBUTES = ['id', 'title', 'status', 'completionDueOn', 'version'];

export const areaFollowUpsForCalendar: CalendarFollowUps = {
  pendingOfArea: async (areaId) =>
    (await queryAll({
      index: 'gsi2',
      partition: followUpPartitions.area(areaId),
      filters: [{ attribute: 'status', value: 'pending' }],
      projection: FOLLOW_UP_ATTRIBUTES,
    })) as unknown as CalendarFollowUp[],
};

export const areaApplicationsForCalendar: CalendarApplications = {
  ofArea: async (areaId) =>
    (await queryAll({
      index: 'gsi4',
      partition: applicationPartitions.area(areaId),
      projection: APPLICATION_ATTRIBUTES,
    })) as unknown as CalendarApplication[],
};
