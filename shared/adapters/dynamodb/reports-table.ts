import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { Region } from '../../domain/area.ts';
import type { Goal } from '../../domain/goals.ts';
import type { ProgrammeYear } from '../../domain/programme.ts';
import type { RiskApplication } from '../../domain/repayment-risk.ts';
import type { ReportedApplication, ReportedFollowUp, YearTotals } from '../../domain/reports.ts';
import type { ReportRun } from '../../domain/responses.ts';
import { type SurveyCommentEntry, type SurveyTally, tallyOf } from '../../domain/survey-results.ts';
import type { SurveyResponse } from '../../domain/surveys.ts';
import { mapBounded } from '../../parallel.ts';
import { dynamo, tableName } from './client.ts';
import { withoutKeys } from './items.ts';
import {
  AREA_LIST_PARTITION,
  applicationIdOfKey,
  applicationKey,
  followUpIdOfKey,
  followUpReportPartition,
  programmeKey,
  programmeYearKey,
  REPORT_RUNS_PARTITION,
  reportPartition,
  reportRunKey,
  reportRunListKeys,
  surveyCommentPartition,
  surveyDayPartition,
  surveyTallyPartition,
  untalliedSurveyResponsePartition,
} from './keys.ts';
import { type KeyRange, type Page, type PageQuery, queryAll, queryPage } from './pages.ts';
import { toComments, toDay, toMonth } from './survey-tally-items.ts';
import { FOLLOW_UP_REPORT_ATTRIBUTES, INDEXES, RISK_REPORT_ATTRIBUTES, TABLE_KEYS } from './table-schema.ts';

/**
 * The reads reports make, each a GetItem, BatchGetItem or Query on a key or index designed for
 * it — never a Scan — so that what a report reads grows with the programme it covers, not with the
 * table. Each read asks DynamoDB what it consumed and adds it to a meter: the report logs it, and
 * the tests hold it to the programme's size.
 */

/** Read capacity units consumed and requests made, summed over a report's reads. */
export interface ReadMeter {
  capacityUnits: number;
  requests: number;
}

export const newReadMeter = (): ReadMeter => ({ capacityUnits: 0, requests: 0 });

const measure = (meter: ReadMeter, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined) => {
  meter.requests++;
  for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
    meter.capacityUnits += c.CapacityUnits ?? 0;
  }
};

/**
 * Items per page. DynamoDB caps a page at 1 MB anyway; the limit keeps DynamoDB Local from
 * evaluating a whole large partition for every page (it does without one: ~1 s a page at 10 000).
 */
const PAGE_LIMIT = 1000;

/** Reads of a report: a page size DynamoDB Local copes with, and every answer metered. */
const metered = (meter: ReadMeter, onPage?: (page: QueryCommandOutput) => void) => ({
  pageSize: PAGE_LIMIT,
  onPage: (page: QueryCommandOutput) => {
    measure(meter, page.ConsumedCapacity);
    onPage?.(page);
  },
});

/** BatchGetItem in chunks of 100 keys, retrying what DynamoDB leaves unprocessed. */
const batchGet = async (
  meter: ReadMeter,
  keys: Record<string, string>[],
  request: {
    ProjectionExpression: string;
    ExpressionAttributeNames?: Record<string, string>;
    ConsistentRead?: boolean;
  },
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + 100);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
      const answer: BatchGetCommandOutput = await dynamo.send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: pending, ...request } },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      measure(meter, answer.ConsumedCapacity);
      items.push(...(answer.Responses?.[tableName()] ?? []));
      pending = answer.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return items;
};

export interface ReportProgramme {
  id: string;
  name: string;
  years: ProgrammeYear[];
}

