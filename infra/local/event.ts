import { isUtf8 } from 'node:buffer';
import { randomFillSync, randomUUID } from 'node:crypto';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

/**
 * API Gateway HTTP API, payload format 2.0, as a pure function: request in, Lambda event out; and
 * the function's result back into an HTTP answer the way API Gateway reads it.
 */

export interface RequestInput {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  url: string;
  /** Every header with all its values (node's `headersDistinct`). */
  headers: Record<string, string[] | undefined>;
  body: Buffer;
  /** `PUT /programmes/{programmeId}`, or `$default`. */
  routeKey: string;
  pathParameters?: Record<string, string>;
  sourceIp: string;
  protocol?: string;
  /** Only for routes behind the JWT authorizer. */
  authorizer?: APIGatewayEventRequestContextJWTAuthorizer['jwt'];
  /** When the gateway received the request (real time, like API Gateway's). */
  receivedAt?: Date;
  requestId?: string;
  port?: number;
}

/** Content types API Gateway hands over as text; any other body arrives base64-encoded. */
export const isTextContentType = (contentType: string | undefined): boolean => {
  if (!contentType) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    /^application\/([\w.+-]+\+)?(json|xml)$/.test(type) ||
    type === 'application/javascript' ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/graphql'
  );
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export const apiGatewayTime = (d: Date): string =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} +0000`;

/**
 * Random bytes as text, cut from a pool filled 4 KiB at a time: a randomBytes call of its own
 * costs ~10 µs, as much as the rest of an event together, and every request takes two.
 */
const randomPool = Buffer.alloc(4096);
let randomPoolAt = randomPool.length;
const randomText = (bytes: number, encoding: 'base64' | 'hex'): string => {
  if (randomPoolAt + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomPoolAt = 0;
  }
  randomPoolAt += bytes;
  return randomPool.toString(encoding, randomPoolAt - bytes, randomPoolAt);
};

export const newRequestId = (): string => randomText(10, 'base64');

/** Duplicate values joined with commas; lists that are empty are left out, like API Gateway does. */
const joinValues = (entries: Iterable<[string, string]>): Record<string, string> | undefined => {
  const joined: Record<string, string> = {};
  let any = false;
  for (const [name, value] of entries) {
    joined[name] = name in joined ? `${joined[name]},${value}` : value;
    any = true;
  }
  return any ? joined : undefined;
};

export const buildEvent = (input: RequestInput): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const receivedAt = input.receivedAt ?? new Date();
  const requestId = input.requestId ?? newRequestId();
  const queryAt = input.url.indexOf('?');
  const rawPath = queryAt === -1 ? input.url : input.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : input.url.slice(queryAt + 1);

  const headerPairs: [string, string][] = [];
  const cookies: string[] = [];
  for (const [name, values] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    for (const value of values ?? []) {
      if (lower === 'cookie') {
        cookies.push(
          ...value
            .split(';')
            .map((c) => c.trim())
            .filter((c) => c.length > 0),
        );
      } else {
        headerPairs.push([lower, value]);
      }
    }
  }
  const headers = joinValues(headerPairs) ?? {};
  const host = headers.host ?? 'localhost';
  headers['x-forwarded-for'] ??= input.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  if (input.port !== undefined) headers['x-forwarded-port'] ??= String(input.port);
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(receivedAt.getTime() / 1000).toString(16)}-${randomText(12, 'hex')}`;

  const queryStringParameters = joinValues(new URLSearchParams(rawQueryString).entries());
  const userAgent = headers['user-agent'] ?? '';
  const hasBody = input.body.length > 0;
  // A text body whose bytes are not UTF-8 cannot become a string without loss (U+FFFD), so it is
  // handed over base64-encoded like a binary one; the handler then sees the very bytes and refuses.
  const text = isTextContentType(headers['content-type']) && isUtf8(input.body);

  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      // Public routes get no authorizer field at all, as from API Gateway (hence the cast).
      ...((input.authorizer ? { authorizer: { jwt: input.authorizer } } : {}) as {
        authorizer: APIGatewayEventRequestContextJWTAuthorizer;
      }),
      domainName: host,
      domainPrefix: host.split(':')[0]?.split('.')[0] ?? host,
      http: {
        method: input.method,
        path: rawPath,
        protocol: input.protocol ?? 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent,
      },
      requestId,
      routeKey: input.routeKey,
      stage: '$default',
      time: apiGatewayTime(receivedAt),
      timeEpoch: receivedAt.getTime(),
    },
    ...(hasBody ? { body: text ? input.body.toString('utf8') : input.body.toString('base64') } : {}),
    ...(input.pathParameters && Object.keys(input.pathParameters).length > 0
      ? { pathParameters: input.pathParameters }
      : {}),
    isBase64Encoded: hasBody && !text,
  };
  return event;
};

/** A minimal Lambda context, enough for middy and Powertools. */
export const lambdaContext = (fn: string, requestId: string = randomUUID(), timeoutMs = 29_000): Context => {
  const deadline = Date.now() + timeoutMs;
  const functionName = `kur-local-${fn.replaceAll('/', '-')}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION ?? 'eu-north-1'}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
};

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

type MultiValueResult = APIGatewayProxyStructuredResultV2 & {
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
};

/**
 * How API Gateway reads a payload-2.0 result: an object with `statusCode` is a structured answer;
 * anything else (a string, an object without `statusCode`) is a 200 whose JSON body is the result.
 */
export const resultToAnswer = (result: unknown): HttpAnswer => {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(body, 'utf8'),
    };
  }
  const structured = result as MultiValueResult;
  const headers: Record<string, string | string[]> = {};
  const add = (name: string, value: string | number | boolean): void => {
    const lower = name.toLowerCase();
    const existing = headers[lower];
    if (existing === undefined) headers[lower] = String(value);
    else headers[lower] = [...(Array.isArray(existing) ? existing : [existing]), String(value)];
  };
  for (const [name, values] of Object.entries(structured.multiValueHeaders ?? {})) {
    for (const value of values) add(name, value);
  }
  for (const [name, value] of Object.entries(structured.headers ?? {})) {
    delete headers[name.toLowerCase()];
    add(name, value);
  }
  for (const cookie of structured.cookies ?? []) add('set-cookie', cookie);
  const rawBody = structured.body ?? '';
  return {
    statusCode: structured.statusCode ?? 200,
    headers,
    body: structured.isBase64Encoded ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody, 'utf8'),
  };
};
