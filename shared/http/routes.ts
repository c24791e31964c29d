import type { Role } from '../domain/roles.ts';

/**
 * The one route table. CDK builds the HTTP API and one function per route from it, and the local
 * gateway dispatches with it, so the deployed and the local API cannot disagree. Handlers take
 * their allowed roles from here as well.
 */

/** DynamoDB actions a function may use on the table and its indexes (least privilege). */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

/** Secrets a function may read (Secrets Manager `GetSecretValue`); the stack creates each one. */
export type SecretName = 'pageTokens';

/**
 * S3 actions a function may use on the documents bucket's objects. A presigned URL is signed with
 * the function's own role, so the role needs the action it presigns: `s3:PutObject` to presign
 * uploads, `s3:GetObject` to presign downloads and for HeadObject; `s3:ListBucket` (on the bucket)
 * makes HeadObject answer a missing key with 404 rather than 403.
 */
export type BucketAction = 's3:PutObject' | 's3:GetObject' | 's3:ListBucket';

/** Actions a function may use on the user pool (Cognito deployed, its emulator locally). */
export type DirectoryAction =
  | 'cognito-idp:AdminCreateUser'
  | 'cognito-idp:AdminAddUserToGroup'
  | 'cognito-idp:AdminDeleteUser'
  | 'cognito-idp:ListUsersInGroup'
  | 'cognito-idp:AdminDisableUser'
  | 'cognito-idp:AdminEnableUser'
  | 'cognito-idp:AdminGetUser'
  | 'cognito-idp:AdminListGroupsForUser';

export interface RouteSpec {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** API Gateway path syntax: `/programmes/{programmeId}`. */
  path: string;
  /** Entry point below functions/, without extension; it exports `handler`. */
  fn: string;
  /** Who may call it; `public` routes skip the JWT authorizer. */
  access: 'public' | readonly Role[];
  table: readonly TableAction[];
  /** Secrets its function reads: `pageTokens` for routes that answer pages with a `nextToken`. */
  secrets?: readonly SecretName[];
  /** What its function may do in the documents bucket (and so presign); absent: nothing. */
  bucket?: readonly BucketAction[];
  /** What its function may do in the user pool; absent: nothing. */
  directory?: readonly DirectoryAction[];
}

const READ: readonly TableAction[] = ['dynamodb:GetItem', 'dynamodb:Query'];
const ANY_ROLE = ['admin', 'coordinator'] as const;
/** What a route that answers pages with a `nextToken` reads: the key that signs the tokens. */
const PAGED: readonly SecretName[] = ['pageTokens'];

