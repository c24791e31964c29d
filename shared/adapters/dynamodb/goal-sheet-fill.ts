import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../../domain/application.ts';
import type { FollowUp } from '../../domain/follow-ups.ts';
import { mapBounded } from '../../parallel.ts';
import { dynamo, tableName } from './client.ts';
import { toFollowUp } from './follow-ups-table.ts';
import { goalSheetItem, goalSheetsCompletePut } from './goal-sheet-items.ts';
import { cancellationCodes, withoutKeys } from './items.ts';
import { applicationPartitions, followUpKey, followUpPartitions, goalSheetsCompleteKey } from './keys.ts';
import { queryAll } from './pages.ts';
import { transactWrite } from './transact.ts';

/**
 * Goal sheets for a programme created before them (goal-sheet-items.ts): its applications approved
 * before the sheets have none, or one a later hand-in started with only its own outcomes. Each is
 * written whole from the application and every hand-in its obligations hold, and the programme is
 * marked complete when all are, from which moment the goals report reads the sheets.
 *
 * A sheet is written in one transaction with a check that each of the application's obligations
 * is still at the version it was built from: a hand-in in between fails it, and the sheet is built
 * again from the obligations read consistently. A hand-in after it adds to the written sheet; an
 * approval meanwhile writes its own. The obligations are found through an index, which lags its
 * table by about a second: one made in that second is not checked, and only a hand-in within that
 * second could be missed, which no coordinator can make on an obligation that did not exist a
 * moment before.
 */

const ATTEMPTS = 3;
/** Sheets written at once: each its own transaction on its own items. */
const CONCURRENCY = 8;

export const goalSheetsComplete = async (programmeId: string): Promise<boolean> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName(), Key: goalSheetsCompleteKey(programmeId), ConsistentRead: true }),
  );
  return Item !== undefined;
};

/** The programme's approved and completed applications, whole (GSI3, once per programme). */
const reportedApplications = async (programmeId: string): Promise<Application[]> =>
  (
    await Promise.all(
      (['approved', 'completed'] as const).map((status) =>
        queryAll({ index: 'gsi3', partition: applicationPartitions.programmeStatus(programmeId, status) }),
      ),
    )
  )
    .flat()
    .map((item) => withoutKeys<Application>(item));

/** The programme's obligations, whole (GSI4), by application. */
const obligationsByApplication = async (programmeId: string): Promise<Map<string, FollowUp[]>> => {
  const byApplication = new Map<string, FollowUp[]>();
  for (const item of await queryAll({
    index: 'gsi4',
    partition: followUpPartitions.programme(programmeId),
  })) {
    const followUp = toFollowUp(item);
    byApplication.set(followUp.applicationId, [
      ...(byApplication.get(followUp.applicationId) ?? []),
      followUp,
    ]);
  }
  return byApplication;
};

const readConsistently = async (followUps: readonly FollowUp[]): Promise<FollowUp[]> =>
  (
    await Promise.all(
      followUps.map(async ({ id }) => {
        const { Item } = await dynamo.send(
          new GetCommand({ TableName: tableName(), Key: followUpKey(id), ConsistentRead: true }),
        );
        return Item ? [toFollowUp(Item)] : [];
      }),
    )
  ).flat();

/** The sheet, whole, with a check that each obligation it was built from is as it was read. */
const writeSheet = (app: Application, followUps: readonly FollowUp[]) =>
  transactWrite([
    {
      Put: {
        TableName: tableName(),
        Item: goalSheetItem(
          app,
          followUps
            .flatMap((f) => f.submissions)
            .filter((s) => (s.goalOutcomes?.length ?? 0) > 0)
            .sort((a, b) => (a.submittedOn < b.submittedOn ? -1 : a.submittedOn > b.submittedOn ? 1 : 0)),
        ),
      },
    },
    ...followUps.map((f) => ({
      ConditionCheck: {
        TableName: tableName(),
        Key: followUpKey(f.id),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': f.version },
      },
    })),
  ]);

const fillOne = async (app: Application, read: readonly FollowUp[]) => {
  let followUps = read;
  for (let attempt = 1; ; attempt++) {
    try {
      await writeSheet(app, followUps);
      return;
    } catch (error) {
      if (!cancellationCodes(error)?.includes('ConditionalCheckFailed') || attempt >= ATTEMPTS) throw error;
      followUps = await readConsistently(followUps);
    }
  }
};

/**
 * Writes the sheets of a programme created before them and marks it complete; answers how many it
 * wrote (0 for a programme already complete). Running it twice at once writes the same sheets.
 */
export const fillGoalSheets = async (programmeId: string): Promise<number> => {
  if (await goalSheetsComplete(programmeId)) return 0;
  const [applications, obligations] = await Promise.all([
    reportedApplications(programmeId),
    obligationsByApplication(programmeId),
  ]);
  const withGoals = applications.filter((app) => (app.goals?.length ?? 0) > 0);
  await mapBounded(withGoals, CONCURRENCY, (app) => fillOne(app, obligations.get(app.id) ?? []));
  await transactWrite([goalSheetsCompletePut(programmeId)]);
  return withGoals.length;
};
