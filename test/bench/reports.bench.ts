import { areasTable } from '../../shared/adapters/dynamodb/areas-table.ts';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { programmesTable } from '../../shared/adapters/dynamodb/programmes-table.ts';
import { reports } from '../../shared/composition.ts';
import type { GoalsReport } from '../../shared/domain/goals.ts';
import { withDefaults } from '../../shared/domain/programme.ts';
import type { Report } from '../../shared/domain/reports.ts';
import { admin } from '../support/events.ts';
import { areaBody, kur2Programme } from '../support/factories.ts';
import { AREAS, seedApplications, withGoals } from '../support/seed-applications.ts';
import { seedObligations } from '../support/seed-obligations.ts';
import { atRiskInOctober, RISK_AS_OF } from '../support/seed-risk.ts';
import { seedSurveyResponses } from '../support/seed-survey-responses.ts';
import { capacityMeter } from './capacity.ts';
import { type BenchOptions, type BenchResult, count, fixed } from './report.ts';

export const name =
  'Reports: every report at 1 000 and 10 000 applications; another programme’s 10 000 cost nothing';

const STAMP = '2014-01-01T00:00:00.000Z';
const TARGET_MS = 3_000;
const TARGET_RCU_PER_APPLICATION = 0.04;
/** Participants answering each application's surveyed round (survey-results). */
const RESPONSES_PER_APPLICATION = 20;

/** Bytes a read capacity unit reads eventually consistently (a 4 KB unit counts half). */
const READ_UNIT_BYTES = 8 * 1024;

/**
 * The texts the goals report answers with, in read capacity units: each application's title once,
 * and each goal's description, indicator, target and comment (UTF-8 bytes, as DynamoDB counts).
 */
const listedTextUnits = (report: GoalsReport): number => {
  const bytes = (text: string | null) => Buffer.byteLength(text ?? '', 'utf8');
  const titles = new Map(report.goals.map((g) => [g.applicationId, g.title]));
  const texts =
    [...titles.values()].reduce((sum, title) => sum + bytes(title), 0) +
    report.goals.reduce(
      (sum, g) => sum + bytes(g.description) + bytes(g.indicator) + bytes(g.target) + bytes(g.comment),
      0,
    );
  return texts / READ_UNIT_BYTES;
};

