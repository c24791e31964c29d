import type { FieldError, Violation } from './errors.ts';
import type { FollowUpKind } from './programme.ts';

/**
 * The API's answers that are not a stored entity (an application, a programme and an area answer
 * as their domain types), named once: the server builds them, the browser form reads them (API.md
 * gives their shape).
 */

/** A list route's answer: `nextToken` only when more items follow. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** `GET /programmes/{id}/budget`, per year: what is granted and disbursed, and what remains to grant. */
export interface YearBudget {
  year: number;
  appropriation: number;
  granted: number;
  disbursed: number;
  remaining: number;
}

export interface ProgrammeBudget {
  programmeId: string;
  items: YearBudget[];
}

/** `GET /programmes/{id}/areas/{areaId}/totals`: what the area has been granted and what remains under the cap. */
export interface AreaTotals {
  programmeId: string;
  areaId: string;
  granted: number;
  maxGrantPerArea: number;
  remaining: number;
}

/** `GET /reports/runs`: who ran which report when. */
export interface ReportRun {
  id: string;
  at: string;
  actor: string;
  type: string;
  programmeId: string;
  asOf: string;
  format: 'json' | 'csv';
  table?: string;
}

/** Every error answer: an RFC 9457 problem document with the API's `code` (API.md "Conventions"). */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  violations?: Violation[];
}

/** `GET /overview`: one list of the start page — how many, and the oldest (at most 20). */
export interface OverviewSection<T> {
  count: number;
  items: T[];
}

export interface OverviewApplication {
  id: string;
  title?: string;
  programmeId: string;
  areaId: string;
  status: string;
  submittedAt?: string;
  createdAt: string;
}

export interface OverviewFollowUp {
  /** Where the list is of late obligations. */
  daysLate?: number;
  id: string;
  applicationId: string;
  applicationTitle?: string;
  programmeId: string;
  areaId: string;
  kind: FollowUpKind;
  dueOn: string;
  status: string;
  resubmitBy?: string;
}

export interface OverviewDeferralRequest {
  followUpId: string;
  applicationId: string;
  applicationTitle?: string;
  areaId: string;
  kind: FollowUpKind;
  dueOn: string;
  requestedDueOn: string;
  requestedOn: string;
}

export interface OverviewCompletion {
  /** Where the list is of late reports. */
  daysLate?: number;
  applicationId: string;
  applicationTitle?: string;
  programmeId: string;
  areaId: string;
  dueOn: string;
}

export type OverviewUpcoming =
  | ({ type: 'followUp' } & OverviewFollowUp)
  | ({ type: 'completionReport' } & OverviewCompletion);

/** `GET /overview`: head office's start page, or an area's (with `upcoming`). */
export interface Overview {
  awaitingDecision: OverviewSection<OverviewApplication>;
  awaitingReview: OverviewSection<OverviewFollowUp>;
  deferralRequests: OverviewSection<OverviewDeferralRequest>;
  overdueFollowUps: OverviewSection<OverviewFollowUp>;
  overdueCompletionReports: OverviewSection<OverviewCompletion>;
  /** Sent in, waiting for the area manager and the partners to confirm (programme `requiresConfirmation`). */
  awaitingConfirmation: OverviewSection<OverviewApplication>;
  upcoming?: OverviewSection<OverviewUpcoming>;
}
