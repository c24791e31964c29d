/**
 * The single table's physical shape, as plain data: CDK builds the deployed table from it and the
 * local stack and the tests create DynamoDB Local tables from it, so all three are the same.
 * What each key and index serves is in keys.ts and README ("Data design").
 */
export interface IndexSchema {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** `ALL`, or only the listed attributes (besides the keys). */
  projection: 'ALL' | readonly string[];
  /**
   * Its sort key is an attribute of the domain item (answered with it), not one this code base
   * adds only to key an index: `withoutKeys` keeps it.
   */
  sortKeyIsData?: true;
}

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Attribute DynamoDB's TTL deletes by (epoch seconds); used by idempotency records and tokens. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Attributes a report reads per application (P11); the report index projects only these. */
export const REPORT_ATTRIBUTES = [
  'programmeId',
  'areaId',
  'status',
  'activityTypes',
  'consulted',
  'grantedByYear',
  'disbursedByYear',
] as const;

/**
 * What the follow-up-status and goals reports read per obligation (P7r); the index projects only
 * these. The obligation's id is its table key (always projected), so it is not repeated here.
 */
export const FOLLOW_UP_REPORT_ATTRIBUTES = [
  'applicationId',
  'applicationTitle',
  'applicationGoals',
  'areaId',
  'kind',
  'status',
  'submittedOn',
  'waivedOn',
  'goalOutcomes',
] as const;

/**
 * What the money-at-risk report and the weekly risk alerts read per approved or completed
 * application (P4r); the index projects only these. `plannedEnd` (the latest planned end of its
 * activities), `decidedOn` and `completedOn` (the completion's report date) are derived by the
 * application store from the nested activities, decision and completion, which an index cannot
 * project on their own. The application's id and area are in its keys (`reportSk` is `areaId#id`),
 * and its status follows from `completedOn` (only approved and completed applications are in the
 * index): projecting them again would cost a tenth of the entry.
 */
export const RISK_REPORT_ATTRIBUTES = [
  'title',
  'grantedByYear',
  'disbursedByYear',
  'plannedEnd',
  'decidedOn',
  'completedOn',
] as const;

export const INDEXES = {
  /** Overloaded: lists by programme (applications, follow-ups by status), all programmes, all areas. */
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
  /** Overloaded: by area within a programme (applications), by area (follow-ups). */
  gsi2: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
  /** Overloaded: by programme and status (applications), by application (follow-ups), unsent outbox. */
  gsi3: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' },
  /** Overloaded: by area across programmes (applications). */
  gsi4: { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'ALL' },
  /** Overloaded: by status across programmes (applications). */
  gsi5: { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'ALL' },
  /** Overloaded: every application, newest first. */
  gsi6: { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', projection: 'ALL' },
  /** Sparse: only pending obligations carry these, keyed by the day their next reminder is due (P8). */
  reminders: {
    name: 'reminders',
    partitionKey: 'reminderPk',
    sortKey: 'nextReminderOn',
    projection: 'ALL',
  },
  /** Sparse: only approved and completed applications, with just what reports need (P11). */
  report: { name: 'report', partitionKey: 'reportPk', sortKey: 'reportSk', projection: REPORT_ATTRIBUTES },
  /**
   * P4r: the same sparse entries as `report` (approved and completed applications, by programme
   * and area), with what money at risk is judged by. A projection cannot be changed in place, so
   * this is an index of its own; keyed by attributes the applications already have, DynamoDB fills
   * it from them when it is added (those stored before carry no derived dates: see reports-table.ts).
   */
  riskReport: {
    name: 'riskReport',
    partitionKey: 'reportPk',
    sortKey: 'reportSk',
    projection: RISK_REPORT_ATTRIBUTES,
  },
  /**
   * P7r: a programme's obligations by due date with only what the reports show of them (GSI4
   * projects whole items: submissions, reviews, deferrals). Keyed by attributes every obligation
   * already has — its GSI4 partition and its `dueOn` — so that DynamoDB fills it from the stored
   * obligations when it is added (no backfill), and only obligations enter it: applications have
   * `gsi4pk` but no `dueOn`, completion reminders and deferral requests `dueOn` but no `gsi4pk`.
   */
  followUpReport: {
    name: 'followUpReport',
    partitionKey: 'gsi4pk',
    sortKey: 'dueOn',
    projection: FOLLOW_UP_REPORT_ATTRIBUTES,
    sortKeyIsData: true,
  },
} as const satisfies Record<string, IndexSchema>;

export const INDEX_LIST: readonly IndexSchema[] = Object.values(INDEXES);
