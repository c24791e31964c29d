import { calendar } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';

/**
 * `GET /calendar/{token}.ics`: the area's due dates for calendar clients, which cannot sign in —
 * the secret token in the path is the only credential. Anything but `<token>.ics` is the same 404
 * as an unknown token.
 */
export const handler = httpHandler(routes.calendarFeed, {}, async ({ path }) => {
  const file = path.file ?? '';
  const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="kur.ics"',
      // Private: the URL is a secret, so no shared cache keeps the answer; clients poll by REFRESH-INTERVAL.
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: await calendar().feed(token),
  };
});
