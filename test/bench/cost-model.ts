import { measured } from './gateway.bench.ts';
import { measuredReminders } from './reminders.bench.ts';
import { count, markdownTable } from './report.ts';

/**
 * Monthly AWS cost of a programme from the measured units (capacity per action, reads per job run)
 * and assumed volumes, against a naive design that Scans the table for its reminder job and its
 * reports. Prices: eu-north-1 list prices in USD as of the date below; free tiers left out.
 */

export const COST_MODEL_TITLE = 'Cost model (monthly, USD, eu-north-1)';

export const PRICES_AS_OF =
  '2026-01 (list prices as known to the author; not fetched by the bench — check before quoting)';

const PRICE = {
  lambdaRequest: 0.2 / 1e6,
  /** arm64, per GB-second */
  lambdaGbSecond: 0.0000133334,
  httpApiRequest: 1.0 / 1e6,
  dynamoWrite: 0.625 / 1e6,
  dynamoRead: 0.125 / 1e6,
  dynamoStorageGbMonth: 0.25,
  sesEmail: 0.1 / 1000,
  s3GbMonth: 0.023,
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  logsIngestGb: 0.5,
  alarm: 0.1,
  /** Cognito Essentials/Lite: the first 10 000 monthly active users cost nothing. */
  cognitoMau: 0.0055,
  cognitoFreeMau: 10_000,
  secret: 0.4,
  xrayTrace: 5 / 1e6,
};

interface Scale {
  label: string;
  /** Areas (KUR) or municipality-programmes (national). */
  areas: number;
  /** Years of history kept in the table. */
  years: number;
}

const SCALES: Scale[] = [
  { label: 'KUR-sized (45 areas)', areas: 45, years: 5 },
  { label: 'national (290 municipalities × 10 programmes)', areas: 2_900, years: 5 },
];

/** Assumed volumes per area and year (KUR 2: one or two applications per area and programme year). */
const PER_AREA_YEAR = {
  applications: 2,
  /** Drafts saved, replaced and submitted before the decision. */
  writesBeforeDecision: 5,
  obligations: 4,
  remindersPerObligation: 3,
  /** Page views that call the API, per application over its life (both roles). */
  readsPerApplication: 150,
  /** Coordinators' start page and lists, per area per working day. */
  dailyReads: 10,
  documentsPerObligation: 1,
  documentMb: 2,
  emailsPerApplication: 12,
};
const ITEMS_PER_APPLICATION = 40; // application, obligations, history, outbox, documents, totals
const ITEM_KB = 2;
const REPORT_RUNS_PER_MONTH = 30;
const FUNCTIONS = 45;
const API_MS = 60;
const MEMORY_GB = 0.5;

const money = (usd: number) => `$${usd < 10 ? usd.toFixed(2) : count(Math.round(usd))}`;

