import preact from '@preact/preset-vite';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // The WXT vitest plugin does not apply the config's vite plugins, so Preact is added here.
  plugins: [preact()],
  test: {
    environment: 'node',
    include: ['tests/**/*.test.{ts,tsx}'],
    // The browser suites drive Chromium and Firefox: vitest.e2e.config.ts runs them after these.
    exclude: [...configDefaults.exclude, 'tests/e2e/**', 'tests/firefox/**'],
  },
});
