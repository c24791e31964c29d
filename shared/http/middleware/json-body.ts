import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type * as z from 'zod';
import { PayloadTooLarge, UnsupportedMediaType, ValidationFailed } from '../../domain/errors.ts';
import type { HttpContext } from '../request.ts';
import { fieldErrors } from '../validation.ts';

export const MAX_BODY_BYTES = 256 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON.parse that refuses keys which could reach an object prototype when merged or stored. */
export const parseJsonSafely = (text: string): unknown =>
  JSON.parse(text, (key, value) => {
    if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`Nyckeln "${key}" är inte tillåten`);
    return value;
  });

const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType.trim());

/**
 * Reads the body: size limit (413), media type (415), JSON syntax (400), then the route's schema
 * (400 listing every field problem). Routes without a schema accept only an empty body or `{}`.
 */
export const jsonBody = (
  schema: z.ZodType | undefined,
): middy.MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, unknown, Error, HttpContext> => ({
  before: (request) => {
    const { event } = request;
    const raw = event.body ?? '';
    const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
    if (bytes.byteLength > MAX_BODY_BYTES) {
      throw new PayloadTooLarge(`Innehållet får vara högst ${MAX_BODY_BYTES / 1024} KiB.`);
    }
    const text = bytes.toString('utf8');
    const hasBody = text.trim().length > 0;
    if (!hasBody) {
      request.context.parsedBody = parse(schema, undefined);
      return;
    }
    if (!isJson(event.headers?.['content-type'])) {
      throw new UnsupportedMediaType('Skicka innehållet som application/json.');
    }
    let value: unknown;
    try {
      value = parseJsonSafely(text);
    } catch (error) {
      throw new ValidationFailed(
        [
          {
            path: '',
            message: `Ogiltig JSON: ${error instanceof SyntaxError ? error.message : 'kan inte läsas'}`,
          },
        ],
        'Innehållet är inte giltig JSON.',
      );
    }
    request.context.parsedBody = parse(schema, value);
  },
});

const parse = (schema: z.ZodType | undefined, value: unknown): unknown => {
  if (!schema) {
    const empty = value === undefined || (isPlainObject(value) && Object.keys(value).length === 0);
    if (!empty) throw new ValidationFailed([{ path: '', message: 'Den här åtgärden tar inget innehåll' }]);
    return undefined;
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error));
  return result.data;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
