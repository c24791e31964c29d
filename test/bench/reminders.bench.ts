import { randomUUID } from 'node:crypto';
import { areasTable } from '../../shared/adapters/dynamodb/areas-table.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { followUpWriteAction, type StoredFollowUp } from '../../shared/adapters/dynamodb/follow-ups-table.ts';
import { applicationIndexKeys, applicationKey } from '../../shared/adapters/dynamodb/keys.ts';
import { programmesTable } from '../../shared/adapters/dynamodb/programmes-table.ts';
import { reminders } from '../../shared/composition.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { withDefaults } from '../../shared/domain/programme.ts';
import { areaBody, kur2Programme } from '../support/factories.ts';
import { writeAll } from '../support/seed-applications.ts';
import { capacityMeter } from './capacity.ts';

export const name = 'Reminder job: read capacity with 1 000 vs 50 000 obligations, the same 100 due';

const DUE_ON = '2015-06-30';
const STAMP = '2015-04-01T10:00:00.000Z';

const obligation = (applicationId: string, dueOn: string): StoredFollowUp => ({
  id: randomUUID(),
  applicationTitle: 'Kunskap i Karlstad',
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

export const run = async () => {
  const meter = capacityMeter();
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

  const lines: string[] = [];
  const measure = async (label: string, today: string) => {
    const started = performance.now();
    const { result, readUnits, reads } = await meter.measure(() => reminders().run(today, now));
    const ms = Math.round(performance.now() - started);
    lines.push(
      `${label}: candidates ${result.candidates}, sent ${result.sent}, read ${readUnits} RCU in ${reads} reads, ${ms} ms`,
    );
    return { readUnits, sent: result.sent };
  };

  await writeAll(table, [...due, ...notDue(900)]);
  const small = await measure('  1 000 obligations (run on the due day, step 0)', DUE_ON);

  const seeding = performance.now();
  await writeAll(table, notDue(49_000));
  lines.push(`  (seeded 49 000 more obligations in ${Math.round((performance.now() - seeding) / 1000)} s)`);
  const large = await measure(' 50 000 obligations (run a week later, step +7)', addDays(DUE_ON, 7));

  // The job reads what is due, not what exists: the same 100 obligations cost the same reads.
  const ok = small.sent === 100 && large.sent === 100 && large.readUnits <= small.readUnits * 1.05 + 1;
  lines.push(`  ratio 50 000 / 1 000: ${(large.readUnits / small.readUnits).toFixed(2)} (target ≤ 1.05)`);
  return { ok, lines };
};
