import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { buildOpenApiDocument } from '../../shared/openapi/document.ts';

// Built on first use and kept for the life of the container: it depends on the code alone.
let document: unknown;

export const handler = httpHandler(routes.openapi, {}, async () => {
  document ??= buildOpenApiDocument();
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
