import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../shared/form/app/main.ts', import.meta.url));

/**
 * The form's browser code as one minified script (shared/form/app, with the zod schemas it shares
 * with the API). The schemas are zod/mini's, whose JSON Schema generator is a function of its own
 * that only the OpenAPI document imports, so nothing of it reaches the page.
 */
export const buildFormScript = (): string => {
  const result = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no form script');
  return output.text;
};

/**
 * What `__FORM_SCRIPT__` holds: the script gzipped and base64-encoded. CDK inlines it into the form
 * function at bundling time (`define`), the local stack and the tests set it on globalThis before
 * loading the handler. Packed because CDK hands a `define` to esbuild as one command-line argument,
 * and Linux refuses a single argument over 128 KiB (E2BIG); the plain script is larger than that.
 */
export const packFormScript = (script: string = buildFormScript()): string =>
  gzipSync(script, { level: 9 }).toString('base64');
