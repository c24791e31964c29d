import { followUps } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { followUpId } from '../../shared/http/params.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { FollowUpSubmissionBody } from '../../shared/schemas/follow-up.ts';

export const handler = httpHandler(
  routes.submitFollowUp,
  { body: FollowUpSubmissionBody },
  async ({ caller, path, body }) =>
    resource(200, await followUps().submit(caller, followUpId(path.id), body)),
);