export const run = async (_options: BenchOptions): Promise<BenchResult> => {
  const meter = capacityMeter();
  const table = { dynamo, tableName: tableName() };
  const big = withDefaults(
    kur2Programme({
      years: [
        { year: 2014, appropriation: 2_000_000_000 },
        { year: 2015, appropriation: 2_000_000_000 },
      ],
    }),
  );
  // Each report on a programme of its own, so that no report's numbers include another's data.
  for (const id of ['kur-a', 'kur-b', 'kur-c', 'kur-g', 'kur-r', 'kur-s']) {
    await programmesTable.save({ ...big, id, version: 1, createdAt: STAMP, updatedAt: STAMP }, 0, []);
  }
  for (const area of AREAS) {
    await areasTable.save(
      {
        ...areaBody({ name: `LFC ${area.id}`, region: area.region ?? 'mitt' }),
        id: area.id,
        version: 1,
        createdAt: STAMP,
        updatedAt: STAMP,
      },
      undefined,
    );
  }

  const rows: (string | number)[][] = [];
  const summary = () =>
    reports().run(admin as never, {
      type: 'programme-summary',
      programmeId: 'kur-a',
      asOf: '2016-02-15',
      format: 'json',
    });
  const followUpStatus = () =>
    reports().run(admin as never, {
      type: 'follow-up-status',
      programmeId: 'kur-c',
      asOf: '2016-03-01',
      format: 'json',
    });
  const otherReport =
    (type: 'goals' | 'repayment-risk' | 'survey-results', programmeId: string, asOf: string) => () =>
      reports().run(admin as never, { type, programmeId, asOf, format: 'json' });
  const goals = otherReport('goals', 'kur-g', '2016-03-01');
  const risk = otherReport('repayment-risk', 'kur-r', RISK_AS_OF);
  const surveys = otherReport('survey-results', 'kur-s', '2016-03-01');
  // Best of three: other work on the machine only ever adds time; the fastest run is the report's own.
  // A run ten times over the target is not repeated: it cannot come under it, and a report gone
  // that slow (survey-results took minutes at 10 000 before its sums) would triple CI's quick mode.
  const measure = async (label: string, applications: number, report = summary) => {
    let best = Number.POSITIVE_INFINITY;
    let readUnits = 0;
    let answer: Report | undefined;
    for (let i = 0; i < 3 && (i === 0 || best < 10 * TARGET_MS); i++) {
      const started = performance.now();
      const measured = await meter.measure(report);
      best = Math.min(best, performance.now() - started);
      readUnits = measured.readUnits;
      answer = measured.result.report;
    }
    // Every report reads something: nothing read means nothing was measured, a broken harness.
    if (!(readUnits > 0 && Number.isFinite(best))) throw new Error(`${label}: nothing measured`);
    rows.push([
      label,
      count(applications),
      Math.round(best),
      fixed(readUnits, 1),
      fixed(readUnits / applications, 3),
    ]);
    return { best, readUnits, textUnits: answer?.type === 'goals' ? listedTextUnits(answer) : 0 };
  };
  type Measured = Awaited<ReturnType<typeof measure>>;

  await seedApplications(table, 'kur-a', 0, 1_000);
  const small = await measure('programme-summary, kur-a', 1_000);
  await seedApplications(table, 'kur-a', 1_000, 10_000);
  const alone = await measure('programme-summary, kur-a', 10_000);
  await seedApplications(table, 'kur-b', 0, 10_000);
  const crowded = await measure('programme-summary, kur-a beside kur-b’s 10 000', 10_000);

  // One obligation per application, made as an approval makes it (it carries the title and goals).
  await seedObligations(table, 'kur-c', 0, 1_000);
  const statusSmall = await measure('follow-up-status, kur-c', 1_000, followUpStatus);
  await seedObligations(table, 'kur-c', 1_000, 10_000);
  const statusLarge = await measure('follow-up-status, kur-c', 10_000, followUpStatus);

  // Two goals per application; one obligation each, every third handed in saying how each goal went.
  await seedObligations(table, 'kur-g', 0, 1_000, undefined, withGoals);
  const goalsSmall = await measure('goals, kur-g', 1_000, goals);
  await seedObligations(table, 'kur-g', 1_000, 10_000, undefined, withGoals);
  const goalsLarge = await measure('goals, kur-g', 10_000, goals);

  // Approved (half of them completed after asOf) with grants for 2014 and 2015; a quarter plan to end after 2015.
  await seedApplications(table, 'kur-r', 0, 1_000, atRiskInOctober);
  const riskSmall = await measure('repayment-risk, kur-r', 1_000, risk);
  await seedApplications(table, 'kur-r', 1_000, 10_000, atRiskInOctober);
  const riskLarge = await measure('repayment-risk, kur-r', 10_000, risk);

  await seedSurveyResponses(table, 'kur-s', 0, 1_000, RESPONSES_PER_APPLICATION);
  const surveysSmall = await measure('survey-results, kur-s', 1_000, surveys);
  await seedSurveyResponses(table, 'kur-s', 1_000, 10_000, RESPONSES_PER_APPLICATION);
  const surveysLarge = await measure('survey-results, kur-s', 10_000, surveys);

  const targetsOf = (report: string, small: Measured, large: Measured) => [
    { label: `${report}: under ${TARGET_MS} ms at 10 000`, met: large.best < TARGET_MS },
    {
      label: `${report}: RCU per application ≤ ${TARGET_RCU_PER_APPLICATION} (is ${fixed(large.readUnits / 10_000, 4)}; ${fixed(small.readUnits / 1_000, 4)} at 1 000)`,
      met:
        large.readUnits / 10_000 <= TARGET_RCU_PER_APPLICATION &&
        small.readUnits / 1_000 <= TARGET_RCU_PER_APPLICATION,
    },
    {
      label: `${report}: RCU(10 000) / RCU(1 000) ≤ 10 (is ${fixed(large.readUnits / small.readUnits)})`,
      met: large.readUnits / small.readUnits <= 10,
    },
  ];
  /**
   * The goals report answers with every goal's texts, which are more than 0.04 RCU per application
   * by themselves (below): it is held to the target beyond the bytes of the texts it lists.
   */
  const beyondTexts = (m: Measured, applications: number) => (m.readUnits - m.textUnits) / applications;
  const goalsTargets = [
    { label: `goals: under ${TARGET_MS} ms at 10 000`, met: goalsLarge.best < TARGET_MS },
    {
      label: `goals: RCU per application beyond the texts it lists ≤ ${TARGET_RCU_PER_APPLICATION} (is ${fixed(beyondTexts(goalsLarge, 10_000), 4)}; ${fixed(beyondTexts(goalsSmall, 1_000), 4)} at 1 000; the texts are ${fixed(goalsLarge.textUnits / 10_000, 4)})`,
      met:
        beyondTexts(goalsLarge, 10_000) <= TARGET_RCU_PER_APPLICATION &&
        beyondTexts(goalsSmall, 1_000) <= TARGET_RCU_PER_APPLICATION,
    },
    {
      label: `goals: RCU(10 000) / RCU(1 000) ≤ 10 (is ${fixed(goalsLarge.readUnits / goalsSmall.readUnits)})`,
      met: goalsLarge.readUnits / goalsSmall.readUnits <= 10,
    },
  ];

  return {
    title: name,
    headers: ['report', 'applications', 'ms (best of 3)', 'RCU', 'RCU per application'],
    rows,
    targets: [
      { label: `under ${TARGET_MS} ms at 10 000`, met: alone.best < TARGET_MS && crowded.best < TARGET_MS },
      { label: 'another programme’s applications cost nothing', met: crowded.readUnits === alone.readUnits },
      {
        label: `programme-summary: RCU per application ≤ 0.04 (is ${fixed(alone.readUnits / 10_000, 4)}; ${fixed(small.readUnits / 1_000, 4)} at 1 000)`,
        met: alone.readUnits / 10_000 <= 0.04 && small.readUnits / 1_000 <= 0.04,
      },
      {
        label: 'programme-summary: RCU(10 000) / RCU(1 000) ≤ 10',
        met: alone.readUnits / small.readUnits <= 10,
      },
      { label: `follow-up-status: under ${TARGET_MS} ms at 10 000`, met: statusLarge.best < TARGET_MS },
      {
        label: `follow-up-status: RCU per application ≤ 0.04 (is ${fixed(statusLarge.readUnits / 10_000, 4)}; ${fixed(statusSmall.readUnits / 1_000, 4)} at 1 000)`,
        met: statusLarge.readUnits / 10_000 <= 0.04 && statusSmall.readUnits / 1_000 <= 0.04,
      },
      {
        label: `follow-up-status: RCU(10 000) / RCU(1 000) ≤ 10 (is ${fixed(statusLarge.readUnits / statusSmall.readUnits)})`,
        met: statusLarge.readUnits / statusSmall.readUnits <= 10,
      },
      ...goalsTargets,
      ...targetsOf('repayment-risk', riskSmall, riskLarge),
      ...targetsOf('survey-results', surveysSmall, surveysLarge),
    ],
    notes: [
      'follow-up-status: one obligation per application, every third handed in; it reads the slim follow-up report index (issue 16), whose entries carry the application’s title and goals, and no application.',
      `goals: every application states two goals (as in goals.test.ts); one obligation each, every third handed in with an outcome and a comment for each goal. The report reads each application's goal sheet (its title, goals and hand-ins, written with its approval and each hand-in), nothing else of the programme's. The texts it lists (each application's title, each goal's description, indicator, target and latest comment) are ${count(Math.round((goalsLarge.textUnits * READ_UNIT_BYTES) / 10_000))} bytes per application: ${fixed(goalsLarge.textUnits / 10_000, 4)} RCU by themselves, so it is held to 0.04 beyond them. Before the sheets it read 0.114 RCU per application (P11 and every obligation's entry in P7r, which carries the texts once per obligation).`,
      `repayment-risk: as of ${RISK_AS_OF}; half the applications completed (after that day), a quarter planned to end after 2015, so their 2015 grant is at risk.`,
      `survey-results: ${RESPONSES_PER_APPLICATION} responses per application (one surveyed round each, round 1 or 2), every fourth with a comment; the report reads the programme’s sums per area, round and month, kept as each answer is stored, which carry the month’s comments up to 4 KB of text (beyond that a day’s page of comments, up to 4 KB too, then an item each), not the responses.`,
    ],
  };
};
