import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ValidationFailed } from '../domain/errors.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': JSON_TYPE, ...headers },
  body: JSON.stringify(body),
});

/** A versioned resource, answered with its version as a strong ETag. */
export const resource = (
  statusCode: number,
  body: { version: number },
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => json(statusCode, body, { etag: `"${body.version}"`, ...headers });

/**
 * The version an `If-Match` header names: the bare number `3`, the tag `"3"` (or its weak form).
 * Undefined when the header is absent; anything else is a 400.
 */
export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match?.[1]) {
    throw new ValidationFailed([{ path: 'If-Match', message: 'Ange versionen som ett tal, t.ex. "3"' }]);
  }
  return Number(match[1]);
};
