import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { Caller } from '../domain/roles.ts';

/** What a handler gets after the middlewares ran: a verified caller and a validated body. */
export interface HttpRequest<Body> {
  caller: Caller;
  body: Body;
  path: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  context: Context;
}

/** The Lambda context, extended by our middlewares (middy's way of handing values on). */
export interface HttpContext extends Context {
  caller?: Caller;
  parsedBody?: unknown;
}
