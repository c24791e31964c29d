import type { Application } from './domain/application.ts';
import type { Area, Region } from './domain/area.ts';
import type { CalendarApplication, CalendarFollowUp } from './domain/calendar.ts';
import type { CompletionDue } from './domain/completion-due.ts';
import type { ConfirmationLink } from './domain/confirmations.ts';
import type { FollowUpDocument } from './domain/documents.ts';
import type { Email } from './domain/email.ts';
import type { FollowUp } from './domain/follow-ups.ts';
import type { Goal, ReportedGoalOutcomes } from './domain/goals.ts';
import type { GrantsSnapshot, Guard } from './domain/guards.ts';
import type { HistoryEvent } from './domain/history.ts';
import type { Programme, ProgrammeYear } from './domain/programme.ts';
import type { RiskApplication } from './domain/repayment-risk.ts';
import type { ReportedApplication, ReportedFollowUp, YearTotals } from './domain/reports.ts';
import type {
  OverviewApplication,
  OverviewCompletion,
  OverviewDeferralRequest,
  OverviewFollowUp,
  ReportRun,
} from './domain/responses.ts';
import type { SurveyCommentEntry, SurveyTally } from './domain/survey-results.ts';
import type { SurveyResponse } from './domain/surveys.ts';
import type { NewUser, User } from './domain/users.ts';
import type { MetricName } from './metric-names.ts';

/**
 * The ports use cases are built from (`makeApplications({ applications, programmes, … })`).
 * Adapters in shared/adapters implement them; shared/composition.ts wires the real ones.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Europe/Stockholm, `YYYY-MM-DD`. */
  today(): string;
}

/** A resource that carries its own version (optimistic concurrency). */
export interface Versioned {
  id: string;
  version: number;
}

/** Raised by a store when someone else wrote first (a version or a guard moved): read again, decide again. */
export class LostRace extends Error {
  constructor() {
    super('Someone else changed what this write was built on');
  }
}

export interface VersionedStore<T extends Versioned> {
  get(id: string): Promise<T | undefined>;
  list(): Promise<T[]>;
  /** Writes `next` if the stored version is still `previous?.version` (absent when creating). */
  save(next: T, previous: T | undefined): Promise<void>;
}

/** Sends one e-mail and answers the provider's message id (SES in shared/adapters/ses/mailer.ts). */
export interface Mailer {
  send(email: Email): Promise<string>;
}

/** An e-mail written to the outbox in the same transaction as the change it reports. */
export interface OutgoingEmail {
  email: Email;
  /** What caused it, for tracing; never personal data. */
  source: { applicationId?: string; followUpId?: string; kind: string };
}

/** An obligation as stored: the resource plus its reminder bookkeeping (the domain's `FollowUp`). */
export type StoredFollowUp = FollowUp;

/**
 * An obligation written with a change: created when `previous` is absent, else replaced on the
 * condition that it is still as `previous` was read (its version and its reminder round and steps,
 * which the reminder job writes without a version) — otherwise the write is a `LostRace`.
 */
export interface FollowUpWrite {
  next: FollowUp;
  previous?: FollowUp;
}

