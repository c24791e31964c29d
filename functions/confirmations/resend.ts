import { confirmations } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { applicationId } from '../../shared/http/params.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';

export const handler = httpHandler(routes.resendConfirmation, {}, async ({ caller, path }) =>
  resource(200, await confirmations().resend(caller, applicationId(path.id), path.role ?? '')),
);
