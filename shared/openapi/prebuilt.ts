/**
 * The OpenAPI document, gzipped and base64-encoded (infra/bundle-defines.ts), built from the route
 * table and schemas when the function is bundled (CDK's esbuild `define`), so that
 * GET /openapi.json loads no zod and no schema at all. The local stack and the tests resolve this
 * module to infra/local/openapi-document.ts, which builds it when loaded.
 */
declare const __OPENAPI_DOCUMENT__: string;

export const packedOpenApiDocument: string = __OPENAPI_DOCUMENT__;
