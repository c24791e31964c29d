import { packOpenApiDocument } from '../bundle-defines.ts';

/**
 * The local stack's stand-in for shared/openapi/prebuilt.ts (swapped in when modules are resolved,
 * see ./local-modules.mjs): the document built and packed now, as CDK's `define` writes it in when
 * deployed.
 */
export const packedOpenApiDocument: string = packOpenApiDocument();
