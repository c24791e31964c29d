/**
 * Typed errors of the domain and the HTTP edge. Each maps to exactly one problem+json answer in
 * shared/http/problem.ts; nothing else in the code base builds error responses. A problem's
 * `title` names its type for developers (English, as documented); its `detail` is what a user may
 * read, so every default detail is Swedish.
 */
export interface FieldError {
  path: string;
  message: string;
}

export interface Violation {
  rule: RuleName;
  message: string;
  /** The body fields concerned (`budget.2.category`), so a form can show the message beside them. */
  paths?: string[];
}

export const RULE_NAMES = [
  'missing-partner',
  'ineligible-cost',
  'area-cap-exceeded',
  'budget-exceeded',
  'grant-exceeds-request',
  'year-outside-programme',
  'year-closed',
  'activity-type-not-offered',
  'management-anchoring-missing',
  'cost-exceeds-grant',
  'future-date',
  'end-before-start',
  // Added to the contract's list: a submitted application must be complete (drafts need not be).
  'incomplete',
  // The follow-up cycle: at most 10 documents per obligation; a submission names only uploaded ones.
  'too-many-documents',
  'document-missing',
  // A deferral asks for a later due date than the one that stands.
  'deferral-not-later',
  // A declared underspend gives back at most what is granted for the year and not yet disbursed.
  'underspend-exceeds-grant',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
}

export class ValidationFailed extends DomainError {
  readonly status = 400;
  readonly code = 'validation-failed';
  readonly title = 'The request is not valid';
  constructor(
    readonly errors: FieldError[],
    detail = 'Några uppgifter saknas, är felskrivna eller okända. Se listan över fel.',
  ) {
    super(detail);
  }
}

export class Unauthorized extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Sign-in required';
  constructor(detail = 'Logga in för att fortsätta.') {
    super(detail);
  }
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly title = 'Not allowed';
  constructor(detail = 'Din roll får inte göra detta.') {
    super(detail);
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly code = 'not-found';
  readonly title = 'Not found';
  constructor(detail = 'Uppgiften finns inte.') {
    super(detail);
  }
}

export class InvalidTransition extends DomainError {
  readonly status = 409;
  readonly code = 'invalid-transition';
  readonly title = 'Not possible in the current status';
}

export class RequestInProgress extends DomainError {
  readonly status = 409;
  readonly code = 'request-in-progress';
  readonly title = 'The first request with this Idempotency-Key is still running';
  readonly retryAfterSeconds = 1;
}

export class StaleVersion extends DomainError {
  readonly status = 412;
  readonly code = 'precondition-failed';
  readonly title = 'Someone else changed this resource';
  constructor(detail = 'Någon annan har ändrat detta sedan du hämtade det. Ladda om och försök igen.') {
    super(detail);
  }
}

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly code = 'payload-too-large';
  readonly title = 'The request body is too large';
}

export class UnsupportedMediaType extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported-media-type';
  readonly title = 'The request body must be application/json';
}

export class RuleViolation extends DomainError {
  readonly status = 422;
  readonly code = 'rule-violation';
  readonly title = 'The request breaks one or more rules of the programme';
  constructor(readonly violations: Violation[]) {
    super(violations.map((v) => v.message).join(' '));
  }
}

export class IdempotencyKeyReused extends DomainError {
  readonly status = 422;
  readonly code = 'idempotency-key-reused';
  readonly title = 'The Idempotency-Key was used with another request body';
}

export class PreconditionRequired extends DomainError {
  readonly status = 428;
  readonly code = 'precondition-required';
  readonly title = 'If-Match is required';
  constructor(detail = 'Skicka If-Match med den version du senast hämtade.') {
    super(detail);
  }
}

export class RetryLater extends DomainError {
  readonly status = 503;
  readonly code = 'retry-later';
  readonly title = 'Too many concurrent changes; try again shortly';
  readonly retryAfterSeconds = 1;
}

/** Someone already has an account with this e-mail address (POST /users). */
export class UserExists extends DomainError {
  readonly status = 409;
  readonly code = 'user-exists';
  readonly title = 'The user already exists';
  constructor(detail = 'Det finns redan ett konto med den e-postadressen.') {
    super(detail);
  }
}

/** The same browser answering a survey round a second time (its cookie says it answered). */
export class AlreadyAnswered extends DomainError {
  readonly status = 409;
  readonly code = 'already-answered';
  readonly title = 'This browser has already answered';
  constructor(detail = 'Du har redan svarat på enkäten från den här webbläsaren. Tack för ditt svar!') {
    super(detail);
  }
}

/** A public link asked too often in a short time (the survey's per-link limit). */
export class TooManyRequests extends DomainError {
  readonly status = 429;
  readonly code = 'too-many-requests';
  readonly title = 'Too many requests';
  constructor(
    readonly retryAfterSeconds: number,
    detail = 'Många svarar just nu. Vänta en minut och skicka igen.',
  ) {
    super(detail);
  }
}
