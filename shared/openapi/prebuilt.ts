/**
 * The OpenAPI document as JSON text, built from the route table and schemas when the function is
 * bundled (CDK's esbuild `define`, infra/bundle-defines.ts), so that GET /openapi.json loads no zod
 * and no schema at all. The local stack and the tests resolve this module to
 * infra/local/openapi-document.ts, which builds it when loaded.
 */
declare const __OPENAPI_DOCUMENT__: string;

export const openApiDocumentJson: string = __OPENAPI_DOCUMENT__;
