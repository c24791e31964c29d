import { randomUUID } from 'node:crypto';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { lambdaContext as localLambdaContext } from '../../infra/local/event.ts';
import type { RouteSpec } from '../../shared/http/routes.ts';

/** A caller as API Gateway's JWT authorizer would describe it. */
export interface TestCaller {
  role: 'admin' | 'coordinator' | string;
  areaId?: string;
  email?: string;
  sub?: string;
}

export const admin: TestCaller = { role: 'admin', email: 'anna.admin@forsakringskassan.se', sub: 'admin-1' };
export const coordinatorOf = (areaId: string): TestCaller => ({
  role: 'coordinator',
  areaId,
  email: `samverkan.${areaId}@forsakringskassan.se`,
  sub: `coordinator-${areaId}`,
});

/** Claims exactly as the HTTP API JWT authorizer hands them over: every value a string. */
export const claimsOf = (caller: TestCaller): Record<string, string> => ({
  sub: caller.sub ?? `sub-${caller.role}`,
  email: caller.email ?? `${caller.role}@example.se`,
  'cognito:groups': `[${caller.role}]`,
  token_use: 'id',
  ...(caller.areaId ? { 'custom:areaId': caller.areaId } : {}),
});

export interface EventInput {
  caller?: TestCaller;
  path?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
}

const fillPath = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

export const httpEvent = (
  route: RouteSpec,
  input: EventInput = {},
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const rawPath = fillPath(route.path, input.path ?? {});
  const body =
    input.body === undefined
      ? undefined
      : typeof input.body === 'string'
        ? input.body
        : JSON.stringify(input.body);
  const headers: Record<string, string> = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath,
    rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
    headers,
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.path ? { pathParameters: input.path } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'test',
      domainName: 'test.local',
      domainPrefix: 'test',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: input.caller
        ? { principalId: '', integrationLatency: 0, jwt: { claims: claimsOf(input.caller), scopes: [] } }
        : (undefined as never),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
};

/** The context a handler gets, as the local gateway builds it. */
export const lambdaContext = (): Context => localLambdaContext('test', randomUUID(), 10_000);

export interface TestResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

/** Calls a handler as Lambda would and decodes its JSON answer. */
export const invoke = async <T = any>(handler: Handler, route: RouteSpec, input: EventInput = {}) => {
  const result = (await handler(
    httpEvent(route, input),
    lambdaContext(),
  )) as APIGatewayProxyStructuredResultV2;
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const type = headers['content-type'] ?? '';
  const body = type.includes('json') && result.body ? JSON.parse(result.body) : result.body;
  return { status: result.statusCode ?? 200, headers, body } as TestResponse<T>;
};
