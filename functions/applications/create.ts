import { clock } from '../../shared/adapters/clock.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { ApplicationBody } from '../../shared/schemas/application.ts';
import { createApplication } from '../../shared/usecases/applications.ts';

export const handler = httpHandler(
  routes.createApplication,
  { body: ApplicationBody },
  async ({ caller, body, headers, context }) => {
    const app = await createApplication(caller, body, headers['idempotency-key'], context, clock);
    return resource(201, app, { location: `/applications/${app.id}` });
  },
);
