import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { FollowUp, FollowUpStatus } from '../../domain/follow-ups.ts';
import type { HistoryEvent } from '../../domain/history.ts';
import { nextReminderOn } from '../../domain/reminders.ts';
import type { StoredFollowUp } from '../../ports.ts';
import { historyEventPut } from './applications-table.ts';
import { dynamo, tableName } from './client.ts';
import { cancellationCodes, withoutKeys } from './items.ts';
import { followUpIndexKeys, followUpKey, followUpPartitions, reminderIndexKeys } from './keys.ts';
import { type Page, type PageQuery, queryPage } from './pages.ts';
import { transactWrite } from './transact.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type { StoredFollowUp };

const toFollowUp = (item: Record<string, unknown>): StoredFollowUp => {
  const { reminderPk: _pk, nextReminderOn: _next, ...rest } = withoutKeys<Record<string, unknown>>(item);
  return rest as unknown as StoredFollowUp;
};

/** The transaction action that creates an obligation, in the sparse reminder index from the start. */
export const followUpPut = (followUp: StoredFollowUp): TransactItem => {
  const next = nextReminderOn(followUp.dueOn, followUp.reminderOffsetsDays, followUp.remindersSent);
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...followUpKey(followUp.id),
        ...followUpIndexKeys(followUp),
        ...(next ? reminderIndexKeys(next) : {}),
        entity: 'followUp',
        ...followUp,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};

export const getFollowUp = async (id: string): Promise<StoredFollowUp | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(), Key: followUpKey(id) }));
  return Item ? toFollowUp(Item) : undefined;
};

/** Raised when an obligation is no longer pending by the time it is written. */
export class NoLongerPending extends Error {}

/**
 * Closes a pending obligation (submitted or waived) with its audit event. An update, not a put:
 * it must not overwrite the reminder bookkeeping the job may have written meanwhile. It leaves the
 * reminder index, so no reminder follows, and moves to its new status in the status indexes.
 */
export const closeFollowUp = async (
  followUp: StoredFollowUp,
  status: Exclude<FollowUpStatus, 'pending'>,
  fields: Partial<Pick<FollowUp, 'submittedOn' | 'summary' | 'documentUrl' | 'waivedOn' | 'waiverReason'>>,
  event: HistoryEvent & { applicationId: string },
  now: Date,
): Promise<StoredFollowUp> => {
  const keys = followUpIndexKeys({ ...followUp, status });
  const set: Record<string, unknown> = {
    status,
    updatedAt: now.toISOString(),
    gsi1pk: keys.gsi1pk,
    gsi5pk: keys.gsi5pk,
    ...fields,
  };
  const names = Object.fromEntries(Object.keys(set).map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(Object.entries(set).map(([k, v]) => [`:${k}`, v]));
  try {
    await transactWrite([
      {
        Update: {
          TableName: tableName(),
          Key: followUpKey(followUp.id),
          UpdateExpression: `SET ${Object.keys(set)
            .map((k) => `#${k} = :${k}`)
            .join(', ')}, version = version + :one REMOVE reminderPk, nextReminderOn`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':pending': 'pending', ':one': 1 },
        },
      },
      historyEventPut(event),
    ]);
  } catch (error) {
    if (
      cancellationCodes(error)?.[0] === 'ConditionalCheckFailed' ||
      error instanceof ConditionalCheckFailedException
    ) {
      throw new NoLongerPending();
    }
    throw error;
  }
  return { ...followUp, ...fields, status, version: followUp.version + 1, updatedAt: now.toISOString() };
};

export interface FollowUpFilters {
  programmeId?: string;
  areaId?: string;
  status?: string;
  applicationId?: string;
  dueBefore?: string;
}

/**
 * P7: picks the index that serves the filters; every partition is sorted by due date, so
 * `dueBefore` is a key range. An area's partition is small: programme and status are filters there.
 */
export const queryFollowUps = (
  { programmeId, areaId, status, applicationId, dueBefore }: FollowUpFilters,
  page: Pick<PageQuery, 'limit' | 'nextToken' | 'owner'>,
): Promise<Page<StoredFollowUp>> => {
  const filters = [
    ...(areaId && programmeId ? [{ attribute: 'programmeId', value: programmeId }] : []),
    ...(areaId && status ? [{ attribute: 'status', value: status }] : []),
  ];
  const query = (index: PageQuery['index'], partition: string, filter = filters) =>
    queryPage(
      {
        index,
        partition,
        ascending: true,
        filters: filter,
        ...(dueBefore ? { sortBefore: dueBefore } : {}),
        ...page,
      },
      toFollowUp,
    );
  if (applicationId) return query('gsi3', followUpPartitions.application(applicationId));
  if (areaId) return query('gsi2', followUpPartitions.area(areaId));
  if (programmeId && status) return query('gsi1', followUpPartitions.programmeStatus(programmeId, status));
  if (programmeId) return query('gsi4', followUpPartitions.programme(programmeId));
  if (status) return query('gsi5', followUpPartitions.status(status));
  return query('gsi6', followUpPartitions.all());
};
