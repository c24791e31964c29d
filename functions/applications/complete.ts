import { clock } from '../../shared/adapters/clock.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { applicationId } from '../../shared/http/params.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { CompletionBody } from '../../shared/schemas/application.ts';
import { completeApplication } from '../../shared/usecases/applications.ts';

export const handler = httpHandler(
  routes.completeApplication,
  { body: CompletionBody },
  async ({ caller, path, body }) =>
    resource(200, await completeApplication(caller, applicationId(path.id), body, clock)),
);
