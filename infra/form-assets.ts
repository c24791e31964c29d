import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUILD = fileURLToPath(new URL('./form-build.mjs', import.meta.url));

/**
 * The form's browser code as one minified script (shared/form/app, with the zod schemas it shares
 * with the API), built by infra/form-build.mjs in a process of its own (esbuild's plugins need its
 * asynchronous API; CDK and the local stack ask for the script synchronously).
 */
export const buildFormScript = (): string =>
  execFileSync(process.execPath, [BUILD], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });

/**
 * What `__FORM_SCRIPT__` holds: the script gzipped and base64-encoded. CDK inlines it into the form
 * function at bundling time (`define`), the local stack and the tests set it on globalThis before
 * loading the handler. Packed because CDK hands a `define` to esbuild as one command-line argument,
 * and Linux refuses a single argument over 128 KiB (E2BIG); the plain script is larger than that.
 */
export const packFormScript = (script: string = buildFormScript()): string =>
  gzipSync(script, { level: 9 }).toString('base64');
