import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchWriteCommand, type BatchWriteCommandOutput, PutCommand } from '@aws-sdk/lib-dynamodb';
import { reportAttributes } from '../../shared/adapters/dynamodb/applications-table.ts';
import type { dynamo as Dynamo } from '../../shared/adapters/dynamodb/client.ts';
import {
  applicationIndexKeys,
  applicationKey,
  programmeYearKey,
} from '../../shared/adapters/dynamodb/keys.ts';
import type { Application } from '../../shared/domain/application.ts';
import { REGIONS } from '../../shared/domain/area.ts';
import { applicationBody } from './factories.ts';

/**
 * Many approved and completed applications at once, for capacity tests and benchmarks: written
 * with BatchWriteItem (through the API it would take minutes), built by the same key builders the
 * application store uses (keys.ts), as the full items a decision or completion writes.
 */

export interface Table {
  dynamo: typeof Dynamo;
  tableName: string;
}

export const AREAS = Array.from({ length: 45 }, (_, i) => ({
  id: `area-${i + 1}`,
  region: REGIONS[i % REGIONS.length],
}));

/**
 * Changes an application before it is stored (and its index keys and report attributes derived),
 * e.g. to give it goals or other planned ends; the default stores it as made.
 */
export type AppVariation = (app: Application, index: number) => Application;

export const appItem = (
  programmeId: string,
  index: number,
  vary: AppVariation = (app) => app,
): Record<string, unknown> => {
  const { areaId: _none, ...content } = applicationBody({ programmeId });
  const area = AREAS[index % AREAS.length]?.id ?? 'area-1';
  const completed = index % 2 === 0;
  const created = new Date(Date.UTC(2014, 3, 1) + index * 60_000).toISOString();
  const activities = index % 3 === 0 ? content.activities?.slice(0, 1) : content.activities;
  const app: Application = vary(
    {
      ...content,
      ...(activities ? { activities } : {}),
      userInvolvement: { consulted: index % 5 < 2, organisations: ['RSMH'] },
      areaId: area,
      id: randomUUID(),
      status: completed ? 'completed' : 'approved',
      version: completed ? 4 : 3,
      createdAt: created,
      updatedAt: created,
      submittedAt: created,
      decision: {
        outcome: 'approved',
        grantedByYear: { '2014': 120_000, '2015': 180_000 },
        decidedOn: '2014-05-01',
        decidedBy: 'anna.admin@forsakringskassan.se',
      },
      grantedByYear: { '2014': 120_000, '2015': 180_000 },
      ...(completed
        ? {
            completion: {
              activities: [{ type: 'knowledge', endedOn: '2015-03-31', participants: 80 }],
              costs: [
                { year: 2014, category: 'lecturer', amount: 100_000 },
                { year: 2015, category: 'processSupport', amount: 150_000 },
              ],
              reportedOn: '2015-04-10',
            },
            disbursedByYear: { '2014': 100_000, '2015': 150_000 },
          }
        : {}),
    },
    index,
  );
  return {
    ...applicationKey(app.id),
    ...applicationIndexKeys(app),
    entity: 'application',
    ...app,
    // The report attributes the application store derives.
    ...reportAttributes(app),
  };
};

export const writeAll = async ({ dynamo, tableName }: Table, items: Record<string, unknown>[]) => {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const answer: BatchWriteCommandOutput = await dynamo.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = (answer.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        if (pending.length > 0) await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
};

/** Applications plus the year counters the decision and completion transactions would have kept. */
export const seedApplications = async (
  table: Table,
  programmeId: string,
  from: number,
  to: number,
  vary?: AppVariation,
) => {
  await writeAll(
    table,
    Array.from({ length: to - from }, (_, i) => appItem(programmeId, from + i, vary)),
  );
  const completed = Math.ceil(to / 2);
  for (const [year, granted, disbursed] of [
    [2014, 120_000, 100_000],
    [2015, 180_000, 150_000],
  ] as const) {
    await table.dynamo.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...programmeYearKey(programmeId, year),
          year,
          granted: granted * to,
          disbursed: disbursed * completed,
        },
      }),
    );
  }
};

/** Two measurable goals, as an application in a programme that requires them states them (goals.test.ts). */
export const SAMPLE_GOALS = [
  {
    description: 'Handläggare hos alla fyra huvudmän känner till varandras uppdrag.',
    indicator: 'Andel deltagare som svarar ja i enkäten efter utbildningen',
    target: 'Minst 80 procent',
  },
  {
    description: 'En gemensam rutin för tidiga samordningsmöten.',
    indicator: 'Antagen rutin',
    target: 'Rutinen antagen av alla fyra huvudmän',
  },
];

/** Every application states the two sample goals. */
export const withGoals: AppVariation = (app) => ({ ...app, goals: SAMPLE_GOALS.map((g) => ({ ...g })) });
