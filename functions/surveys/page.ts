import { surveys } from '../../shared/composition.ts';
import { pageAnswer } from '../../shared/form/public-page.ts';
import { surveyPage } from '../../shared/form/survey-page.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { routes } from '../../shared/http/routes.ts';
import { answeredBefore } from './cookie.ts';

/**
 * `GET /s/{token}`: the participant survey, anonymous — the token in the path is the link. Before
 * the round opens and after it closes the page says so; an unknown token is a 404.
 */
export const handler = httpHandler(routes.surveyPage, {}, async ({ path, event }) =>
  // The page changes with the day and the browser's cookie: never kept by a shared cache.
  pageAnswer(200, surveyPage(await surveys().page(path.token ?? '', answeredBefore(event)))),
);
