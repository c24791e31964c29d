import { confirmations } from '../../shared/composition.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { CONTENT_SECURITY_POLICY, confirmationPage } from '../../shared/form/confirmation-page.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';

const page = (statusCode: number, html: string) => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Personal and changing: never kept by a shared cache.
    'cache-control': 'private, no-store',
  },
  body: html,
});

/**
 * `GET /c/{token}`: the confirmation page of a personal link. A link that no longer counts is a
 * 404 — as a page a person can read, since a person opened it.
 */
export const handler = httpHandler(routes.confirmationPage, {}, async ({ path }) => {
  try {
    return page(200, confirmationPage(await confirmations().page(path.token ?? '')));
  } catch (error) {
    if (error instanceof NotFound) return page(404, confirmationPage(undefined));
    throw error;
  }
});
