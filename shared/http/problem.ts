import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  DomainError,
  RequestInProgress,
  RetryLater,
  RuleViolation,
  TooManyRequests,
  ValidationFailed,
} from '../domain/errors.ts';

const PROBLEM_BASE = 'https://kur.example.se/problems/';

/** The one place that turns an error into an RFC 9457 problem document. */
export const problemResponse = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  if (!(error instanceof DomainError)) {
    // Never echo internals (messages, stacks, SDK error names) to a client.
    return problem(500, 'internal', 'Internal error', 'Något gick fel hos oss. Försök igen om en stund.');
  }
  const extra: Record<string, unknown> = {};
  if (error instanceof ValidationFailed) extra.errors = error.errors;
  if (error instanceof RuleViolation) extra.violations = error.violations;
  const headers: Record<string, string> = {};
  if (error instanceof RetryLater || error instanceof RequestInProgress || error instanceof TooManyRequests) {
    headers['retry-after'] = String(error.retryAfterSeconds);
  }
  return problem(error.status, error.code, error.title, error.message, extra, headers);
};

export const problem = (
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  body: JSON.stringify({ type: `${PROBLEM_BASE}${code}`, title, status, detail, code, ...extra }),
});
