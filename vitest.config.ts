import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { LOCAL_MODULES } from './infra/local/local-modules.mjs';

/**
 * Handlers import the system clock, the form's inlined script and the inlined OpenAPI document;
 * under test they get the local stack's fixable clock, freshly bundled script and freshly built
 * document, as `npm start` does with a Node resolve hook.
 */
const localModules: Plugin = {
  name: 'local-modules',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!['/clock.ts', '/script.ts', '/prebuilt.ts'].some((end) => source.endsWith(end))) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    const local = resolved ? LOCAL_MODULES.get(pathToFileURL(resolved.id).href) : undefined;
    return local ? fileURLToPath(local) : null;
  },
};

/** Pure tests: no I/O, so no engines and no table. `npm run test:unit` runs only these. */
const pureTests = ['test/domain/**/*.test.ts', 'test/usecases/**/*.test.ts'];

export default defineConfig({
  plugins: [localModules],
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Inline projects inherit this root config (vitest 5), so the engines live in the `stack`
    // project alone: a global setup here would start Java for the unit lane too.
    projects: [
      {
        test: { name: 'unit', include: pureTests },
      },
      {
        test: {
          name: 'stack',
          // test/e2e drives headless Chromium (playwright-core) against the local stack: part of every run.
          include: ['test/**/*.test.ts'],
          exclude: ['node_modules/**', ...pureTests],
          // One DynamoDB Local and SES emulator for the whole run; each test file gets its own table
          // (test/support/table-per-file.ts).
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/table-per-file.ts'],
        },
      },
    ],
  },
});
