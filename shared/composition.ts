import { clock } from './adapters/clock.ts';
import { cognitoUserDirectory } from './adapters/cognito/user-directory.ts';
import { applicationsInStatus, applicationsTable } from './adapters/dynamodb/applications-table.ts';
import { areaApplicationsForCalendar, areaFollowUpsForCalendar } from './adapters/dynamodb/area-due-dates.ts';
import { areasTable } from './adapters/dynamodb/areas-table.ts';
import { calendarTokensTable } from './adapters/dynamodb/calendar-tokens.ts';
import { claimConfirmationReminder, confirmationLinksTable } from './adapters/dynamodb/confirmation-links.ts';
import { documentsTable } from './adapters/dynamodb/documents-table.ts';
import {
  recordEmailFeedback,
  type EmailStatus as StoredEmailStatus,
} from './adapters/dynamodb/email-status.ts';
import {
  followUpsOfApplication,
  getFollowUp,
  queryFollowUps,
  writeFollowUp,
} from './adapters/dynamodb/follow-ups-table.ts';
import { fillGoalSheets } from './adapters/dynamodb/goal-sheet-fill.ts';
import { readGoalSheets } from './adapters/dynamodb/goal-sheets-table.ts';
import { idempotency } from './adapters/dynamodb/idempotency.ts';
import { queryPartition } from './adapters/dynamodb/items.ts';
import { EMAIL_PROBLEMS_PARTITION } from './adapters/dynamodb/keys.ts';
import {
  claimOutboxItem,
  markOutboxSent,
  outboxPut,
  releaseOutboxItem,
  unsentOutboxItems,
} from './adapters/dynamodb/outbox.ts';
import { overviewTable } from './adapters/dynamodb/overview-table.ts';
import { programmesTable } from './adapters/dynamodb/programmes-table.ts';
import { dueForReminder, ReminderNotNeeded, recordReminder } from './adapters/dynamodb/reminders-table.ts';
import {
  listReportRuns,
  putReportRun,
  readApplicationSummaries,
  readApplicationTitles,
  readAreas,
  readProgramme,
  readProgrammeApplications,
  readProgrammeFollowUps,
  readReportedApplicationIds,
  readReportedApplications,
  readSurveyResults,
  readYearTotals,
} from './adapters/dynamodb/reports-table.ts';
import { claimRiskAlert } from './adapters/dynamodb/risk-alerts-table.ts';
import { surveysTable } from './adapters/dynamodb/surveys-table.ts';
import { s3DocumentBucket } from './adapters/s3/documents.ts';
import { createSesClient, sesMailer } from './adapters/ses/mailer.ts';
import { config } from './config.ts';
import { countApplications, countReminders, countSends, measureOldestUnsent } from './metered.ts';
import { logger, metricsPort } from './observability.ts';
import type {
  Clock,
  EmailStatusStore,
  FollowUpStore,
  Mailer,
  OutboxStore,
  ReminderStore,
  ReportStore,
} from './ports.ts';
import { makeApplications } from './usecases/applications.ts';
import { makeAreas } from './usecases/areas.ts';
import { makeCalendar } from './usecases/calendar.ts';
import { makeConfirmationReminders } from './usecases/confirmation-reminders.ts';
import { makeConfirmations } from './usecases/confirmations.ts';
import { makeOutboxDelivery } from './usecases/deliver-outbox.ts';
import { makeDocuments } from './usecases/documents.ts';
import { makeEmailFeedback } from './usecases/email-feedback.ts';
import { makeFollowUps } from './usecases/follow-ups.ts';
import { makeGoalSheets } from './usecases/goal-sheets.ts';
import { makeOverview } from './usecases/overview.ts';
import { makeProgrammes } from './usecases/programmes.ts';
import { makeReminders } from './usecases/reminders.ts';
import { makeReports } from './usecases/reports.ts';
import { makeRiskAlerts } from './usecases/risk-alerts.ts';
import { makeSurveys } from './usecases/surveys.ts';
import { makeUsers } from './usecases/users.ts';

