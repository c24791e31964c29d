import { gzipSync } from 'node:zlib';
import { buildOpenApiDocument } from '../shared/openapi/document.ts';
import { packFormScript } from './form-assets.ts';

/**
 * The OpenAPI document as `__OPENAPI_DOCUMENT__` holds it: JSON, gzipped and base64-encoded. CDK
 * hands a `define` to esbuild as one command-line argument, which Linux refuses over 128 KiB
 * (E2BIG); the plain document is near that, packed it is a tenth.
 */
export const packOpenApiDocument = (): string =>
  gzipSync(JSON.stringify(buildOpenApiDocument()), { level: 9 }).toString('base64');

/**
 * What esbuild writes into a function's bundle at build time (`define`), by function: the form's
 * browser code, and the OpenAPI document, which depends on the code alone. The stack and the
 * cold-start bench bundle with the same.
 */
export const bundleDefinesFor = (fn: string): Record<string, string> | undefined => {
  if (fn === 'form/get') return { __FORM_SCRIPT__: JSON.stringify(packFormScript()) };
  if (fn === 'openapi/get') return { __OPENAPI_DOCUMENT__: JSON.stringify(packOpenApiDocument()) };
  return undefined;
};
