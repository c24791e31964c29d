// Builds the form's browser code (shared/form/app) as one minified script and prints it. A
// process of its own because esbuild runs plugins only in its asynchronous API, and the callers
// (CDK at synth, the local stack) need the script synchronously (infra/form-assets.ts).
import { build } from 'esbuild';

const ENTRY = new URL('../shared/form/app/main.ts', import.meta.url).pathname;

/**
 * zod's classic schemas carry a JSON Schema generator on every instance (`.toJSONSchema()`), which
 * the browser never calls: the API's OpenAPI document is built on the server. Swapping those two
 * modules for stubs takes ~17 KB (5.6 KB gzipped) off a page that has a 60 KB budget. Should a zod
 * upgrade import more from them, the build fails on the missing export, not the page at runtime.
 */
const withoutJsonSchema = {
  name: 'zod-without-json-schema',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\/(json-schema-processors|to-json-schema)\.js$/ }, (args) =>
      args.importer.includes('/zod/v4/classic/')
        ? { path: args.path, namespace: 'zod-json-schema-stub' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-json-schema-stub' }, () => ({
      loader: 'js',
      contents: `const none = () => () => { throw new Error('JSON Schema is not built in the browser'); };
export const createToJSONSchemaMethod = none;
export const createStandardJSONSchemaMethod = none;
export const toJSONSchema = none();`,
    }));
  },
};

const result = await build({
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
  plugins: [withoutJsonSchema],
});
const [output] = result.outputFiles;
if (!output) throw new Error('esbuild produced no form script');
process.stdout.write(output.text);