/**
 * The composition root: the one place that wires the real adapters into the use cases. Each is
 * built on first use, once per cold start, so a function builds only what its route calls.
 * `@__PURE__` lets esbuild leave out of a function's bundle the use cases it never calls, and the
 * adapters only they use (the SES client is in the mailer's bundle alone).
 */
const once = <T>(build: () => T): (() => T) => {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
};

/** Submissions, approvals and SEK granted are counted (shared/metered.ts). */
export const applications = /* @__PURE__ */ once(() =>
  countApplications(
    makeApplications({
      applications: applicationsTable,
      programmes: programmesTable,
      areas: areasTable,
      followUps: followUpStore,
      idempotency,
      clock,
      formUrl: config().FORM_URL,
    }),
    metricsPort,
  ),
);

export const programmes = /* @__PURE__ */ once(() =>
  makeProgrammes({ programmes: programmesTable, areas: areasTable, clock }),
);

export const areas = /* @__PURE__ */ once(() => makeAreas({ areas: areasTable, clock }));

/**
 * The areas' calendar feeds: tokens in the table (hashed, the area's copy sealed), the feed's
 * reads one Query each of the area's obligations and applications. The feed URLs live where the
 * API answers, which is where the form is served (`GET /`).
 */
export const calendar = /* @__PURE__ */ once(() =>
  makeCalendar({
    calendarTokens: calendarTokensTable,
    followUps: areaFollowUpsForCalendar,
    applications: areaApplicationsForCalendar,
    areas: areasTable,
    clock,
    formUrl: config().FORM_URL,
  }),
);

/**
 * Follow-up obligations in the table (shared/adapters/dynamodb/follow-ups-table.ts). Each change
 * appends its event to the application's history; one changed meanwhile is a lost race.
 */
const followUpStore: FollowUpStore = {
  get: getFollowUp,
  write: writeFollowUp,
  query: queryFollowUps,
  ofApplication: followUpsOfApplication,
};

export const followUps = /* @__PURE__ */ once(() =>
  makeFollowUps({
    followUps: followUpStore,
    applications: applicationsTable,
    documents: documentsTable,
    verifyDocuments: (followUpId, documentIds) => documents().verifyDocuments(followUpId, documentIds),
    programmes: programmesTable,
    areas: areasTable,
    formUrl: config().FORM_URL,
    clock,
    surveyOf: (followUp) => surveys().surveyOf(followUp),
  }),
);

/**
 * Participant surveys: links beside their obligations (hashed, sealed), answers per programme. The
 * links live where the API answers, which is where the form is served (`GET /`).
 */
export const surveys = /* @__PURE__ */ once(() =>
  makeSurveys({
    surveys: surveysTable,
    followUps: followUpStore,
    programmes: programmesTable,
    applications: applicationsTable,
    areas: areasTable,
    clock,
    apiUrl: config().FORM_URL,
    log: logger,
  }),
);

/** Head office's and an area's start page. */
export const overview = /* @__PURE__ */ once(() => makeOverview({ overview: overviewTable, clock }));

export const confirmations = /* @__PURE__ */ once(() =>
  makeConfirmations({
    applications: applicationsTable,
    areas: areasTable,
    links: confirmationLinksTable,
    clock,
    formUrl: config().FORM_URL,
  }),
);

export const confirmationReminders = /* @__PURE__ */ once(() =>
  makeConfirmationReminders({
    awaitingConfirmation: () => applicationsInStatus('awaiting-confirmation'),
    claim: claimConfirmationReminder,
    areas: areasTable,
    programmes: programmesTable,
    formUrl: config().FORM_URL,
  }),
);

export const users = /* @__PURE__ */ once(() =>
  makeUsers({ directory: cognitoUserDirectory(), areas: areasTable }),
);

