import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixClock } from '../../infra/local/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { applicationKey, followUpPartitions } from '../../shared/adapters/dynamodb/keys.ts';
import { INDEXES } from '../../shared/adapters/dynamodb/table-schema.ts';
import type { Email } from '../../shared/domain/email.ts';
import { api, followUpApi } from '../support/api.ts';
import { admin, coordinatorOf } from '../support/events.ts';
import { applicationBody, areaBodyFor, kur2Programme } from '../support/factories.ts';
import { unsentEmails } from '../support/unsent-emails.ts';

/**
 * Issue 16, item 1: the reminder e-mail's title and the application's status travel with the
 * obligation from the approval on (and become `completed` with the completion), so the daily job
 * reads no application for them.
 */

afterEach(() => {
  fixClock(undefined);
  vi.restoreAllMocks();
});

const MANAGEMENT = 'kur@forsakringskassan.se';
let seq = 0;

/** A knowledge-only application approved on 1 June 2014: its competence plan is due 2015-06-30. */
const approved = async (title: string) => {
  const areaId = `reads-area-${seq++}`;
  await api.putArea(areaId, areaBodyFor(areaId));
  fixClock(new Date('2014-06-01T12:00:00+02:00'));
  const coordinator = coordinatorOf(areaId);
  const created = await api.create(
    coordinator,
    applicationBody({
      title,
      activities: [applicationBody().activities![0]!],
      budget: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
    }),
  );
  const id = created.body.id as string;
  await api.submit(coordinator, id);
  await api.decide(admin, id, { outcome: 'approved', grantedByYear: { '2014': 100_000 } });
  return { id, coordinator };
};

/** The obligations of an application as stored (GSI3 projects whole items). */
const obligationsOf = async (applicationId: string): Promise<Record<string, unknown>[]> =>
  (
    await dynamo.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEXES.gsi3.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEXES.gsi3.partitionKey },
        ExpressionAttributeValues: { ':pk': followUpPartitions.application(applicationId) },
      }),
    )
  ).Items ?? [];

const remindersOf = async (applicationId: string): Promise<Email[]> => {
  const ids = new Set((await obligationsOf(applicationId)).map((item) => item.id));
  return (await unsentEmails())
    .filter(({ source }) => ids.has(source.followUpId) && source.kind.startsWith('reminder'))
    .map(({ email }) => email);
};

beforeAll(async () => {
  await api.putProgramme('kur2', kur2Programme({ managementEmails: [MANAGEMENT] }));
});

describe('what the reminder job reads for its e-mails', () => {
  it('reads no application: the obligation carries its title and status, approved and then completed', async () => {
    const stillApproved = await approved('Kunskap i Arvika');
    const completed = await approved('Kunskap i Torsby');
    fixClock(new Date('2015-04-01T12:00:00+02:00'));
    const done = await followUpApi.complete(completed.coordinator, completed.id, {
      activities: [{ type: 'knowledge', endedOn: '2015-03-31' }],
      costs: [{ year: 2014, category: 'lecturer', amount: 100_000 }],
    });
    expect(done.status).toBe(200);

    // What the approval and the completion wrote onto the obligations.
    const [first, second] = (await Promise.all([stillApproved.id, completed.id].map(obligationsOf))).map(
      ([item]) => item,
    );
    expect(first).toMatchObject({ applicationTitle: 'Kunskap i Arvika', applicationStatus: 'approved' });
    expect(second).toMatchObject({ applicationTitle: 'Kunskap i Torsby', applicationStatus: 'completed' });

    const send = vi.spyOn(dynamo, 'send');
    fixClock(new Date('2015-06-16T06:00:00+02:00'));
    await followUpApi.runReminders();
    const applicationReads = send.mock.calls.filter(([command]) => {
      const key = (command as GetCommand).input?.Key;
      return (
        command instanceof GetCommand &&
        [stillApproved.id, completed.id].some(
          (id) => key?.pk === applicationKey(id).pk && key?.sk === applicationKey(id).sk,
        )
      );
    });
    expect(applicationReads).toEqual([]);

    const [toApproved] = await remindersOf(stillApproved.id);
    const [toCompleted] = await remindersOf(completed.id);
    expect(toApproved?.subject).toContain('”Kunskap i Arvika”');
    expect(toApproved?.text).toContain('som är beviljad.');
    expect(toCompleted?.subject).toContain('”Kunskap i Torsby”');
    expect(toCompleted?.text).toContain('som är slutrapporterad.');
  });
});
