import { confirmations } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { ConfirmationAnswerBody } from '../../shared/schemas/confirmations.ts';

/** `POST /c/{token}`: a confirmer's answer; the answer says only the application's new status. */
export const handler = httpHandler(
  routes.answerConfirmation,
  { body: ConfirmationAnswerBody },
  async ({ path, body }) => {
    const next = await confirmations().answer(path.token ?? '', body);
    return json(200, { status: next.status });
  },
);