/** Document metadata in the table, the files in the S3 bucket (the local emulator when S3_ENDPOINT is set). */
export const documents = /* @__PURE__ */ once(() =>
  makeDocuments({ documents: documentsTable, bucket: s3DocumentBucket(), followUps: followUpStore, clock }),
);

/** Reminder steps in the table (shared/adapters/dynamodb/reminders-table.ts), each e-mail put into the outbox. */
const reminderStore: ReminderStore = {
  due: dueForReminder,
  record: async ({ reminded, step, nextReminderOn, email, at }) => {
    try {
      await recordReminder(reminded, step, nextReminderOn, outboxPut(email.email, at, email.source), at);
      return true;
    } catch (error) {
      if (error instanceof ReminderNotNeeded) return false;
      throw error;
    }
  },
};

export const reminders = /* @__PURE__ */ once(() =>
  makeReminders({
    reminders: countReminders(reminderStore, metricsPort),
    applications: applicationsTable,
    areas: areasTable,
    programmes: programmesTable,
    log: logger,
    formUrl: config().FORM_URL,
  }),
);

/** SES feedback per address (shared/adapters/dynamodb/email-status.ts), listed in one index partition. */
const emailStatusStore: EmailStatusStore = {
  record: recordEmailFeedback,
  list: () => queryPartition<StoredEmailStatus>('gsi1', EMAIL_PROBLEMS_PARTITION),
};

export const emailFeedback = /* @__PURE__ */ once(() =>
  makeEmailFeedback({ emailStatus: emailStatusStore, clock, log: logger }),
);

/** Report reads and runs (shared/adapters/dynamodb/reports-table.ts). */
const reportStore: ReportStore = {
  programme: readProgramme,
  areas: readAreas,
  reportedApplications: readReportedApplications,
  yearTotals: readYearTotals,
  programmeFollowUps: readProgrammeFollowUps,
  applicationTitles: readApplicationTitles,
  reportedApplicationIds: readReportedApplicationIds,
  programmeApplications: readProgrammeApplications,
  applicationSummaries: readApplicationSummaries,
  surveyResults: readSurveyResults,
  goalSheets: readGoalSheets,
  saveRun: putReportRun,
  runs: listReportRuns,
};

export const reports = /* @__PURE__ */ once(() => makeReports({ reports: reportStore, clock, log: logger }));

/** The weekly e-mails about money at risk, part of the daily job (claims in the table, e-mails in the outbox). */
/** The goal sheets of programmes created before them, part of the daily job (goal-sheet-fill.ts). */
export const goalSheets = /* @__PURE__ */ once(() =>
  makeGoalSheets({ programmes: programmesTable, fill: fillGoalSheets, log: logger }),
);

export const riskAlerts = /* @__PURE__ */ once(() =>
  makeRiskAlerts({
    programmes: programmesTable,
    areas: areasTable,
    reports: reportStore,
    claim: claimRiskAlert,
    log: logger,
    formUrl: config().FORM_URL,
  }),
);

/** The outbox in the table (shared/adapters/dynamodb/outbox.ts). */
const outboxStore: OutboxStore = {
  claim: claimOutboxItem,
  markSent: markOutboxSent,
  release: releaseOutboxItem,
  unsent: unsentOutboxItems,
};

/** The mailer's use case with a given sender and clock: tests hand in an SES that refuses, or a later clock. */
export const outboxDeliveryWith = ({ mailer, clock }: { mailer: Mailer; clock: Clock }) =>
  makeOutboxDelivery({
    // Counted: each send accepted or refused, and the age of the oldest overdue e-mail per sweep.
    outbox: measureOldestUnsent(outboxStore, clock, metricsPort),
    mailer: countSends(mailer, metricsPort),
    clock,
    log: logger,
  });

/** The mailer's use case as deployed: SES (or the local emulator) and the real clock. */
export const outboxDelivery = /* @__PURE__ */ once(() =>
  outboxDeliveryWith({ mailer: sesMailer(createSesClient()), clock }),
);
