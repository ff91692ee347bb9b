import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The WXT vitest plugin does not apply the config's vite plugins, so Preact is added here.
  plugins: [preact()],
  test: {
    environment: 'node',
    include: ['tests/**/*.test.{ts,tsx}'],
  },
});
