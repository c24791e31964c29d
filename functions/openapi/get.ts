import { gunzipSync } from 'node:zlib';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { routes } from '../../shared/http/routes.ts';
import { packedOpenApiDocument } from '../../shared/openapi/prebuilt.ts';

// Built when the function was bundled (shared/openapi/prebuilt.ts): unpacked on first use and kept.
let document: unknown;

export const handler = httpHandler(routes.openapi, {}, async () => {
  document ??= JSON.parse(gunzipSync(Buffer.from(packedOpenApiDocument, 'base64')).toString('utf8'));
  return json(200, document, { 'cache-control': 'public, max-age=300' });
});