/** P1: the programme's years and appropriations (one GetItem, only what reports use). */
export const readProgramme = async (id: string, meter: ReadMeter): Promise<ReportProgramme | undefined> => {
  const { Item, ConsumedCapacity } = await dynamo.send(
    new GetCommand({
      TableName: tableName(),
      Key: programmeKey(id),
      ProjectionExpression: 'id, #name, #years',
      ExpressionAttributeNames: { '#name': 'name', '#years': 'years' },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  measure(meter, ConsumedCapacity);
  return Item as ReportProgramme | undefined;
};

export interface ReportArea {
  id: string;
  name: string;
  region: Region;
}

/** P2: every area with its name and region (one Query of ~50 small items). */
export const readAreas = async (meter: ReadMeter): Promise<ReportArea[]> =>
  (await queryAll(
    { index: 'gsi1', partition: AREA_LIST_PARTITION, projection: ['id', 'name', 'region'] },
    metered(meter),
  )) as unknown as ReportArea[];

/**
 * A partition whose sort keys begin `areaId#` — a programme's entries in the sparse report
 * indexes (P11, P4r), its survey tallies and comments — only the attributes asked for.
 *
 * One page holds a whole programme of up to 1 000 entries. When there is more, the rest of
 * the partition is read as contiguous sort-key ranges in parallel, split at the area ids (no key
 * equals a boundary `areaId#`, so the ranges neither overlap nor leave a gap, whatever areas
 * exist), as many as what is left is worth (see MIN_UNITS_PER_RANGE). Each item is still read
 * once; a range costs only DynamoDB's rounding up of its requests. The ranges overlap their round
 * trips; on DynamoDB Local, which fills a page by whole-item size (~475 applications), they also
 * keep each query small.
 */
export const readByArea = async (
  partition: Omit<KeyRange, 'from' | 'to' | 'beginsWith' | 'before'>,
  areaIds: readonly string[],
  meter: ReadMeter,
): Promise<Record<string, unknown>[]> => {
  const sortKey = partition.index ? INDEXES[partition.index].sortKey : TABLE_KEYS.sortKey;
  const range = (bounds: { from?: string; to?: string }): KeyRange => ({ ...partition, ...bounds });

  // The first page alone: a programme of up to 1 000 applications ends there.
  let lastKey: Record<string, unknown> | undefined;
  let firstPageUnits = 0;
  const first = await queryAll(range({}), {
    ...metered(meter, (page) => {
      lastKey = page.LastEvaluatedKey;
      firstPageUnits = page.ConsumedCapacity?.CapacityUnits ?? 0;
    }),
    maxPages: 1,
  });
  if (!lastKey) return first;
  const startKey = lastKey;

  const after = String(startKey[sortKey]);
  const sortedBoundaries = [...new Set(areaIds)].map((id) => `${id}#`).sort();
  const areaBoundaries = sortedBoundaries.filter((b) => b > after);
  // What is left, judged by the first page: its read per area begun, times the areas not begun
  // (the page's last area, begun but perhaps not ended, counts as read: the guess errs low).
  const areasBegun = Math.max(1, sortedBoundaries.length - areaBoundaries.length);
  const unitsLeft = (firstPageUnits / areasBegun) * areaBoundaries.length;
  // One range per MIN_UNITS_PER_RANGE of that, at most RANGE_CONCURRENCY and one per area left:
  // every range rounds its read up to DynamoDB's next 4 KB, so many small ranges would add up.
  const count = Math.max(
    1,
    Math.min(RANGE_CONCURRENCY, areaBoundaries.length, Math.ceil(unitsLeft / MIN_UNITS_PER_RANGE)),
  );
  // `count - 1` boundaries, evenly spaced, strictly increasing (areaBoundaries.length ≥ count).
  const boundaries = Array.from(
    { length: count - 1 },
    (_, i) => areaBoundaries[Math.floor(((i + 1) * areaBoundaries.length) / count)] as string,
  );
  // The first range resumes after the last key read; the others run between area boundaries.
  const ranges = [
    () => queryAll(range(boundaries[0] ? { to: boundaries[0] } : {}), { ...metered(meter), startKey }),
    ...boundaries.map(
      (from, i) => () =>
        queryAll(range({ from, ...(boundaries[i + 1] ? { to: boundaries[i + 1] } : {}) }), metered(meter)),
    ),
  ];
  const rest = await mapBounded(ranges, RANGE_CONCURRENCY, (read) => read());
  return [first, ...rest].flat();
};

/** One of the sparse report indexes (P11, P4r): a programme's approved and completed applications. */
const readReportIndex = (
  index: 'report' | 'riskReport',
  programmeId: string,
  areaIds: readonly string[],
  projection: readonly string[],
  meter: ReadMeter,
) => readByArea({ index, partition: reportPartition(programmeId), projection }, areaIds, meter);

/**
 * P11: the approved and completed applications of a programme, from the sparse report index. It
 * projects only the handful of attributes a report needs, so each application costs a few hundred
 * bytes of read instead of its whole item (several KB with activities, partners and budget).
 */
export const readReportedApplications = async (
  programmeId: string,
  areaIds: readonly string[],
  meter: ReadMeter,
): Promise<ReportedApplication[]> =>
  (await readReportIndex(
    'report',
    programmeId,
    areaIds,
    ['areaId', 'status', 'activityTypes', 'consulted'],
    meter,
  )) as unknown as ReportedApplication[];

/**
 * P11 with ids: which applications of a programme are approved or completed, and in which area
 * (the goals report's applications; their titles and goals travel with their obligations). The
 * id is the table key, which every index entry carries: reading it costs nothing more.
 */
export const readReportedApplicationIds = async (
  programmeId: string,
  areaIds: readonly string[],
  meter: ReadMeter,
): Promise<{ id: string; areaId: string }[]> =>
  (await readReportIndex('report', programmeId, areaIds, [TABLE_KEYS.partitionKey, 'areaId'], meter)).map(
    (item) => ({
      id: applicationIdOfKey(String(item[TABLE_KEYS.partitionKey])),
      areaId: String(item.areaId),
    }),
  );

/** Range queries in flight at once: enough to overlap round trips, few enough to be polite. */
const RANGE_CONCURRENCY = 12;

/**
 * The least read, in RCU, worth a range of its own: a request rounds its read up by 0.25 RCU on
 * average (0.5 per 4 KB, eventually consistent), under 2 % of this. It is ~460 report entries,
 * about what DynamoDB Local puts on a page, so a range rarely takes more than one request there:
 * at 1 000 applications the rest after the first page is two ranges (thirteen rounded up 3 RCU
 * more); from some 6 000 on, RANGE_CONCURRENCY ranges as before.
 */
const MIN_UNITS_PER_RANGE = 16;

/**
 * P6: granted and disbursed per year, from the counters the decision and completion transactions
 * keep (one BatchGetItem for all the programme's years). These are the very figures the budget
 * conditions protect, read consistently; summing the report index would give the same numbers
 * from an eventually consistent index.
 */
export const readYearTotals = async (
  programmeId: string,
  years: readonly number[],
  meter: ReadMeter,
): Promise<Record<string, YearTotals>> => {
  const items = await batchGet(
    meter,
    years.map((year) => programmeYearKey(programmeId, year)),
    {
      ProjectionExpression: '#year, granted, disbursed',
      ExpressionAttributeNames: { '#year': 'year' },
      ConsistentRead: true,
    },
  );
  const totals: Record<string, YearTotals> = {};
  for (const item of items) {
    // The counter item's `year` is set by the grant; a year only disbursed to cannot exist.
    const year = String(item.year);
    totals[year] = {
      granted: typeof item.granted === 'number' ? item.granted : 0,
      disbursed: typeof item.disbursed === 'number' ? item.disbursed : 0,
    };
  }
  return totals;
};

/**
 * P7r: every obligation of a programme, by due date, from the slim follow-up report index: only
 * what the reports show of each (with the application's title and goals, which the obligation
 * carries), a few hundred bytes instead of the whole item.
 */
export const readProgrammeFollowUps = async (
  programmeId: string,
  meter: ReadMeter,
): Promise<ReportedFollowUp[]> => {
  const items = await queryAll(
    {
      index: 'followUpReport',
      partition: followUpReportPartition(programmeId),
      projection: [TABLE_KEYS.partitionKey, INDEXES.followUpReport.sortKey, ...FOLLOW_UP_REPORT_ATTRIBUTES],
    },
    metered(meter),
  );
  // Due dates may tie: by id within a day, as the programme's other lists order them.
  return items
    .map(({ pk, ...item }) => ({ ...item, id: followUpIdOfKey(String(pk)) }) as unknown as ReportedFollowUp)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
};

/** P3: the titles of the given applications (BatchGetItem; each distinct application read once). */
export const readApplicationTitles = async (
  ids: readonly string[],
  meter: ReadMeter,
): Promise<Map<string, string>> => {
  const items = await batchGet(
    meter,
    [...new Set(ids)].map((id) => applicationKey(id)),
    { ProjectionExpression: 'id, #title', ExpressionAttributeNames: { '#title': 'title' } },
  );
  return new Map(items.map((item) => [String(item.id), typeof item.title === 'string' ? item.title : '']));
};

/**
 * What the survey-results report reads: the programme's month sums (with the comments they hold)
 * and the comments that had no room there (days' pages and comments of their own), each range
 * split at the areas as P11 is; the day sums of `daysOf`'s month when asked; and the responses
 * stored before the sums existed (an empty range once the daily job has moved them).
 */
export const readSurveyResults = async (
  programmeId: string,
  areaIds: readonly string[],
  meter: ReadMeter,
  daysOf?: string,
): Promise<{ months: SurveyTally[]; days: SurveyTally[]; comments: SurveyCommentEntry[] }> => {
  const [months, apart, days, untallied] = await Promise.all([
    readByArea({ partition: surveyTallyPartition(programmeId) }, areaIds, meter),
    readByArea({ partition: surveyCommentPartition(programmeId) }, areaIds, meter),
    daysOf
      ? queryAll({ partition: surveyDayPartition(programmeId), beginsWith: `${daysOf}-` }, metered(meter))
      : [],
    queryAll({ partition: untalliedSurveyResponsePartition(programmeId) }, metered(meter)),
  ]);
  const early = untallied.map((item) => withoutKeys<SurveyResponse>(item));
  const kept = months.map(toMonth);
  return {
    months: kept.map((k) => k.tally),
    days: [...days.map(toDay), ...early.map(tallyOf)],
    comments: [
      ...kept.flatMap((k) => k.comments),
      ...apart.flatMap(toComments),
      ...early.flatMap(({ areaId, round, answeredOn, comment }) =>
        comment ? [{ areaId, round, answeredOn, text: comment }] : [],
      ),
    ],
  };
};

/** An application as the money-at-risk report and alerts read it. */
export type ProgrammeApplication = RiskApplication;

/** The stored application attributes the money-at-risk report judges by (before P4r carried them). */
const RISK_SOURCE_ATTRIBUTES = [
  'id',
  'title',
  'areaId',
  'status',
  'grantedByYear',
  'disbursedByYear',
  'activities',
  'decision',
  'completion',
] as const;

/**
 * P4r: the approved and completed applications of a programme with what money at risk is judged
 * by (grants, disbursements, the latest planned end, decision and completion dates), from the slim
 * risk report index: a few hundred bytes each instead of the whole item.
 *
 * Applications stored before the store derived those dates are in the index without them (it was
 * filled from the stored items); they are read from the table (P3), each once, as they were
 * stored. Every approved application has a decision date, so its absence tells them apart.
 */
export const readProgrammeApplications = async (
  programmeId: string,
  meter: ReadMeter,
  areaIds: readonly string[] = [],
): Promise<ProgrammeApplication[]> => {
  const entries = await readReportIndex(
    'riskReport',
    programmeId,
    areaIds,
    [TABLE_KEYS.partitionKey, INDEXES.riskReport.sortKey, ...RISK_REPORT_ATTRIBUTES],
    meter,
  );
  const carried: ProgrammeApplication[] = [];
  const older: string[] = [];
  for (const { pk, reportSk, plannedEnd, decidedOn, completedOn, ...entry } of entries) {
    const id = applicationIdOfKey(String(pk));
    if (typeof decidedOn !== 'string') {
      older.push(id);
      continue;
    }
    carried.push({
      ...(entry as Pick<ProgrammeApplication, 'title' | 'grantedByYear' | 'disbursedByYear'>),
      id,
      areaId: String(reportSk).slice(0, -`#${id}`.length),
      status: typeof completedOn === 'string' ? 'completed' : 'approved',
      ...(typeof plannedEnd === 'string' ? { activities: [{ plannedEnd }] } : {}),
      decision: { decidedOn },
      ...(typeof completedOn === 'string' ? { completion: { reportedOn: completedOn } } : {}),
    });
  }
  if (older.length === 0) return carried;
  const names = Object.fromEntries(RISK_SOURCE_ATTRIBUTES.map((a, i) => [`#a${i}`, a]));
  const stored = await batchGet(
    meter,
    older.map((id) => applicationKey(id)),
    { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names },
  );
  return [...carried, ...(stored as unknown as ProgrammeApplication[])];
};

/** P3 with goals: the titles and goals of the given applications, by id (one BatchGetItem). */
export const readApplicationSummaries = async (
  ids: readonly string[],
  meter: ReadMeter,
): Promise<Map<string, { title: string; goals: Goal[] }>> => {
  const items = await batchGet(
    meter,
    [...new Set(ids)].map((id) => applicationKey(id)),
    { ProjectionExpression: 'id, #title, goals', ExpressionAttributeNames: { '#title': 'title' } },
  );
  return new Map(
    items.map((item) => [
      String(item.id),
      {
        title: typeof item.title === 'string' ? item.title : '',
        goals: Array.isArray(item.goals) ? (item.goals as Goal[]) : [],
      },
    ]),
  );
};

/** Who ran which report when (the audit of `POST /reports`): the answer's own type. */
export type { ReportRun };

/** Writes a run once; it is never changed. */
export const putReportRun = async (run: ReportRun): Promise<void> => {
  await dynamo.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...reportRunKey(run.id), ...reportRunListKeys(run.at, run.id), entity: 'reportRun', ...run },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
};

/** The runs, newest first, paged. */
export const listReportRuns = (
  page: Pick<PageQuery, 'limit' | 'nextToken' | 'owner'>,
): Promise<Page<ReportRun>> =>
  queryPage({ index: 'gsi1', partition: REPORT_RUNS_PARTITION, ...page }, (item) =>
    withoutKeys<ReportRun>(item),
  );
