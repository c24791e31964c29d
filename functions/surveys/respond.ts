import { surveys } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';
import { SurveyResponseBody } from '../../shared/schemas/survey.ts';
import { answeredBefore, answeredCookie } from './cookie.ts';

/**
 * `POST /s/{token}/responses`: one anonymous answer while the round is open → 201 and a cookie
 * that makes this browser's second answer a 409. Closed or unknown: 404; too many: 429.
 */
export const handler = httpHandler(
  routes.surveyResponse,
  { body: SurveyResponseBody },
  async ({ path, body, event }) => {
    await surveys().respond(path.token ?? '', body, answeredBefore(event));
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      cookies: [answeredCookie(event)],
      body: JSON.stringify({ status: 'received' }),
    };
  },
);
