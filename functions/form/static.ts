import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { config } from '../../shared/config.ts';
import { accessibilityStatement } from '../../shared/form/accessibility-statement.ts';
import { favicon } from '../../shared/form/favicon.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';

/**
 * The form's two public static answers, one function for both (the stack is near its resource
 * limit): `GET /tillganglighet`, the accessibility statement, and `GET /favicon.ico`.
 */

const statement = accessibilityStatement(config().MAIL_FROM);
const icon = favicon().toString('base64');

const statementHandler = httpHandler(routes.accessibilityStatement, {}, async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': statement.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'max-age=3600',
  },
  body: statement.html,
}));

const faviconHandler = httpHandler(routes.favicon, {}, async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'image/x-icon',
    'x-content-type-options': 'nosniff',
    'cache-control': 'max-age=86400',
  },
  body: icon,
  isBase64Encoded: true,
}));

const isFavicon = (event: APIGatewayProxyEventV2): boolean =>
  (event.routeKey ?? '').endsWith('/favicon.ico') || (event.rawPath ?? '').endsWith('/favicon.ico');

export const handler = (event: Parameters<typeof statementHandler>[0], context: Context) =>
  isFavicon(event) ? faviconHandler(event, context) : statementHandler(event, context);
