import { buildOpenApiDocument } from '../shared/openapi/document.ts';
import { packFormScript } from './form-assets.ts';

/**
 * What esbuild writes into a function's bundle at build time (`define`), by function: the form's
 * browser code, and the OpenAPI document, which depends on the code alone. The stack and the
 * cold-start bench bundle with the same.
 */
export const bundleDefinesFor = (fn: string): Record<string, string> | undefined => {
  if (fn === 'form/get') return { __FORM_SCRIPT__: JSON.stringify(packFormScript()) };
  if (fn === 'openapi/get')
    return { __OPENAPI_DOCUMENT__: JSON.stringify(JSON.stringify(buildOpenApiDocument())) };
  return undefined;
};
