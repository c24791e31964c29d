import { applications } from '../../shared/composition.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { resource } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { ApplicationBody } from '../../shared/schemas/application.ts';

export const handler = httpHandler(
  routes.createApplication,
  { body: ApplicationBody },
  async ({ caller, body, headers, context }) => {
    const app = await applications().create(caller, body, headers['idempotency-key'], context);
    return resource(201, app, { location: `/applications/${app.id}` });
  },
);
