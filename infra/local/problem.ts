import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Problem documents the local gateway answers by itself (same shape as shared/http/problem.ts). */
const PROBLEM_BASE = 'https://kur.example.se/problems/';

export interface FieldError {
  path: string;
  message: string;
}

export const problem = (
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: { errors?: FieldError[] } = {},
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  body: JSON.stringify({ type: `${PROBLEM_BASE}${code}`, title, status, detail, code, ...extra }),
});

export const json = (
  statusCode: number,
  value: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

export const validationFailed = (errors: FieldError[]): APIGatewayProxyStructuredResultV2 =>
  problem(
    400,
    'validation-failed',
    'The request is not valid',
    'The request has fields that are missing, malformed or unknown.',
    { errors },
  );
