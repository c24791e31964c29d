import type * as z from 'zod/mini';
import type { RouteName } from '../http/routes.ts';
import {
  ApplicationBody,
  ApplicationListQuery,
  CompletionBody,
  DecisionBody,
  UnderspendBody,
} from '../schemas/application.ts';
import { AreaBody } from '../schemas/area.ts';
import { ConfirmationAnswerBody } from '../schemas/confirmations.ts';
import { DocumentUploadBody } from '../schemas/document.ts';
import { FollowUpListQuery, FollowUpSubmissionBody, FollowUpWaiverBody } from '../schemas/follow-up.ts';
import {
  DeferralDecisionBody,
  DeferralRequestBody,
  FollowUpReviewBody,
} from '../schemas/follow-up-actions.ts';
import { ProgrammeBody } from '../schemas/programme.ts';
import { ReportBody, ReportRunListQuery } from '../schemas/report.ts';
import { SurveyResponseBody } from '../schemas/survey.ts';
import { NewUserBody } from '../schemas/users.ts';
import type { ProblemCode } from './problems.ts';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1), as plain data. */
export type JsonSchema = Record<string, unknown>;

/** What a route answers when it succeeds. */
export interface SuccessAnswer {
  status: 200 | 201 | 302;
  description: string;
  /** `application/json` unless said otherwise. */
  mediaType?: string;
  schema?: JsonSchema;
  /** Answered with `ETag: "<version>"`. */
  etag?: boolean;
  /** A 201 names the new resource in `Location`; a 302 the place to go. */
  location?: boolean;
}

/**
 * What the route table does not say about a route: what it is for, the schemas its handler
 * validates with (the very zod objects it imports) and its answer. The status codes of the
 * errors every route can meet (401, 403, 400, 404 …) are derived from the route itself; `errors`
 * adds those only its use case raises.
 */
