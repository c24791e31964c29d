import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { areasTable } from '../../shared/adapters/dynamodb/areas-table.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { followUpWriteAction, type StoredFollowUp } from '../../shared/adapters/dynamodb/follow-ups-table.ts';
import {
  applicationIndexKeys,
  applicationKey,
  REMINDER_PARTITION,
} from '../../shared/adapters/dynamodb/keys.ts';
import { programmesTable } from '../../shared/adapters/dynamodb/programmes-table.ts';
import { reminders } from '../../shared/composition.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { withDefaults } from '../../shared/domain/programme.ts';
import { areaBody, kur2Programme } from '../support/factories.ts';
import { writeAll } from '../support/seed-applications.ts';
import { capacityMeter } from './capacity.ts';
import { type BenchOptions, type BenchResult, count, fixed } from './report.ts';

export const name = 'Reminder job: read capacity as the obligations grow, the same 100 due';

const DUE_ON = '2015-06-30';
const STAMP = '2015-04-01T10:00:00.000Z';

const obligation = (applicationId: string, dueOn: string): StoredFollowUp => ({
  id: randomUUID(),
  applicationTitle: 'Kunskap i Karlstad',
  // As an approval writes it: the e-mail's title and status travel with the obligation.
  applicationStatus: 'completed',
  applicationGoals: [],
  originalDueOn: dueOn,
  anchor: 'actual',
  submissions: [],
  reviews: [],
  deferrals: [],
  reminderRound: 1,
  reminderFrom: dueOn,
  applicationId,
  programmeId: 'kur2',
  areaId: 'karlstad',
  kind: 'competencePlan',
  dueOn,
  status: 'pending',
  version: 1,
  createdAt: STAMP,
  updatedAt: STAMP,
  remindersSent: [],
  reminderOffsetsDays: [-14, 0, 7, 30],
});

const itemOf = (followUp: StoredFollowUp) =>
  (followUpWriteAction({ next: followUp }, new Date(STAMP)).action.Put as { Item: Record<string, unknown> })
    .Item;

/** Obligations that are not due on the measured days: pending ones due later, and closed ones. */
const notDue = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const later = obligation(randomUUID(), addDays('2016-01-01', i % 300));
    return i % 4 === 0
      ? {
          ...itemOf({ ...later, status: 'submitted', submittedOn: '2015-05-01' }),
          reminderPk: undefined,
          nextReminderOn: undefined,
        }
      : itemOf(later);
  }).map((item) => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)));

/** The naive job's candidates: every item of the table read, the due ones kept. */
const scanForDue = async (today: string): Promise<number> => {
  let due = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'reminderPk = :due AND nextReminderOn <= :today',
        ExpressionAttributeValues: { ':due': REMINDER_PARTITION, ':today': today },
        ExclusiveStartKey,
      }),
    );
    due += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return due;
};

/** The job's reads for 100 due obligations at the largest size, for the cost model. */
export const measuredReminders = { readUnitsPer100Due: 0, obligations: 0 };

type Meter = ReturnType<typeof capacityMeter>;
type Row = (string | number)[];

/**
 * The programme, the area, 100 applications with one obligation due each among 900 that are not,
 * and the job's run on the due day: the first row, and what the later sizes add to.
 */
