import { emailFeedback } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';

/** Every address SES reported a bounce, complaint or reject for, by address (one page: a few dozen at most). */
export const handler = httpHandler(routes.listEmailProblems, {}, async () =>
  json(200, { items: await emailFeedback().problems() }),
);
