import { RULE_NAMES } from '../domain/errors.ts';
import type { JsonSchema } from './route-docs.ts';

/**
 * Every `code` a problem document can carry, with its status and when it is answered. The codes
 * are those of the typed errors in shared/domain/errors.ts (and `internal`, problem.ts's answer
 * to anything else); the OpenAPI test checks that the two lists agree.
 */
export const PROBLEMS = {
  'validation-failed': {
    status: 400,
    when: 'malformed JSON, wrong types, unknown fields or parameters (`errors` lists each)',
  },
  unauthorized: { status: 401, when: 'no token, a bad signature, an expired token, or not an ID token' },
  forbidden: { status: 403, when: 'the role may not do this, or a coordinator acts for another area' },
  'not-found': { status: 404, when: 'no such resource, or it belongs to another area' },
  'invalid-transition': { status: 409, when: 'the action does not fit the current status' },
  'user-exists': { status: 409, when: 'an account with this e-mail address exists already' },
  'request-in-progress': {
    status: 409,
    when: 'the first request with this Idempotency-Key is still running (`Retry-After`)',
  },
  'already-answered': {
    status: 409,
    when: 'a survey answered a second time from the same browser (its cookie)',
  },
  'precondition-failed': { status: 412, when: 'the `If-Match` version is not the current one' },
  'payload-too-large': { status: 413, when: 'a body over 256 KiB' },
  'unsupported-media-type': { status: 415, when: 'a body that is not `application/json`' },
  'rule-violation': { status: 422, when: 'a rule of the programme fails (`violations` lists every one)' },
  'idempotency-key-reused': { status: 422, when: 'an Idempotency-Key reused with another body' },
  'precondition-required': { status: 428, when: '`If-Match` is missing where it is required' },
  'too-many-requests': {
    status: 429,
    when: 'a public link asked too often in a short time (`Retry-After`)',
  },
  'retry-later': { status: 503, when: 'write conflicts outlasted the retries (`Retry-After`)' },
  internal: { status: 500, when: 'an unexpected error; nothing internal is echoed' },
} as const satisfies Record<string, { status: number; when: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** The RFC 9457 problem document every error answers, as JSON Schema. */
export const problemSchemas: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description: 'An RFC 9457 problem document (`application/problem+json`).',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', description: 'Names the problem; ends with `code`.' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string', description: 'In Swedish, for the user.' },
      code: { type: 'string', enum: Object.keys(PROBLEMS) },
      errors: {
        type: 'array',
        description: 'With `validation-failed`: every field problem.',
        items: { $ref: '#/components/schemas/FieldError' },
      },
      violations: {
        type: 'array',
        description: 'With `rule-violation`: every rule that fails.',
        items: { $ref: '#/components/schemas/Violation' },
      },
    },
  },
  FieldError: {
    type: 'object',
    required: ['path', 'message'],
    properties: {
      path: {
        type: 'string',
        description: 'The field, dotted (`budget.2.amount`); a parameter by its name.',
      },
      message: { type: 'string', description: 'In Swedish, shown beside the field.' },
    },
  },
  Violation: {
    type: 'object',
    required: ['rule', 'message'],
    properties: {
      rule: { type: 'string', enum: [...RULE_NAMES] },
      message: { type: 'string', description: 'In Swedish.' },
      paths: { type: 'array', items: { type: 'string' }, description: 'The body fields concerned.' },
    },
  },
};
