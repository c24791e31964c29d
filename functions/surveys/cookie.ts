import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The cookie a survey answer leaves in the browser: scoped to the one link's path, so it says
 * "this browser answered this round" and nothing else. It holds no identifier at all.
 */
const NAME = 'enkat-besvarad';

/** The link's own path (`/s/<token>`, under any stage prefix), from the request's path. */
const linkPath = (event: Pick<APIGatewayProxyEventV2, 'rawPath'>): string =>
  (event.rawPath ?? '/').replace(/\/responses\/?$/, '').replace(/\/$/, '') || '/';

/** Whether this browser answered the link already (HTTP API v2 hands cookies over apart from the headers). */
export const answeredBefore = (event: Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>): boolean => {
  const cookies = event.cookies ?? (event.headers?.cookie ?? '').split(';');
  return cookies.some((cookie) => cookie.trim() === `${NAME}=1`);
};

/** Set on answering: long enough to outlast the round (30 days), never sent to another path. */
export const answeredCookie = (event: Pick<APIGatewayProxyEventV2, 'rawPath'>): string =>
  `${NAME}=1; Path=${linkPath(event)}; Max-Age=${60 * 24 * 3600}; HttpOnly; Secure; SameSite=Strict`;
