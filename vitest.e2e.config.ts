import { defineConfig } from 'vitest/config';
import { SKIP_E2E_VARIABLE, skipE2E } from './e2e/chromium';

if (skipE2E) console.warn(`${SKIP_E2E_VARIABLE}=1: the end-to-end tests are skipped.`);

/** The browser suites, real Chromium and Firefox, one file at a time, after the unit and component tests. */
export default defineConfig({
  test: {
    environment: 'node',
    include: skipE2E ? [] : ['tests/e2e/**/*.test.ts', 'tests/firefox/**/*.test.ts'],
    passWithNoTests: skipE2E,
    // Checks for Chromium and builds the extension once, before any browser starts.
    globalSetup: skipE2E ? [] : ['tests/e2e/global-setup.ts'],
    // Each file drives its own Chromium: one at a time keeps a small CI machine responsive.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
