import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/e2e drives headless Chromium (playwright-core) against the local stack: part of every run.
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**'],
    // One DynamoDB Local for the whole run; each test file gets its own table (test/support/table.ts).
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/table-per-file.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