export interface RouteDoc {
  summary: string;
  description?: string;
  body?: z.core.$ZodType;
  query?: z.core.$ZodType;
  answer: SuccessAnswer;
  ifMatch?: 'required' | 'optional';
  idempotencyKey?: boolean;
  errors?: readonly ProblemCode[];
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const resource = (description: string, status: 200 | 201 = 200): SuccessAnswer => ({
  status,
  description,
  schema: ref('Versioned'),
  etag: true,
  ...(status === 201 ? { location: true } : {}),
});

const page = (description: string): SuccessAnswer => ({ status: 200, description, schema: ref('Page') });

const data = (description: string): SuccessAnswer => ({
  status: 200,
  description,
  schema: { type: 'object' },
});

/** Create or replace at a caller-chosen id: `If-Match` optional, 201 when new. */
const createOrReplace = (what: string): SuccessAnswer => ({
  ...resource(`${what}, with its \`version\`. 200 when replaced; 201 (with \`Location\`) when created.`),
  status: 200,
});

/**
 * One entry per route of the route table. A route added without an entry still appears in the
 * document (method, path, parameters, roles, errors) with a generic summary; the OpenAPI test
 * asks for an entry whenever its handler validates a body or a query.
 */
export const routeDocs: Partial<Record<RouteName, RouteDoc>> = {
  health: {
    summary: 'Health check',
    answer: { status: 200, description: '`{ "status": "ok" }`', schema: { type: 'object' } },
  },
  form: {
    summary: 'The web form for coordinators and administrators',
    description: 'One HTML page with its script and styles inline; it signs in by itself.',
    answer: { status: 200, description: 'The page.', mediaType: 'text/html' },
  },
  accessibilityStatement: {
    summary: 'The accessibility statement (tillgänglighetsredogörelse)',
    description: 'A static HTML page in the structure DIGG asks for; linked from every page’s footer.',
    answer: { status: 200, description: 'The page.', mediaType: 'text/html' },
  },
  favicon: {
    summary: 'The icon browsers ask for',
    answer: { status: 200, description: 'A 16×16 icon.', mediaType: 'image/x-icon' },
  },

  putProgramme: {
    summary: 'Create or replace a programme',
    description:
      'Lowering a year’s appropriation below what is already granted from it is `budget-exceeded`; ' +
      'lowering the per-area cap below an area’s granted total is `area-cap-exceeded`.',
    body: ProgrammeBody,
    ifMatch: 'optional',
    answer: createOrReplace('The programme'),
    errors: ['rule-violation'],
  },
  listProgrammes: { summary: 'All programmes', answer: page('Every programme, in one page.') },
  getProgramme: { summary: 'One programme', answer: resource('The programme.') },
  programmeBudget: {
    summary: 'A programme’s year budgets',
    answer: data(
      '`{ "programmeId", "items": [{ "year", "appropriation", "granted", "disbursed", "remaining" }] }`, ' +
        'from the year counters the decisions and completions keep.',
    ),
  },
  areaTotals: {
    summary: 'What an area has been granted in a programme',
    description: 'A coordinator may ask for their own area only (another area: 403).',
    answer: data('`{ "programmeId", "areaId", "granted", "maxGrantPerArea", "remaining" }`.'),
  },

  listUsers: {
    summary: 'Everyone who may sign in',
    answer: data(
      '`{ "items": [{ "id", "email", "role", "areaId"?, "status": "invited" | "active" | "disabled", "createdAt" }] }`: administrators first, then by area and e-mail.',
    ),
  },
  inviteUser: {
    summary:
      'Give someone an account: the user directory e-mails them an invitation with a temporary password',
    description:
      'A coordinator (`role: "coordinator"`) needs the `areaId` of an existing area; an administrator has none. ' +
      'An e-mail address that already has an account is `user-exists`.',
    body: NewUserBody,
    answer: {
      status: 201,
      description: 'The user: `{ "id", "email", "role", "areaId"?, "status": "invited", "createdAt" }`.',
      schema: { type: 'object' },
    },
    errors: ['user-exists'],
  },
  disableUser: {
    summary: 'Stop someone from signing in (their account and history stay)',
    description:
      'Signing in again fails at once; a token already issued runs out within the hour. Nobody can disable themselves.',
    answer: data('The user, `status: "disabled"`.'),
  },
  enableUser: {
    summary: 'Let a disabled user sign in again',
    answer: data('The user, `status` `invited` or `active` as before.'),
  },

  putArea: {
    summary: 'Create or replace a local area',
    body: AreaBody,
    ifMatch: 'optional',
    answer: createOrReplace('The area'),
  },
  listAreas: { summary: 'All local areas', answer: page('Every area, in one page.') },
  getArea: { summary: 'One local area', answer: resource('The area.') },
  areaCalendar: {
    summary: 'The area’s calendar subscription URL',
    description:
      'Admin, or the area’s coordinator. The URL is a secret: anyone holding it can read the feed.',
    answer: data('`{ "url" }`: `…/calendar/<token>.ics`.'),
  },
  rotateAreaCalendar: {
    summary: 'Replace the area’s calendar token',
    description: 'The old URL answers 404 from now on.',
    answer: data('`{ "url" }` with the new token.'),
  },
  calendarFeed: {
    summary: 'An area’s due dates as an iCalendar feed',
    description:
      'No token: calendar clients cannot send one, so the secret in the path (`<token>.ics`) is ' +
      'the credential. Due dates of documents, completion reports and resubmissions, as all-day events.',
    answer: { status: 200, description: 'RFC 5545 calendar.', mediaType: 'text/calendar' },
  },

  surveyPage: {
    summary: 'The participant survey page (deltagarenkät)',
    description:
      'No token: the secret in the path is the link a coordinator hands the participants. Swedish ' +
      'HTML; before the round opens and after it closes the page says so (200). An unknown token is 404.',
    answer: { status: 200, description: 'The page.', mediaType: 'text/html' },
  },
  surveyResponse: {
    summary: 'Answer the participant survey',
    description:
      'Anonymous, while the round is open: `usesKnowledge` and `workImproved` in round 2 only. ' +
      'Sets a cookie on the link’s path: a second answer from the same browser is 409 ' +
      '`already-answered`. A closed or unknown link is 404; too many answers a minute on one link, ' +
      '429 with `Retry-After`.',
    body: SurveyResponseBody,
    answer: { status: 201, description: '`{ "status": "received" }`', schema: { type: 'object' } },
    errors: ['already-answered', 'too-many-requests'],
  },

  createApplication: {
    summary: 'Create a draft application',
    description:
      'A coordinator applies for their own area (from the token; another `areaId` is 403); an ' +
      'administrator names `areaId`. A draft may be incomplete: only its shape is checked here.',
    body: ApplicationBody,
    idempotencyKey: true,
    answer: resource('The new draft: `id`, `status: "draft"`, `version: 1`.', 201),
  },
  listApplications: {
    summary: 'Applications, newest first',
    description: 'Administrators see all; a coordinator only their own area (another `areaId` is 403).',
    query: ApplicationListQuery,
    answer: page('One page of applications.'),
  },
  getApplication: { summary: 'One application', answer: resource('The application.') },
  replaceApplication: {
    summary: 'Replace a draft (or returned) application',
    body: ApplicationBody,
    ifMatch: 'required',
    answer: resource('The application.'),
    errors: ['invalid-transition'],
  },
  submitApplication: {
    summary: 'Submit an application',
    description: 'Every rule is checked; `violations` lists each one that fails.',
    answer: resource(
      'The application, `status: "submitted"`; when its programme `requiresConfirmation`, `status: "awaiting-confirmation"` with `confirmations` (the area manager and each partner, each e-mailed a personal link valid 14 days).',
    ),
    errors: ['invalid-transition', 'rule-violation'],
  },
  confirmationPage: {
    summary: 'The confirmation page a personal link opens (no sign-in)',
    description:
      'The application read-only and the question to confirm it. A link that was used, expired (14 days), replaced by a new one, or never existed is one and the same 404.',
    answer: { status: 200, description: 'The page.', mediaType: 'text/html' },
  },
  answerConfirmation: {
    summary: 'A confirmer answers through their personal link',
    description:
      'All confirmed: the application becomes `submitted` (and is e-mailed as a submission is). One `declined` (with a `comment`): it is `returned` to the coordinator with the comment.',
    body: ConfirmationAnswerBody,
    answer: data('`{ "status" }`: the application\'s status after the answer.'),
  },
  resendConfirmation: {
    summary: 'Send a confirmer a new link; the one sent before stops working',
    description:
      '`role`: `areaManager` or a partner type. Only while the application awaits confirmation and that person has not answered.',
    answer: resource("The application with the confirmer's new `sentAt`."),
    errors: ['invalid-transition'],
  },
  decideApplication: {
    summary: 'Decide a submitted application',
    description:
      'An approval needs `grantedByYear` and is one transaction against the year budgets and the area cap.',
    body: DecisionBody,
    answer: resource('The application, approved, rejected or returned.'),
    errors: ['invalid-transition', 'rule-violation'],
  },
  completeApplication: {
    summary: 'Report an approved application as completed',
    description:
      'Adds the actual costs to the years’ disbursed amounts and re-anchors the follow-up obligations.',
    body: CompletionBody,
    answer: resource('The application, `status: "completed"`, with its obligations in `followUps`.'),
    errors: ['invalid-transition', 'rule-violation'],
  },
  declareUnderspend: {
    summary: 'Give back money an approved application will not use in a year',
    description:
      'The area’s coordinator or an administrator. In one transaction the application’s grant for ' +
      '`year` shrinks by `amount`, and so do the year’s and the area’s granted totals; the programme ' +
      'management is e-mailed. `amount` above what is granted for the year and not yet disbursed is ' +
      '`underspend-exceeds-grant`; a year that has ended is `year-closed`.',
    body: UnderspendBody,
    answer: resource(
      'The application with its smaller `grantedByYear` and the declaration in `underspends`.',
    ),
    errors: ['invalid-transition', 'rule-violation'],
  },
  applicationHistory: {
    summary: 'An application’s audit events',
    answer: data('`{ "items": [{ "at", "actor", "action", "version" }] }`, oldest first.'),
  },

  listFollowUps: {
    summary: 'Follow-up obligations, by due date',
    description: 'Administrators see all; a coordinator only their own area.',
    query: FollowUpListQuery,
    answer: page('One page of obligations.'),
  },
  getFollowUp: { summary: 'One follow-up obligation', answer: resource('The obligation.') },
  submitFollowUp: {
    summary: 'Hand in a follow-up document',
    body: FollowUpSubmissionBody,
    answer: resource('The obligation, `status: "submitted"`.'),
    errors: ['invalid-transition', 'rule-violation'],
  },
  uploadDocument: {
    summary: 'Ask to upload a document to an obligation',
    description: 'Answers a presigned S3 POST valid 15 minutes; at most 10 documents per obligation.',
    body: DocumentUploadBody,
    answer: {
      status: 201,
      description: '`{ "documentId", "upload": { "url", "fields" } }`.',
      schema: { type: 'object' },
    },
    errors: ['invalid-transition', 'rule-violation'],
  },
  downloadDocument: {
    summary: 'Download a document',
    answer: { status: 302, description: 'A redirect to a presigned GET valid 5 minutes.', location: true },
  },
  waiveFollowUp: {
    summary: 'Waive a follow-up obligation',
    body: FollowUpWaiverBody,
    answer: resource('The obligation, `status: "waived"`.'),
    errors: ['invalid-transition'],
  },
  overview: {
    summary: 'The start page: what waits for a decision, a review or a deferral answer, and what is late',
    answer: data(
      '`{ "awaitingDecision", "awaitingReview", "deferralRequests", "overdueFollowUps", "overdueCompletionReports", "upcoming"? }`, each `{ "count", "items" }` (at most 20 items, oldest first); a coordinator sees their own area, and `upcoming` (due in the next 60 days).',
    ),
  },
  reviewFollowUp: {
    summary: 'Accept what an area handed in, or return it with a comment and a date to hand in again',
    body: FollowUpReviewBody,
    answer: resource(
      'The obligation: `status: "accepted"`, or `"pending"` with `resubmitBy` (today + the programme\'s `resubmissionDays`) and a new round of reminders.',
    ),
    errors: ['invalid-transition'],
  },
  requestDeferral: {
    summary: "Ask to move a pending obligation's due date (the area's coordinator)",
    body: DeferralRequestBody,
    answer: resource('The obligation with its open `deferralRequest`; the programme management is e-mailed.'),
    errors: ['invalid-transition', 'rule-violation'],
  },
  decideDeferral: {
    summary: 'Approve or reject the open deferral request',
    body: DeferralDecisionBody,
    answer: resource(
      'The obligation; approved: `dueOn` moved (`originalDueOn` keeps the first) and a new round of reminders.',
    ),
    errors: ['invalid-transition'],
  },

  listEmailProblems: {
    summary: 'Addresses SES reported a bounce, complaint or reject for',
    answer: data('`{ "items": [{ "address", "problem", "bounceType"?, "lastEventAt", "count" }] }`.'),
  },

  runReport: {
    summary: 'Run a report',
    description: '`format: "csv"` answers one table (`table`) as semicolon-separated UTF-8 with a BOM.',
    body: ReportBody,
    answer: { status: 200, description: 'The report (JSON), or one of its tables as CSV (`text/csv`).' },
  },
  listReportRuns: {
    summary: 'Who ran which report when',
    query: ReportRunListQuery,
    answer: page('One page of report runs, newest first.'),
  },
  openapi: {
    summary: 'This document',
    answer: { status: 200, description: 'The OpenAPI 3.1 document of the API.', schema: { type: 'object' } },
  },
};

/** The body schemas by the name the document gives them (`#/components/schemas/<name>`). */
export const namedSchemas: Record<string, z.core.$ZodType> = {
  ProgrammeBody,
  AreaBody,
  ApplicationBody,
  DecisionBody,
  CompletionBody,
  FollowUpSubmissionBody,
  FollowUpWaiverBody,
  DocumentUploadBody,
  ReportBody,
};

/** Path parameters by name: what each one names. */
export const pathParameterDocs: Record<string, string> = {
  programmeId: 'The programme’s id (`kur2`).',
  areaId: 'The local area’s id (`karlstad`).',
  id: 'The id (a UUID the API minted); any other value is a 404.',
  documentId: 'The document’s id (a UUID); any other value is a 404.',
  file: '`<token>.ics`: the calendar token from `GET /areas/{areaId}/calendar`.',
};

/** Query parameters shared by the list routes. */
export const queryParameterDocs: Record<string, string> = {
  limit: 'Items per page: 1–100, default 50.',
  nextToken:
    'The `nextToken` of the previous page, unchanged; one minted for another caller or query is a 400.',
  programmeId: 'Only this programme.',
  areaId: 'Only this area (a coordinator: their own).',
  status: 'Only this status.',
  dueBefore: 'Only obligations due before this day (`YYYY-MM-DD`).',
};
