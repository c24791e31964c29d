import { packFormScript } from '../form-assets.ts';

/**
 * The local stack's stand-in for shared/form/script.ts (swapped in when modules are resolved, see
 * ./local-modules.mjs): the form's browser code, bundled now, as CDK's `define` inlines it when
 * deployed.
 */
export const packedFormScript: string = packFormScript();
