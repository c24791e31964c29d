import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../../domain/application.ts';
import type { HistoryEvent } from '../../domain/history.ts';
import { latestPlannedEnd } from '../../domain/repayment-risk.ts';
import type {
  ApplicationChange,
  ApplicationFilters,
  ApplicationStore,
  Page,
  PageRequest,
} from '../../ports.ts';
import { dynamo, tableName } from './client.ts';
import { completionDueCloseAction, completionDueOpenAction } from './completion-due-table.ts';
import { confirmationLinkPut } from './confirmation-links.ts';
import { followUpWriteAction } from './follow-ups-table.ts';
import { goalSheetPut } from './goal-sheet-items.ts';
import {
  type GuardedAction,
  guardAction,
  type TransactItem,
  versionCondition,
  writeGuarded,
} from './guarded-write.ts';
import { withoutKeys } from './items.ts';
import {
  applicationIndexKeys,
  applicationKey,
  applicationPartitions,
  EVENT_PREFIX,
  eventKey,
} from './keys.ts';
import { outboxPut } from './outbox.ts';
import { type PageQuery, queryAll, queryPage } from './pages.ts';

/**
 * Attributes the report indexes project (P11, P4r), derived from the application; not part of the
 * resource. An index projects top-level attributes only, so the dates nested in the activities,
 * decision and completion that the money-at-risk report judges by are copied up.
 */
export const reportAttributes = (app: Application) => {
  const plannedEnd = latestPlannedEnd(app);
  return {
    activityTypes: [...new Set((app.activities ?? []).map((a) => a.type))].sort(),
    consulted: app.userInvolvement?.consulted === true,
    ...(plannedEnd ? { plannedEnd } : {}),
    ...(app.decision ? { decidedOn: app.decision.decidedOn } : {}),
    ...(app.completion ? { completedOn: app.completion.reportedOn } : {}),
  };
};

const toApplication = (item: Record<string, unknown>): Application => {
  const {
    activityTypes: _types,
    consulted: _consulted,
    plannedEnd: _plannedEnd,
    decidedOn: _decidedOn,
    completedOn: _completedOn,
    ...rest
  } = withoutKeys<Record<string, unknown>>(item);
  return rest as unknown as Application;
};

const get = async (id: string): Promise<Application | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(), Key: applicationKey(id) }));
  return Item ? toApplication(Item) : undefined;
};

export const historyEventPut = (event: HistoryEvent & { applicationId: string }): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: {
      ...eventKey(event.applicationId, event.at, event.version, randomUUID()),
      entity: 'event',
      ...event,
    },
    // Events are appended, never overwritten.
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * Writes an application with its audit event and whatever else must change with it — the guards'
 * counters, the outbox e-mails, obligations created or moved, the completion reminder — in one
 * transaction. The application's own condition is its `version` guard (and each moved
 * obligation's its own), so a lost race reads back as such whatever else is in it.
 */
const write = async ({
  next,
  previousVersion,
  event,
  guards = [],
  emails = [],
  followUps = [],
  completionDue,
  confirmationLinks = [],
  at,
}: ApplicationChange) => {
  const own: GuardedAction = {
    guard: { name: 'version', entity: 'application', id: next.id, version: previousVersion },
    action: {
      Put: {
        TableName: tableName(),
        Item: {
          ...applicationKey(next.id),
          ...applicationIndexKeys(next),
          entity: 'application',
          ...next,
          ...reportAttributes(next),
        },
        ...versionCondition(previousVersion),
      },
    },
  };
  await writeGuarded([
    own,
    { action: historyEventPut({ ...event, applicationId: next.id }) },
    ...guards.map(guardAction),
    ...emails.map(({ email, source }) => ({ action: outboxPut(email, at, source) })),
    ...followUps.map((followUp) => followUpWriteAction(followUp, at)),
    ...(completionDue === undefined
      ? []
      : [
          'open' in completionDue
            ? completionDueOpenAction(completionDue.open, at)
            : completionDueCloseAction(next.id, at),
        ]),
    ...confirmationLinks.map((link) => ({ action: confirmationLinkPut(link) })),
    ...goalSheetActions(next, event),
  ]);
};

/**
 * The approval writes the application's goal sheet (P14), which the goals report reads instead of
 * the application: an approved application's title and goals never change.
 */
const goalSheetActions = (next: Application, event: HistoryEvent): GuardedAction[] => {
  const sheet = event.action === 'approved' ? goalSheetPut(next) : undefined;
  return sheet ? [{ action: sheet }] : [];
};

const history = async (applicationId: string): Promise<HistoryEvent[]> =>
  (await queryAll({
    partition: applicationKey(applicationId).pk,
    beginsWith: EVENT_PREFIX,
    projection: ['at', 'actor', 'action', 'version', 'detail'],
  })) as unknown as HistoryEvent[];

/**
 * P4: picks the index that serves the filters. Area partitions are small (a handful of
 * applications each), so a status filter on them is a filter expression; every other combination
 * has a key of its own.
 */
const query = (
  { programmeId, areaId, status }: ApplicationFilters,
  page: PageRequest,
): Promise<Page<Application>> => {
  const statusFilter = status ? { filters: [{ attribute: 'status', value: status }] } : {};
  const query = (index: PageQuery['index'], partition: string, extra = {}) =>
    queryPage({ index, partition, ...extra, ...page }, toApplication);
  if (areaId && programmeId)
    return query('gsi2', applicationPartitions.areaInProgramme(areaId, programmeId), statusFilter);
  if (areaId) return query('gsi4', applicationPartitions.area(areaId), statusFilter);
  if (programmeId && status) return query('gsi3', applicationPartitions.programmeStatus(programmeId, status));
  if (programmeId) return query('gsi1', applicationPartitions.programme(programmeId));
  if (status) return query('gsi5', applicationPartitions.status(status));
  return query('gsi6', applicationPartitions.all());
};

/** Every application in a status, read from its GSI5 partition (the daily job: those awaiting confirmation). */
export const applicationsInStatus = async (status: Application['status']): Promise<Application[]> =>
  (await queryAll({ index: 'gsi5', partition: applicationPartitions.status(status) })).map(toApplication);

export const applicationsTable: ApplicationStore = { get, write, history, query };