/** One change of an application, written as one transaction with everything that must change with it. */
export interface ApplicationChange {
  next: Application;
  /** The version the change was built on; 0 when creating. */
  previousVersion: number;
  event: HistoryEvent;
  /** What else the write must guarantee (budgets, caps, the programme read). */
  guards?: readonly Guard[];
  emails?: readonly OutgoingEmail[];
  /** Obligations created (approval, or completion of an application approved before they were) or moved (completion). */
  followUps?: readonly FollowUpWrite[];
  /** The completion reminder: opened by the approval, closed (it leaves the reminder index) by the completion. */
  completionDue?: { open: CompletionDue } | { close: true };
  /** Confirmation links minted with the change (submit, resend). */
  confirmationLinks?: readonly NewConfirmationLink[];
  at: Date;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PageRequest {
  limit: number;
  nextToken?: string;
  /** Whose query this is: a token minted for another caller or query is refused. */
  owner: string;
}

export interface ApplicationFilters {
  programmeId?: string;
  areaId?: string;
  status?: string;
}

export interface ApplicationStore {
  get(id: string): Promise<Application | undefined>;
  /** Throws `LostRace` when the application or a guarded item moved, `RuleViolation` when a money guard fails. */
  write(change: ApplicationChange): Promise<void>;
  history(id: string): Promise<HistoryEvent[]>;
  query(filters: ApplicationFilters, page: PageRequest): Promise<Page<Application>>;
}

export interface ProgrammeStore {
  get(id: string): Promise<Programme | undefined>;
  list(): Promise<Programme[]>;
  /** Read consistently, years first: what is granted from each year (and its grant sequence), then per area. */
  grantsSnapshot(programmeId: string, years: readonly number[]): Promise<GrantsSnapshot>;
  /** Writes `next` if the stored version is still `previousVersion` (0: new) and every guard holds. */
  save(next: Programme, previousVersion: number, guards: readonly Guard[]): Promise<void>;
  /** What one area has been granted in the programme (P6). */
  grantedToArea(programmeId: string, areaId: string): Promise<number>;
  /** Each year's granted and disbursed totals, read consistently (P6). */
  yearTotals(
    programmeId: string,
    years: readonly number[],
  ): Promise<Record<string, { granted: number; disbursed: number }>>;
}

export type AreaStore = VersionedStore<Area>;

/** What the idempotency adapter needs of the running invocation (its deadline). */
export interface Invocation {
  getRemainingTimeInMillis(): number;
}

/**
 * Runs a creating operation once per (operation, caller, key): a retry with the same body answers
 * the first result, another body is `IdempotencyKeyReused`, a concurrent one `RequestInProgress`.
 */
export interface Idempotency {
  once<B, R>(
    request: {
      operation: string;
      callerSub: string;
      key: string | undefined;
      body: B;
      invocation: Invocation;
    },
    run: (body: B) => Promise<R>,
  ): Promise<R>;
}

/** Which obligations to list; the store picks the index that serves them (P7). */
export interface FollowUpFilters {
  programmeId?: string;
  areaId?: string;
  status?: string;
  applicationId?: string;
  /** Due strictly before this date (`YYYY-MM-DD`). */
  dueBefore?: string;
}

/**
 * One change of an obligation (submission, waiver, review, deferral…): the obligation as it is
 * now, its history event and its e-mails, in one transaction.
 */
export interface FollowUpChange {
  /** The obligation as changed; its version one above `previous`'s. */
  next: FollowUp;
  /** As it was read: the write holds only if it is still so (version, reminder round and steps). */
  previous: FollowUp;
  /** Appended to the history of the follow-up's application. */
  event: HistoryEvent;
  emails?: readonly OutgoingEmail[];
  at: Date;
}

export interface FollowUpStore {
  /** The obligation as stored, with defaults for fields older ones lack. */
  get(id: string): Promise<StoredFollowUp | undefined>;
  /**
   * Writes the change; the obligation enters, moves in or leaves the reminder index by its status
   * and reminder round. Throws `LostRace` when it changed since it was read.
   */
  write(change: FollowUpChange): Promise<void>;
  query(filters: FollowUpFilters, page: PageRequest): Promise<Page<StoredFollowUp>>;
  /** Every obligation of one application (a handful), by due date. */
  ofApplication(applicationId: string): Promise<StoredFollowUp[]>;
}

/** Structured logs (Powertools' logger deployed): ids and outcomes, never bodies or addresses. */
export interface Log {
  debug(message: string, attributes: Record<string, unknown>): void;
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

/**
 * What the service did, counted (Powertools Metrics deployed; shared/metric-names.ts names them).
 * Counts, never personal data: a name and a number, flushed when the invocation ends.
 */
export interface Metrics {
  /** Adds `value` (default 1) to a count, e.g. an application submitted or SEK granted. */
  count(name: MetricName, value?: number): void;
  /** Records a duration in seconds, e.g. the age of the oldest unsent e-mail. */
  seconds(name: MetricName, value: number): void;
}

/** Something the reminder job reminds of: a follow-up obligation, or an application's completion report. */
export type Reminded =
  | { type: 'followUp'; followUp: StoredFollowUp }
  | { type: 'completion'; completion: CompletionDue };

/** One reminder step of one round of one reminded thing, with the e-mail that carries it. */
export interface ReminderStep {
  reminded: Reminded;
  step: number;
  /** The obligation's next reminder day after this step; absent when this was its last. */
  nextReminderOn: string | undefined;
  email: OutgoingEmail;
  at: Date;
}

export interface ReminderStore {
  /** Pending obligations and completion reports whose next reminder day is `today` or earlier (P8). */
  due(today: string): Promise<Reminded[]>;
  /**
   * Claims the step of its round and records it with its e-mail in the outbox, in one transaction;
   * false when the step was claimed before (an overlapping or repeated run), the thing is no longer
   * pending, or a new round has begun since it was read.
   */
  record(step: ReminderStep): Promise<boolean>;
}

export type EmailProblem = 'bounce' | 'complaint' | 'reject';

/** One problem with one address, from one SES notification. */
export interface EmailFeedback {
  /** Lower-cased. */
  address: string;
  problem: EmailProblem;
  bounceType?: string;
  /** When SES saw it (ISO 8601). */
  at: string;
  /** Unique per notification (SES's feedback id, or the message id for a reject). */
  eventId: string;
}

/** What administrators see of an address SES reported a problem with (GET /email-problems). */
export interface EmailStatus {
  address: string;
  /** The problem of the latest notification. */
  problem: EmailProblem;
  /** SES's bounce type when the latest problem is a bounce. */
  bounceType?: string;
  /** When SES saw the latest problem (ISO 8601). */
  lastEventAt: string;
  /** Notifications counted for this address, all problems together. */
  count: number;
}

/**
 * - `recorded`: counted, and the status now shows this problem;
 * - `counted`: counted, but a later notification already shows (this one arrived late);
 * - `duplicate`: this notification was counted before (SNS and Lambda deliver at least once).
 */
export type FeedbackOutcome = 'recorded' | 'counted' | 'duplicate';

export interface EmailStatusStore {
  /** Counts one notification for one address, once however often it is delivered. */
  record(feedback: EmailFeedback, at: Date): Promise<FeedbackOutcome>;
  /** Every address with a problem (a few dozen at most). */
  list(): Promise<EmailStatus[]>;
}

/** Read capacity units consumed and requests made, summed over one report's reads. */
export interface ReadMeter {
  capacityUnits: number;
  requests: number;
}

/**
 * The reads a report makes — each on a key or index designed for it, never a scan, so what a
 * report reads grows with the programme it covers — and the record of who ran which report.
 * Every read adds what it consumed to the report's meter.
 */
export interface ReportStore {
  /** P1: the programme's name, years and appropriations. */
  programme(
    id: string,
    meter: ReadMeter,
  ): Promise<{ id: string; name: string; years: ProgrammeYear[] } | undefined>;
  /** P2: every area with its name and region. */
  areas(meter: ReadMeter): Promise<{ id: string; name: string; region: Region }[]>;
  /** P11: the programme's approved and completed applications, a few attributes each. */
  reportedApplications(
    programmeId: string,
    areaIds: readonly string[],
    meter: ReadMeter,
  ): Promise<ReportedApplication[]>;
  /** P6: granted and disbursed per year, read consistently. */
  yearTotals(
    programmeId: string,
    years: readonly number[],
    meter: ReadMeter,
  ): Promise<Record<string, YearTotals>>;
  /** P7: every obligation of the programme. */
  programmeFollowUps(programmeId: string, meter: ReadMeter): Promise<ReportedFollowUp[]>;
  /** P11 with ids: the programme's approved and completed applications and their areas. */
  reportedApplicationIds(
    programmeId: string,
    areaIds: readonly string[],
    meter: ReadMeter,
  ): Promise<{ id: string; areaId: string }[]>;
  /**
   * P4r: the programme's approved and completed applications, with grants, planned ends and the
   * decision and completion dates (`areaIds` only split the read, as for P11).
   */
  programmeApplications(
    programmeId: string,
    meter: ReadMeter,
    areaIds?: readonly string[],
  ): Promise<RiskApplication[]>;
  /** P3 with goals: the titles and goals of the given applications, by id. */
  applicationSummaries(
    ids: readonly string[],
    meter: ReadMeter,
  ): Promise<Map<string, { title: string; goals: Goal[] }>>;
  /**
   * The programme's participant survey sums per area, round and month, with the day sums of
   * `daysOf`'s month (`YYYY-MM`) when given, and the comments (`areaIds` only split the read, as
   * for P11).
   */
  surveyResults(
    programmeId: string,
    areaIds: readonly string[],
    meter: ReadMeter,
    daysOf?: string,
  ): Promise<{ months: SurveyTally[]; days: SurveyTally[]; comments: SurveyCommentEntry[] }>;
  /**
   * P14: the programme's goal sheets — each approved application with goals, its title, goals and
   * hand-ins — and whether every such application has one (`areaIds` only split the read).
   */
  goalSheets(
    programmeId: string,
    areaIds: readonly string[],
    meter: ReadMeter,
  ): Promise<{
    complete: boolean;
    applications: { id: string; areaId: string; title: string; goals: Goal[] }[];
    handIns: ReportedGoalOutcomes[];
  }>;
  /** P3: the titles of the given applications, by id. */
  applicationTitles(ids: readonly string[], meter: ReadMeter): Promise<Map<string, string>>;
  /** Records a run once; it is never changed. */
  saveRun(run: ReportRun): Promise<void>;
  /** The runs, newest first. */
  runs(page: PageRequest): Promise<Page<ReportRun>>;
}

/**
 * `pending` → `sending` (claimed by one sender) → `sent`; a failed send goes back to `pending`, or
 * to `failed` once it has used up its attempts.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** An outbox e-mail as its sender claimed it. */
export interface ClaimedOutboxItem extends OutgoingEmail {
  id: string;
  attempts: number;
}

/** An entry of the sweeper's list: just what it needs to decide whether to try. */
export interface UnsentOutboxItem {
  id: string;
  status: OutboxStatus;
  createdAt: string;
  attempts: number;
  claimedAt?: string;
}

/** The e-mails written to the outbox with the changes they report, as the mailer works them off. */
export interface OutboxStore {
  /**
   * Claims an item for sending: it must be `pending`, or `sending` under a claim taken before
   * `staleBefore`. Exactly one claim wins; undefined when it is gone, sent, failed or held.
   */
  claim(
    id: string,
    claim: { token: string; now: string; staleBefore: string },
  ): Promise<ClaimedOutboxItem | undefined>;
  /** Marks a claimed item sent; false when the claim was lost meanwhile. */
  markSent(id: string, token: string, sent: { now: string; messageId: string }): Promise<boolean>;
  /** After a failed send: `pending` again with the attempt counted, or `failed` when `giveUp`; false when the claim was lost. */
  release(
    id: string,
    token: string,
    failure: { now: string; attempts: number; error: string; giveUp: boolean },
  ): Promise<boolean>;
  /** The unsent items (`pending` or `sending`) created before `createdBefore`, oldest first, in batches. */
  unsent(createdBefore: string, pageSize?: number): AsyncIterable<UnsentOutboxItem[]>;
}

/** The document metadata of one obligation (the files themselves are in the `DocumentBucket`). */
export interface StoredDocument extends FollowUpDocument {
  /** The object key in the bucket. */
  key: string;
}

/** Raised by `DocumentStore.create` when the obligation has its maximum of documents already. */
export class TooManyDocuments extends Error {
  constructor() {
    super('The obligation has as many documents as it may have');
  }
}

export interface DocumentStore {
  /**
   * Records a new document if the obligation is still `pending` and has fewer than `max`
   * documents, decided in the write itself (concurrent uploads cannot pass the cap together):
   * throws `TooManyDocuments`, or `LostRace` when the obligation is no longer pending.
   */
  create(document: StoredDocument, max: number): Promise<void>;
  get(followUpId: string, documentId: string): Promise<StoredDocument | undefined>;
  /** The obligation's documents, oldest first. */
  list(followUpId: string): Promise<StoredDocument[]>;
}

/** A presigned browser upload: POST `fields` and then the file, as multipart/form-data, to `url`. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

/** The private bucket of documents (S3; locally the emulator). */
export interface DocumentBucket {
  /** A POST whose policy pins the key, the content type and a size of 1 B … `maxBytes`. */
  presignUpload(upload: { key: string; contentType: string; maxBytes: number }): Promise<PresignedUpload>;
  /** Whether the object was uploaded (HeadObject). */
  exists(key: string): Promise<boolean>;
  /** A short-lived GET that downloads the object as an attachment named `fileName`. */
  presignDownload(download: { key: string; fileName: string }): Promise<string>;
}

/** An area's calendar token as stored (the table never holds it in the clear). */
export interface AreaCalendarToken {
  /** The token; undefined when it can no longer be read back (its sealing key changed): only a new one helps. */
  token: string | undefined;
  version: number;
}

/** The secret tokens of the areas' calendar feeds: looked up by hash, one current token per area. */
export interface CalendarTokenStore {
  /** The area's current token, if it has one. */
  get(areaId: string): Promise<AreaCalendarToken | undefined>;
  /**
   * Makes `token` the area's token if the stored one is still at `previousVersion` (0: none yet),
   * retiring the token it replaces in the same write (its URL answers 404 from then on); throws
   * `LostRace` when someone else replaced it first.
   */
  replace(areaId: string, token: string, previousVersion: number, at: Date): Promise<void>;
  /** The area a token belongs to; undefined for a token never issued or already replaced. */
  areaOf(token: string): Promise<string | undefined>;
}

/** An area's obligations as its calendar reads them: one key range, the pending ones. */
export interface CalendarFollowUps {
  pendingOfArea(areaId: string): Promise<CalendarFollowUp[]>;
}

/** An area's applications as its calendar reads them: one key range, a few attributes each. */
export interface CalendarApplications {
  ofArea(areaId: string): Promise<CalendarApplication[]>;
}

/** A due-date range on a by-date partition: sort keys are `<date>#<id>`, so dates bound them. */
export interface DueRange {
  /** Due strictly before this date. */
  before?: string;
  /** Due on or after `from`, and on or before `to`. */
  from?: string;
  to?: string;
}

/** What GET /overview reads: each list in full (they hold what waits or is late), oldest first. */
export interface OverviewStore {
  /** Applications in a status (`submitted`: awaiting a decision; `awaiting-confirmation`). */
  applicationsInStatus(
    status: 'submitted' | 'awaiting-confirmation',
    areaId?: string,
  ): Promise<OverviewApplication[]>;
  followUps(status: string, areaId?: string, due?: DueRange): Promise<OverviewFollowUp[]>;
  openDeferralRequests(areaId?: string): Promise<OverviewDeferralRequest[]>;
  pendingCompletionReports(areaId?: string, due?: DueRange): Promise<OverviewCompletion[]>;
}

/**
 * The people who may sign in (Cognito deployed, its emulator locally: shared/adapters/cognito/).
 * The directory sends its own invitation e-mail with a temporary password.
 */
export interface UserDirectory {
  /** Creates the account in the role's group and sends the invitation; `UserExists` when the e-mail is taken. */
  invite(user: NewUser): Promise<User>;
  /** Everyone with a role. */
  list(): Promise<User[]>;
  /** Lets the person sign in, or stops them; undefined when the directory has no such user. */
  setEnabled(id: string, enabled: boolean): Promise<User | undefined>;
}

/** A surveyed obligation's anonymous link as stored (the table holds its token only hashed and sealed). */
export interface SurveyLink {
  followUpId: string;
  /** The token; undefined when it can no longer be read back (its sealing key changed). */
  token: string | undefined;
  responses: number;
}

/** Participant surveys (shared/adapters/dynamodb/surveys-table.ts): links, responses, the round's e-mail. */
export interface SurveyStore {
  link(followUpId: string): Promise<SurveyLink | undefined>;
  /** Makes the obligation's link with `token`; false when it had one already (read that instead). */
  createLink(
    followUp: { id: string; programmeId: string; areaId: string },
    token: string,
    at: Date,
  ): Promise<boolean>;
  /** The obligation a token opens; undefined for a token never issued. */
  followUpOf(token: string): Promise<string | undefined>;
  /** Counts one answer against the link's per-minute limit; false when the limit is reached. */
  admit(token: string, at: Date, perMinute: number): Promise<boolean>;
  /**
   * Stores a response and counts it on its link, in one write that holds only while the
   * obligation is still pending and due on `dueOn` (the window the answer was checked against);
   * `LostRace` otherwise.
   */
  addResponse(token: string, response: SurveyResponse, dueOn: string, at: Date): Promise<void>;
  /**
   * Moves up to `limit` of a programme's responses stored before the tallies existed to where
   * responses are kept now, counting each in its tally as it goes (each once, however many run
   * at once); answers how many it moved.
   */
  moveUntallied(programmeId: string, limit: number): Promise<number>;
  /** Pending `participantSurvey` obligations due on or before `today`: rounds open or closed. */
  dueSurveys(today: string): Promise<StoredFollowUp[]>;
  /** Puts the round's e-mail into the outbox unless it is there already; false when it was. */
  announce(followUpId: string, email: OutgoingEmail, at: Date): Promise<boolean>;
}

/** A confirmation link to store: the SHA-256 of its token (never the token) and what it names. */
export interface NewConfirmationLink {
  tokenHash: string;
  link: ConfirmationLink;
}

/** Confirmation links by the hash of their token (shared/adapters/dynamodb/confirmation-links.ts). */
export interface ConfirmationLinkStore {
  get(tokenHash: string): Promise<ConfirmationLink | undefined>;
}

/** A reminder about one confirmation link: sent at most once per step (a claim, in one transaction with the e-mail). */
export interface ConfirmationReminderClaim {
  applicationId: string;
  role: string;
  /** The sending the link belongs to: a new link starts its own steps. */
  sentAt: string;
  offset: number;
}
