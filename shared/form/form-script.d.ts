/**
 * The form's bundled browser code, gzipped and base64-encoded (infra/form-assets.ts
 * `packFormScript`): replaced by its value at bundling time (CDK `define`), and set on
 * `globalThis` by the local stack and the tests before the form handler loads.
 */
declare var __FORM_SCRIPT__: string | undefined;