const atOneThousand = async (meter: Meter, rows: Row[]) => {
  const table = { dynamo, tableName: tableName() };
  const now = new Date();
  const programme = {
    ...withDefaults(kur2Programme()),
    id: 'kur2',
    version: 1,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
  await programmesTable.save(programme, 0, []);
  await areasTable.save(
    { ...areaBody(), id: 'karlstad', version: 1, createdAt: STAMP, updatedAt: STAMP },
    undefined,
  );

  const applications = Array.from({ length: 100 }, (_, i) => ({
    id: randomUUID(),
    programmeId: 'kur2',
    areaId: 'karlstad',
    title: `Ansökan ${i}`,
    status: 'completed',
    version: 5,
    createdAt: STAMP,
    updatedAt: STAMP,
  }));
  await writeAll(
    table,
    applications.map((app) => ({
      ...applicationKey(app.id),
      ...applicationIndexKeys(app),
      entity: 'application',
      ...app,
    })),
  );
  const due = applications.map((app) => itemOf(obligation(app.id, DUE_ON)));

  const measure = async (size: number, today: string) => {
    const started = performance.now();
    const { result, readUnits, reads } = await meter.measure(() => reminders().run(today, now));
    const ms = Math.round(performance.now() - started);
    rows.push([count(size), today, result.candidates, result.sent, fixed(readUnits, 1), reads, ms]);
    return { readUnits, sent: result.sent };
  };

  await writeAll(table, [...due, ...notDue(900)]);
  const small = await measure(1_000, DUE_ON);
  measuredReminders.readUnitsPer100Due = small.readUnits;
  measuredReminders.obligations = 1_000;
  return { table, programme, measure, small };
};

/**
 * The job's reads per 100 due obligations alone (seconds, not minutes): for the cost model of a
 * run that leaves the reminder bench out (`--only=gateway,…`). They are the same at every size.
 */
export const measureUnits = async (): Promise<void> => {
  await atOneThousand(capacityMeter(), []);
};

export const run = async ({ full }: BenchOptions): Promise<BenchResult> => {
  const meter = capacityMeter();
  const rows: Row[] = [];
  const { table, programme, measure, small } = await atOneThousand(meter, rows);
  // Each later run is on the policy's next step (+7, then +30 days): the same 100 obligations are due again.
  const steps = programme.reminderOffsetsDays.filter((offset) => offset > 0);
  const sizes = full ? [50_000, 200_000] : [50_000];
  if (steps.length < sizes.length)
    throw new Error(`The reminder policy has too few steps for ${sizes.length} sizes`);
  let seeded = 1_000;
  let large = small;
  let seedingMs = 0;
  // The naive job on the same table at the largest size, the same day, before ours runs: a Scan
  // for what is due (a filter does not reduce what a Scan reads; its e-mails' reads not counted).
  let scanned = { result: 0, readUnits: Number.POSITIVE_INFINITY, reads: 0 };
  let scannedOn = DUE_ON;
  let scannedMs = 0;
  for (const [i, size] of sizes.entries()) {
    const seeding = performance.now();
    for (let at = seeded; at < size; at += 10_000) await writeAll(table, notDue(Math.min(10_000, size - at)));
    seedingMs += performance.now() - seeding;
    seeded = size;
    const today = addDays(DUE_ON, steps[i] as number);
    if (i === sizes.length - 1) {
      const started = performance.now();
      scanned = await meter.measure(() => scanForDue(today));
      scannedMs = Math.round(performance.now() - started);
      scannedOn = today;
    }
    large = await measure(size, today);
  }

  const scanRatio = large.readUnits / scanned.readUnits;
  rows.push([
    count(seeded),
    `${scannedOn} (Scan)`,
    scanned.result,
    '–',
    fixed(scanned.readUnits, 1),
    scanned.reads,
    scannedMs,
  ]);

  measuredReminders.readUnitsPer100Due = large.readUnits;
  measuredReminders.obligations = seeded;
  // The job reads what is due, not what exists: the same 100 obligations cost the same reads.
  const ratio = large.readUnits / small.readUnits;
  return {
    title: name,
    headers: ['obligations', 'run on', 'candidates', 'sent', 'RCU', 'reads', 'ms'],
    rows,
    targets: [
      { label: 'all 100 due reminded at every size', met: small.sent === 100 && large.sent === 100 },
      { label: `RCU at the largest size ≤ 1.1× at 1 000 (is ${fixed(ratio)}×)`, met: ratio <= 1.1 },
      {
        label: `the whole job ≤ 0.005 of a Scan at ${count(seeded)} (is ${fixed(scanRatio, 4)})`,
        met: scanRatio <= 0.005,
      },
    ],
    notes: [
      `Seeded with BatchWriteItem in ${Math.round(seedingMs / 1000)} s. RCU as DynamoDB Local reports them (ReturnConsumedCapacity). The obligations carry their application's title and status (issue 16), so the job reads the candidate Query, the area and the programme, and no application; the Scan-based row reads the whole table for the same candidates (its e-mails' reads not counted).`,
    ],
  };
};
