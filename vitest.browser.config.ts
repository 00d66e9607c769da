/**
 * The browser tests (test/browser/, `npm run test:browser`): Debian's Chromium driven by
 * playwright-core against a test server serving the built web app. Apart from `npm test` (which
 * leaves test/browser out) and one file at a time: a Chromium, a server and the test runner share
 * two cores, so files in parallel would only make each slower and timing-sensitive.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    globalSetup: ['test/browser/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
