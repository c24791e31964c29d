/**
 * The form's bundled browser code, gzipped and base64-encoded (infra/form-assets.ts
 * `packFormScript`). CDK's esbuild `define` writes the value in at bundling time; the local stack
 * and the tests resolve this module to infra/local/form-script.ts, which bundles it when loaded.
 */
declare const __FORM_SCRIPT__: string;

export const packedFormScript: string = __FORM_SCRIPT__;
