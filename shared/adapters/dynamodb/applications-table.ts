import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../../domain/application.ts';
import type { HistoryEvent } from '../../domain/history.ts';
import { VersionConflict } from '../../ports.ts';
import { dynamo, tableName } from './client.ts';
import { cancellationCodes, withoutKeys } from './items.ts';
import {
  applicationIndexKeys,
  applicationKey,
  applicationPartitions,
  areaTotalKey,
  EVENT_PREFIX,
  eventKey,
} from './keys.ts';
import { type Page, type PageQuery, queryPage } from './pages.ts';
import { transactWrite } from './transact.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attributes the report index projects (P11), derived from the application; not part of the resource. */
const reportAttributes = (app: Application) => ({
  activityTypes: [...new Set((app.activities ?? []).map((a) => a.type))].sort(),
  consulted: app.userInvolvement?.consulted === true,
});

const toApplication = (item: Record<string, unknown>): Application => {
  const {
    activityTypes: _types,
    consulted: _consulted,
    ...rest
  } = withoutKeys<Record<string, unknown>>(item);
  return rest as unknown as Application;
};

export const getApplication = async (id: string): Promise<Application | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: applicationKey(id) }));
  return Item ? toApplication(Item) : undefined;
};

/** What the area has been granted in the programme so far (P6). */
export const grantedToArea = async (programmeId: string, areaId: string): Promise<number> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: areaTotalKey(programmeId, areaId),
      ProjectionExpression: 'granted',
    }),
  );
  return typeof Item?.granted === 'number' ? Item.granted : 0;
};

export const historyEventPut = (event: HistoryEvent & { applicationId: string }): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...eventKey(event.applicationId, event.at, event.version, randomUUID()),
      entity: 'event',
      ...event,
    },
    // Events are appended, never overwritten.
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export interface ApplicationWrite {
  next: Application;
  /** The version the change was built on; absent when creating. */
  previousVersion?: number;
  event: HistoryEvent;
  /** Further actions of the same transaction (outbox e-mail, budget counters, obligations). */
  with?: TransactItem[];
}

/**
 * Writes an application with its audit event and whatever else must change with it, in one
 * transaction. The application's own condition (its version, or its absence) comes first, so that
 * a cancellation at position 0 always means someone else changed it meanwhile.
 */
export const writeApplication = async ({
  next,
  previousVersion,
  event,
  with: extra = [],
}: ApplicationWrite) => {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...applicationKey(next.id),
          ...applicationIndexKeys(next),
          entity: 'application',
          ...next,
          ...reportAttributes(next),
        },
        ...(previousVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': previousVersion },
            }),
      },
    },
    historyEventPut({ ...event, applicationId: next.id }),
    ...extra,
  ];
  try {
    await transactWrite(items);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') throw new VersionConflict();
    throw error;
  }
};

/** Positions (within `with`) of the extra actions whose conditions failed, when the transaction was cancelled. */
export const failedExtras = (error: unknown): number[] =>
  (cancellationCodes(error) ?? []).flatMap((code, index) =>
    index >= 2 && code === 'ConditionalCheckFailed' ? [index - 2] : [],
  );

export const readHistory = async (applicationId: string): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': applicationKey(applicationId).pk, ':events': EVENT_PREFIX },
        ProjectionExpression: '#at, actor, #action, version, detail',
        ExpressionAttributeNames: { '#at': 'at', '#action': 'action' },
        ExclusiveStartKey,
      }),
    );
    events.push(...((page.Items ?? []) as HistoryEvent[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return events;
};

export interface ApplicationFilters {
  programmeId?: string;
  areaId?: string;
  status?: string;
}

/**
 * P4: picks the index that serves the filters. Area partitions are small (a handful of
 * applications each), so a status filter on them is a filter expression; every other combination
 * has a key of its own.
 */
export const queryApplications = (
  { programmeId, areaId, status }: ApplicationFilters,
  page: Pick<PageQuery, 'limit' | 'nextToken' | 'owner'>,
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
