import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { stockholmDate } from '../../domain/dates.ts';
import { type FollowUp, withFollowUpDefaults } from '../../domain/follow-ups.ts';
import { nextReminderOn } from '../../domain/reminders.ts';
import type { FollowUpChange, FollowUpFilters, FollowUpWrite, StoredFollowUp } from '../../ports.ts';
import { historyEventPut } from './applications-table.ts';
import { dynamo, tableName } from './client.ts';
import { goalSheetHandIn } from './goal-sheet-items.ts';
import { type GuardedAction, writeGuarded } from './guarded-write.ts';
import { withoutKeys } from './items.ts';
import {
  deferralRequestIndexKeys,
  deferralRequestKey,
  followUpIndexKeys,
  followUpKey,
  followUpPartitions,
  reminderIndexKeys,
} from './keys.ts';
import { outboxPut } from './outbox.ts';
import { type Page, type PageQuery, queryAll, queryPage } from './pages.ts';

export type { StoredFollowUp };

/** An obligation as stored, whatever its age (older ones lack later fields: defaults fill them). */
export const toFollowUp = (item: Record<string, unknown>): StoredFollowUp => {
  const { reminderPk: _pk, nextReminderOn: _next, ...rest } = withoutKeys<Record<string, unknown>>(item);
  return withFollowUpDefaults(rest as unknown as FollowUp);
};

/**
 * The item of an obligation: with its index keys, and in the sparse reminder index (keyed by the
 * next day a step of its round can be sent, as of `today`) while it is pending and a step remains.
 */
const followUpItem = (followUp: FollowUp, today: string) => {
  const next =
    followUp.status === 'pending'
      ? nextReminderOn(followUp.reminderFrom, followUp.reminderOffsetsDays, followUp.remindersSent, today)
      : undefined;
  return {
    ...followUpKey(followUp.id),
    ...followUpIndexKeys(followUp),
    ...(next ? reminderIndexKeys(next) : {}),
    entity: 'followUp',
    ...followUp,
  };
};

/**
 * The condition that an obligation is still as it was read: its version, and its reminder round
 * and steps, which the reminder job records without a version (a put must not undo a step sent
 * meanwhile). Obligations stored before rounds existed have no round: they are in round 1.
 */
const unchangedSince = (previous: FollowUp) => ({
  ConditionExpression: `version = :version AND ${
    previous.reminderRound === 1
      ? '(attribute_not_exists(reminderRound) OR reminderRound = :round)'
      : 'reminderRound = :round'
  } AND size(remindersSent) = :sent`,
  ExpressionAttributeValues: {
    ':version': previous.version,
    ':round': previous.reminderRound,
    ':sent': previous.remindersSent.length,
  },
});

/**
 * The transaction action that writes an obligation: created (its id new), or replaced if it is
 * still as `previous` was read. A failed condition reads back as a lost race (its version guard).
 */
export const followUpWriteAction = ({ next, previous }: FollowUpWrite, at: Date): GuardedAction => ({
  guard: { name: 'version', entity: 'followUp', id: next.id, version: previous?.version ?? 0 },
  action: {
    Put: {
      TableName: tableName(),
      Item: followUpItem(next, stockholmDate(at)),
      ...(previous ? unchangedSince(previous) : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  },
});

export const getFollowUp = async (id: string): Promise<StoredFollowUp | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName(), Key: followUpKey(id) }));
  return Item ? toFollowUp(Item) : undefined;
};

/**
 * One change of an obligation with its history event and its e-mails, in one transaction; a
 * `LostRace` when the obligation changed since it was read. A put, so the index keys follow the
 * new status, due date and reminder round (a closed obligation leaves the reminder index).
 */
export const writeFollowUp = ({ next, previous, event, emails = [], at }: FollowUpChange): Promise<void> =>
  writeGuarded([
    followUpWriteAction({ next, previous }, at),
    { action: historyEventPut({ ...event, applicationId: next.applicationId }) },
    ...deferralRequestActions(previous, next),
    ...goalSheetActions(previous, next),
    ...emails.map(({ email, source }) => ({ action: outboxPut(email, at, source) })),
  ]);

/** A hand-in that says how the goals went adds that to its application's goal sheet (P14). */
const goalSheetActions = (previous: FollowUp, next: FollowUp): GuardedAction[] => {
  const handIn = next.submissions.length > previous.submissions.length ? next.submissions.at(-1) : undefined;
  return handIn?.goalOutcomes?.length ? [{ action: goalSheetHandIn(next, handIn) }] : [];
};

/** The open request's own small item appears with the request and goes with its answer. */
const deferralRequestActions = (previous: FollowUp, next: FollowUp): GuardedAction[] => {
  const request = next.deferralRequest;
  if (request && !previous.deferralRequest) {
    return [
      {
        action: {
          Put: {
            TableName: tableName(),
            Item: {
              ...deferralRequestKey(next.id),
              ...deferralRequestIndexKeys({
                followUpId: next.id,
                areaId: next.areaId,
                requestedOn: request.requestedOn,
              }),
              entity: 'deferralRequest',
              followUpId: next.id,
              applicationId: next.applicationId,
              applicationTitle: next.applicationTitle,
              areaId: next.areaId,
              kind: next.kind,
              dueOn: next.dueOn,
              requestedDueOn: request.dueOn,
              requestedOn: request.requestedOn,
            },
          },
        },
      },
    ];
  }
  if (!request && previous.deferralRequest) {
    return [{ action: { Delete: { TableName: tableName(), Key: deferralRequestKey(next.id) } } }];
  }
  return [];
};

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

/** P7: every obligation of one application (a handful), by due date. */
export const followUpsOfApplication = async (applicationId: string): Promise<StoredFollowUp[]> =>
  (await queryAll({ index: 'gsi3', partition: followUpPartitions.application(applicationId) })).map(
    toFollowUp,
  );