export const routes = {
  health: { method: 'GET', path: '/health', fn: 'health/get', access: 'public', table: [] },
  form: { method: 'GET', path: '/', fn: 'form/get', access: 'public', table: [] },
  /** The accessibility statement and the icon: static, one function for both (form/static). */
  accessibilityStatement: {
    method: 'GET',
    path: '/tillganglighet',
    fn: 'form/static',
    access: 'public',
    table: [],
  },
  favicon: { method: 'GET', path: '/favicon.ico', fn: 'form/static', access: 'public', table: [] },
  /** The OpenAPI 3.1 document, built from this table and the schemas (shared/openapi/). */
  openapi: { method: 'GET', path: '/openapi.json', fn: 'openapi/get', access: 'public', table: [] },

  putProgramme: {
    method: 'PUT',
    path: '/programmes/{programmeId}',
    fn: 'programmes/put',
    access: ['admin'],
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  },
  listProgrammes: {
    method: 'GET',
    path: '/programmes',
    fn: 'programmes/list',
    access: ANY_ROLE,
    table: READ,
  },
  getProgramme: {
    method: 'GET',
    path: '/programmes/{programmeId}',
    fn: 'programmes/get',
    access: ANY_ROLE,
    table: READ,
  },

  putArea: {
    method: 'PUT',
    path: '/areas/{areaId}',
    fn: 'areas/put',
    access: ['admin'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  listAreas: { method: 'GET', path: '/areas', fn: 'areas/list', access: ANY_ROLE, table: READ },
  getArea: { method: 'GET', path: '/areas/{areaId}', fn: 'areas/get', access: ANY_ROLE, table: READ },
  areaCalendar: {
    method: 'GET',
    path: '/areas/{areaId}/calendar',
    fn: 'areas/calendar',
    access: ANY_ROLE,
    // GetItem: the area and its calendar token; the first call writes the token (a transaction of
    // Puts); the page-token secret derives the key that seals the token the area's item keeps.
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    secrets: ['pageTokens'],
  },
  rotateAreaCalendar: {
    method: 'POST',
    path: '/areas/{areaId}/calendar/rotate',
    fn: 'areas/calendar-rotate',
    access: ANY_ROLE,
    // The new token's Puts and the old lookup item's Delete, in one transaction.
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    secrets: ['pageTokens'],
  },
  /**
   * The feed calendar clients subscribe to: no JWT (they cannot send one), the secret token in the
   * path. API Gateway takes a path variable only as a whole segment, so `{file}` is `<token>.ics`.
   * Anonymous, so it only reads: one GetItem for the token, one Query each for the area's items.
   */
  calendarFeed: {
    method: 'GET',
    path: '/calendar/{file}',
    fn: 'calendar/feed',
    access: 'public',
    table: READ,
  },

  /**
   * The participant survey (issue 14): anonymous, the secret token in the path is the link. The
   * page reads the token's lookup item, the obligation, its programme and area (GetItem only).
   */
  surveyPage: {
    method: 'GET',
    path: '/s/{token}',
    fn: 'surveys/page',
    access: 'public',
    table: ['dynamodb:GetItem'],
  },
  /**
   * An answer: the per-minute counter (UpdateItem), then one transaction — the response (PutItem),
   * its count on the link (UpdateItem) and a check that the round has not moved (ConditionCheckItem).
   */
  surveyResponse: {
    method: 'POST',
    path: '/s/{token}/responses',
    fn: 'surveys/respond',
    access: 'public',
    table: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  },

  createApplication: {
    method: 'POST',
    path: '/applications',
    fn: 'applications/create',
    access: ANY_ROLE,
    // DeleteItem: Powertools removes the idempotency record of a request that failed.
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
  listApplications: {
    method: 'GET',
    path: '/applications',
    fn: 'applications/list',
    access: ANY_ROLE,
    table: READ,
    secrets: PAGED,
  },
  getApplication: {
    method: 'GET',
    path: '/applications/{id}',
    fn: 'applications/get',
    access: ANY_ROLE,
    table: READ,
  },
  replaceApplication: {
    method: 'PUT',
    path: '/applications/{id}',
    fn: 'applications/replace',
    access: ['coordinator'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  submitApplication: {
    method: 'POST',
    path: '/applications/{id}/submit',
    fn: 'applications/submit',
    access: ['coordinator'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  /** Anchoring (programme `requiresConfirmation`): a confirmer's personal link, no sign-in. */
  confirmationPage: {
    method: 'GET',
    path: '/c/{token}',
    fn: 'confirmations/page',
    access: 'public',
    // GetItem: the link, the application and its area.
    table: ['dynamodb:GetItem'],
  },
  answerConfirmation: {
    method: 'POST',
    path: '/c/{token}',
    fn: 'confirmations/answer',
    access: 'public',
    table: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  resendConfirmation: {
    method: 'POST',
    path: '/applications/{id}/confirmations/{role}/resend',
    fn: 'confirmations/resend',
    access: ['coordinator'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  },
  decideApplication: {
    method: 'POST',
    path: '/applications/{id}/decision',
    fn: 'applications/decide',
    access: ['admin'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  },
  completeApplication: {
    method: 'POST',
    path: '/applications/{id}/completion',
    fn: 'applications/complete',
    access: ['coordinator'],
    // Query: the application's obligations, which it moves (PutItem); UpdateItem: the year
    // counters and the completion reminder it closes.
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  declareUnderspend: {
    method: 'POST',
    path: '/applications/{id}/underspend',
    fn: 'applications/underspend',
    access: ANY_ROLE,
    // UpdateItem: the year's and the area's granted totals fall with the application's Put.
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  applicationHistory: {
    method: 'GET',
    path: '/applications/{id}/history',
    fn: 'applications/history',
    access: ANY_ROLE,
    table: READ,
  },

  listFollowUps: {
    method: 'GET',
    path: '/follow-ups',
    fn: 'follow-ups/list',
    access: ANY_ROLE,
    table: READ,
    secrets: PAGED,
  },
  getFollowUp: {
    method: 'GET',
    path: '/follow-ups/{id}',
    fn: 'follow-ups/get',
    access: ANY_ROLE,
    // GetItem: the obligation; Query: its documents. A surveyed round's link is made on first
    // sight (PutItem, a transaction of two), its token sealed with a key from the page-token secret.
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
    secrets: ['pageTokens'],
  },
  submitFollowUp: {
    method: 'POST',
    path: '/follow-ups/{id}/submission',
    fn: 'follow-ups/submit',
    access: ['coordinator'],
    // Query: the documents its answer lists.
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    // The documents it names must be in the bucket (HeadObject; ListBucket makes a missing one a 404).
    bucket: ['s3:GetObject', 's3:ListBucket'],
  },
  uploadDocument: {
    method: 'POST',
    path: '/follow-ups/{id}/documents',
    fn: 'follow-ups/documents-upload',
    access: ['coordinator'],
    // GetItem: the obligation; the transaction: the obligation still pending, the capped counter, the document.
    table: ['dynamodb:GetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
    bucket: ['s3:PutObject'],
  },
  downloadDocument: {
    method: 'GET',
    path: '/follow-ups/{id}/documents/{documentId}',
    fn: 'follow-ups/documents-download',
    access: ANY_ROLE,
    table: ['dynamodb:GetItem'],
    bucket: ['s3:GetObject'],
  },
  waiveFollowUp: {
    method: 'POST',
    path: '/follow-ups/{id}/waiver',
    fn: 'follow-ups/waive',
    access: ['admin'],
    // Query: the documents its answer lists.
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  overview: {
    method: 'GET',
    path: '/overview',
    fn: 'overview/get',
    access: ANY_ROLE,
    // Query: each list of the start page is one key range.
    table: ['dynamodb:Query'],
  },
  reviewFollowUp: {
    method: 'POST',
    path: '/follow-ups/{id}/review',
    fn: 'follow-ups/review',
    access: ['admin'],
    // GetItem: the obligation, its application, programme and area; Query: its documents;
    // UpdateItem + PutItem: the obligation with its history event and e-mail, one transaction.
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  requestDeferral: {
    method: 'POST',
    path: '/follow-ups/{id}/deferral-request',
    fn: 'follow-ups/deferral-request',
    access: ['coordinator'],
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  decideDeferral: {
    method: 'POST',
    path: '/follow-ups/{id}/deferral',
    fn: 'follow-ups/deferral',
    access: ['admin'],
    // DeleteItem: the answered request's own item (the overview's list of open requests).
    table: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ],
  },

  listEmailProblems: {
    method: 'GET',
    path: '/email-problems',
    fn: 'email-problems/list',
    access: ['admin'],
    table: ['dynamodb:Query'],
  },

  runReport: {
    method: 'POST',
    path: '/reports',
    fn: 'reports/run',
    access: ['admin'],
    // Query: areas, the report index, a programme's follow-ups; GetItem: the programme;
    // BatchGetItem: the year counters and application titles; PutItem: the audit of the run.
    table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
  },
  listReportRuns: {
    method: 'GET',
    path: '/reports/runs',
    fn: 'reports/runs',
    access: ['admin'],
    table: ['dynamodb:Query'],
    secrets: PAGED,
  },

  programmeBudget: {
    method: 'GET',
    path: '/programmes/{programmeId}/budget',
    fn: 'programmes/budget',
    access: ['admin'],
    // GetItem: the programme; BatchGetItem: its year counters.
    table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
  },
  areaTotals: {
    method: 'GET',
    path: '/programmes/{programmeId}/areas/{areaId}/totals',
    fn: 'programmes/area-totals',
    access: ANY_ROLE,
    // GetItem: the programme, the area and the area's granted counter.
    table: ['dynamodb:GetItem'],
  },

  listUsers: {
    method: 'GET',
    path: '/users',
    fn: 'users/list',
    access: ['admin'],
    table: [],
    directory: ['cognito-idp:ListUsersInGroup'],
  },
  inviteUser: {
    method: 'POST',
    path: '/users',
    fn: 'users/invite',
    access: ['admin'],
    // GetItem: a coordinator's area must exist.
    table: ['dynamodb:GetItem'],
    // AdminDeleteUser: takes the account back when it could not be put in its group.
    directory: [
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminDeleteUser',
    ],
  },
  disableUser: {
    method: 'POST',
    path: '/users/{id}/disable',
    fn: 'users/disable',
    access: ['admin'],
    table: [],
    directory: [
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
    ],
  },
  enableUser: {
    method: 'POST',
    path: '/users/{id}/enable',
    fn: 'users/enable',
    access: ['admin'],
    table: [],
    directory: [
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminListGroupsForUser',
    ],
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

export const routeList: readonly (RouteSpec & { name: RouteName })[] = Object.entries(routes).map(
  ([name, spec]) => ({ name: name as RouteName, ...spec }),
);
