import { confirmations } from '../../shared/composition.ts';
import { NotFound } from '../../shared/domain/errors.ts';
import { confirmationPage } from '../../shared/form/confirmation-page.ts';
import { pageAnswer } from '../../shared/form/public-page.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';

/**
 * `GET /c/{token}`: the confirmation page of a personal link. A link that no longer counts is a
 * 404 — as a page a person can read, since a person opened it.
 */
export const handler = httpHandler(routes.confirmationPage, {}, async ({ path }) => {
  try {
    return pageAnswer(200, confirmationPage(await confirmations().page(path.token ?? '')));
  } catch (error) {
    if (error instanceof NotFound) return pageAnswer(404, confirmationPage(undefined));
    throw error;
  }
});
