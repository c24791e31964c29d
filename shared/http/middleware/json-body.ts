import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod/mini';
import { PayloadTooLarge, UnsupportedMediaType, ValidationFailed } from '../../domain/errors.ts';
import { damagedText, decodeUtf8 } from '../body-text.ts';
import type { HttpContext } from '../request.ts';
import { fieldErrors } from '../validation.ts';

export const MAX_BODY_BYTES = 256 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A key refused because it could reach an object prototype; its message is for the client. */
class ForbiddenKey extends SyntaxError {}

/** JSON.parse that refuses keys which could reach an object prototype when merged or stored. */
export const parseJsonSafely = (text: string): unknown =>
  JSON.parse(text, (key, value) => {
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(`nyckeln ”${key}” är inte tillåten.`);
    return value;
  });

/**
 * Where the JSON went wrong, in Swedish. The runtime's own message is English and changes between
 * Node versions, so only its position is kept ("… (line 1 column 21)" or "… at position 20").
 */
const whyNotJson = (error: unknown, text: string): string => {
  if (error instanceof ForbiddenKey) return error.message;
  const message = error instanceof Error ? error.message : '';
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (/end of (JSON )?input|Unterminated/i.test(message) || position >= text.trimEnd().length)
    return 'texten tar slut innan JSON-värdet är klart.';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `fel på rad ${lineColumn[1]}, tecken ${lineColumn[2]}.`;
  if (Number.isInteger(position)) return `fel vid tecken ${position + 1}.`;
  return 'texten går inte att läsa som JSON.';
};

const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType.trim());

const tooLarge = () => new PayloadTooLarge(`Innehållet får vara högst ${MAX_BODY_BYTES / 1024} KiB.`);

/**
 * The body's text, or undefined when its bytes are not UTF-8. API Gateway hands over a body it
 * reads as text as a string, and any other (binary, or not valid UTF-8) base64-encoded.
 */
const bodyText = (event: APIGatewayProxyEventV2WithJWTAuthorizer): string | undefined => {
  const raw = event.body ?? '';
  if (!event.isBase64Encoded) {
    if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw tooLarge();
    return raw;
  }
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  return decodeUtf8(bytes);
};

/**
 * Reads the body: size limit (413), media type (415), UTF-8 (400), JSON syntax (400), text no
 * UTF-8 can carry (400), then the route's schema (400 listing every field problem). Routes without
 * a schema accept only an empty body or `{}`. Each refusal comes before anything is stored.
 */
export const jsonBody = (
  schema: z.core.$ZodType | undefined,
): middy.MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, unknown, Error, HttpContext> => ({
  before: (request) => {
    const { event } = request;
    const text = bodyText(event);
    if (text !== undefined && text.trim().length === 0) {
      request.context.parsedBody = parse(schema, undefined);
      return;
    }
    if (!isJson(event.headers?.['content-type'])) {
      throw new UnsupportedMediaType('Skicka innehållet som application/json.');
    }
    if (text === undefined) {
      throw new ValidationFailed(
        [{ path: '', message: 'Innehållet har byte som inte är UTF-8' }],
        'Innehållet är inte giltig UTF-8. Skicka texten som UTF-8.',
      );
    }
    let value: unknown;
    try {
      value = parseJsonSafely(text);
    } catch (error) {
      throw new ValidationFailed(
        [{ path: '', message: `Ogiltig JSON: ${whyNotJson(error, text)}` }],
        'Innehållet är inte giltig JSON.',
      );
    }
    const damaged = damagedText(value);
    if (damaged.length > 0) {
      throw new ValidationFailed(damaged, 'Innehållet har tecken som inte går att läsa (ogiltig UTF-8).');
    }
    request.context.parsedBody = parse(schema, value);
  },
});

const parse = (schema: z.core.$ZodType | undefined, value: unknown): unknown => {
  if (!schema) {
    const empty = value === undefined || (isPlainObject(value) && Object.keys(value).length === 0);
    if (!empty) throw new ValidationFailed([{ path: '', message: 'Den här åtgärden tar inget innehåll' }]);
    return undefined;
  }
  const result = z.safeParse(schema, value);
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error));
  return result.data;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
