import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Caller } from '../domain/roles.ts';
import { logger, observability } from '../observability.ts';
import { authorize } from './middleware/authorize.ts';
import { jsonBody } from './middleware/json-body.ts';
import { problemJson } from './middleware/problem-json.ts';
import type { HttpContext, HttpRequest } from './request.ts';
import type { RouteSpec } from './routes.ts';

type BodyOf<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

const ANONYMOUS: Caller = { sub: 'anonymous', email: '', roles: [] };

/**
 * Wraps a route's business function with the shared middlewares, in this order: observability
 * (logs with the Lambda context and correlation id, trace, metrics),
 * problem+json errors, caller and role (401/403), then body size, media type, JSON and schema
 * (413/415/400). The function receives a verified caller and a validated body, and nothing else to do.
 */
export const httpHandler = <S extends z.core.$ZodType | undefined = undefined>(
  route: RouteSpec,
  options: { body?: S },
  fn: (request: HttpRequest<BodyOf<S>>) => Promise<APIGatewayProxyStructuredResultV2>,
) =>
  middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Error, HttpContext>()
    // Once for every route: logging context and the request id as correlation id, tracing, metrics.
    .use(
      observability<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, HttpContext>(
        (event) => event.requestContext?.requestId,
      ),
    )
    .use(problemJson())
    .use({
      after: (request) => logOutcome(route, request.response?.statusCode),
      onError: (request) => logOutcome(route, request.response?.statusCode),
    })
    .use(authorize(route.access))
    .use(jsonBody(options.body))
    .handler((event, context) =>
      fn({
        caller: context.caller ?? ANONYMOUS,
        body: context.parsedBody as BodyOf<S>,
        path: event.pathParameters ?? {},
        query: event.queryStringParameters ?? {},
        headers: event.headers ?? {},
        event,
        context,
      }),
    );

const logOutcome = (route: RouteSpec, status: number | undefined): void => {
  logger.info('request', { route: `${route.method} ${route.path}`, status });
};
