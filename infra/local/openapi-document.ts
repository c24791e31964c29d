import { buildOpenApiDocument } from '../../shared/openapi/document.ts';

/**
 * The local stack's stand-in for shared/openapi/prebuilt.ts (swapped in when modules are resolved,
 * see ./local-modules.mjs): the document built now, as CDK's `define` writes it in when deployed.
 */
export const openApiDocumentJson: string = JSON.stringify(buildOpenApiDocument());