export const costModel = (): string[] => {
  const units = <T>(value: T | undefined, what: string): T => {
    if (value === undefined || value === 0)
      throw new Error(`The cost model needs ${what}: run its bench first`);
    return value;
  };
  const approvalWcu = units(measured.approval, 'the approval write cost').computedWriteUnits;
  const completionWcu = units(measured.completion, 'the completion write cost').computedWriteUnits;
  const reminderWcu = units(measured.reminder, 'the reminder write cost').computedWriteUnits;
  const reviewWcu = units(measured.review, 'the review write cost').computedWriteUnits;
  const getRcu = Math.max(units(measured.getApplication, 'the GET read units').readUnits, 0.5);
  const reminderRcuPerDue =
    units(measuredReminders.readUnitsPer100Due, "the reminder job's read units") / 100;
  const reportRcuPerApplication = 0.0356;

  const rows: (string | number)[][] = [];
  for (const scale of SCALES) {
    const month = (perYear: number) => (perYear * scale.areas) / 12;
    const applications = month(PER_AREA_YEAR.applications);
    const obligations = applications * PER_AREA_YEAR.obligations;
    const reminders = obligations * PER_AREA_YEAR.remindersPerObligation;
    const apiReads =
      applications * PER_AREA_YEAR.readsPerApplication + scale.areas * PER_AREA_YEAR.dailyReads * 21;
    const apiWrites = applications * (PER_AREA_YEAR.writesBeforeDecision + 2) + obligations * 2;
    const apiRequests = apiReads + apiWrites;
    const emails = applications * PER_AREA_YEAR.emailsPerApplication + reminders;
    const applicationsKept = PER_AREA_YEAR.applications * scale.areas * scale.years;
    const tableGb = (applicationsKept * ITEMS_PER_APPLICATION * ITEM_KB) / 2 ** 20;

    const writeUnits =
      applications * (PER_AREA_YEAR.writesBeforeDecision * 4 + approvalWcu + completionWcu) +
      obligations * (reviewWcu + 6) +
      reminders * reminderWcu +
      emails * 4;
    const ourReads =
      apiReads * getRcu * 2 +
      reminders * reminderRcuPerDue +
      30 * 2 +
      REPORT_RUNS_PER_MONTH * applicationsKept * reportRcuPerApplication;
    // Naive: the daily reminder job and each report Scan the whole table (eventually consistent: 4 KB per half unit).
    const scanRcu = (tableGb * 2 ** 20) / 4 / 2;
    const naiveReads = apiReads * getRcu * 2 + (30 + REPORT_RUNS_PER_MONTH) * scanRcu;
    // A Scan of a big table also takes its function long: ~25 ms per 1 MB page.
    const naiveJobSeconds = (30 + REPORT_RUNS_PER_MONTH) * ((tableGb * 1024 * 25) / 1000);

    const invocations = apiRequests + 30 + emails + REPORT_RUNS_PER_MONTH;
    const lambda = (jobSeconds: number) =>
      invocations * PRICE.lambdaRequest +
      ((apiRequests * API_MS) / 1000 + jobSeconds) * MEMORY_GB * PRICE.lambdaGbSecond;
    const fixed = {
      apiGateway: apiRequests * PRICE.httpApiRequest,
      ses: emails * PRICE.sesEmail,
      s3:
        obligations * PER_AREA_YEAR.documentsPerObligation * (PRICE.s3Put + 3 * PRICE.s3Get) +
        ((applicationsKept * PER_AREA_YEAR.obligations * PER_AREA_YEAR.documentMb) / 1024) * PRICE.s3GbMonth,
      cloudWatch: ((invocations * 2) / 2 ** 20) * PRICE.logsIngestGb + FUNCTIONS * PRICE.alarm,
      cognito: Math.max(0, scale.areas * 2 + 10 - PRICE.cognitoFreeMau) * PRICE.cognitoMau,
      secrets: PRICE.secret,
      xray: invocations * PRICE.xrayTrace,
      storage: tableGb * PRICE.dynamoStorageGbMonth,
    };
    const common = Object.values(fixed).reduce((a, b) => a + b, 0);
    const ours = lambda(30 * 2) + writeUnits * PRICE.dynamoWrite + ourReads * PRICE.dynamoRead + common;
    const naive =
      lambda(naiveJobSeconds) + writeUnits * PRICE.dynamoWrite + naiveReads * PRICE.dynamoRead + common;
    rows.push([
      scale.label,
      count(Math.round(apiRequests)),
      count(Math.round(emails)),
      `${tableGb.toFixed(2)} GB`,
      money(lambda(60)),
      money(fixed.apiGateway),
      money(writeUnits * PRICE.dynamoWrite + ourReads * PRICE.dynamoRead + fixed.storage),
      money(fixed.ses),
      money(fixed.s3),
      money(fixed.cloudWatch),
      money(fixed.cognito),
      money(fixed.secrets + fixed.xray),
      `**${money(ours)}**`,
      money(naive),
    ]);
  }
  return [
    `## ${COST_MODEL_TITLE}`,
    '',
    `Prices as of ${PRICES_AS_OF}: Lambda arm64 $0.20 per million requests and $0.0000133334 per GB-s; HTTP API $1.00 per million; DynamoDB on demand $0.625 per million writes, $0.125 per million reads, $0.25 per GB-month; SES $0.10 per 1 000 e-mails; S3 $0.023 per GB-month; CloudWatch Logs $0.50 per GB and $0.10 per alarm; Cognito free under 10 000 monthly active users; Secrets Manager $0.40 per secret; X-Ray $5 per million traces. Free tiers are left out.`,
    '',
    `Measured units used: approval ${approvalWcuText(approvalWcu)}, completion ${approvalWcuText(completionWcu)}, reminder sent ${approvalWcuText(reminderWcu)}, follow-up review ${approvalWcuText(reviewWcu)} (computed from the items written), GET of an application ${getRcu} RCU, the reminder job ${reminderRcuPerDue.toFixed(2)} RCU per due obligation, a programme summary ${reportRcuPerApplication} RCU per application. Assumed per area and year: ${PER_AREA_YEAR.applications} applications, ${PER_AREA_YEAR.obligations} obligations each with ${PER_AREA_YEAR.remindersPerObligation} reminders, ${PER_AREA_YEAR.readsPerApplication} API reads per application and ${PER_AREA_YEAR.dailyReads} a working day per area; ${REPORT_RUNS_PER_MONTH} report runs a month; ${ITEMS_PER_APPLICATION} items of ~${ITEM_KB} KB per application kept ${SCALES[0]?.years} years; ${FUNCTIONS} functions with one alarm each.`,
    '',
    markdownTable(
      [
        'programme',
        'API requests',
        'e-mails',
        'table',
        'Lambda',
        'API Gateway',
        'DynamoDB',
        'SES',
        'S3',
        'CloudWatch',
        'Cognito',
        'Secrets + X-Ray',
        'ours',
        'naive Scan design',
      ],
      rows,
    ),
    '',
    'The naive design differs only in its reads: the daily reminder job and every report Scan the whole table, so its cost grows with the history kept, ours with the work done. The alarms (one per function) are the largest fixed part of a small programme.',
  ];
};

const approvalWcuText = (units: number) => `${units.toFixed(1)} WCU`;
