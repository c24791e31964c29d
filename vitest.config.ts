import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const SYSTEM_CLOCK = fileURLToPath(new URL('./shared/adapters/clock.ts', import.meta.url));
const LOCAL_CLOCK = fileURLToPath(new URL('./infra/local/clock.ts', import.meta.url));

/**
 * Handlers import the system clock; under test they get the fixable one of the local stack
 * (infra/local/clock.ts), as `npm start` does with a Node resolve hook.
 */
const localClock: Plugin = {
  name: 'local-clock',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!source.endsWith('/adapters/clock.ts')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === SYSTEM_CLOCK ? LOCAL_CLOCK : null;
  },
};

/** Pure tests: no I/O, so no engines and no table. `npm run test:unit` runs only these. */
const pureTests = ['test/domain/**/*.test.ts', 'test/usecases/**/*.test.ts'];

export default defineConfig({
  plugins: [localClock],
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
