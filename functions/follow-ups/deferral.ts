import { followUps } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { followUpId } from '../../shared/http/params.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { DeferralDecisionBody } from '../../shared/schemas/follow-up-actions.ts';

export const handler = httpHandler(
  routes.decideDeferral,
  { body: DeferralDecisionBody },
  async ({ caller, path, body }) =>
    resource(200, await followUps().decideDeferral(caller, followUpId(path.id), body)),
);
