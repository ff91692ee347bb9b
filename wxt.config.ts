import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  manifestVersion: 3,
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  manifest: {
    name: 'PayLens',
    description:
      'Explains payment-API errors in DevTools with each provider’s documented meaning and remedy.',
    permissions: ['storage'],
    browser_specific_settings: {
      gecko: {
        id: 'paylens@paylens.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
  vite: () => ({ plugins: [preact()] }),
});
