import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  manifestVersion: 3,
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // Least privilege: DevTools APIs need no permission; storage keeps the panel's filters.
  manifest: ({ browser }) => ({
    name: 'PayLens',
    description:
      'Explains payment-API errors in DevTools with each provider’s documented meaning and remedy.',
    permissions: ['storage'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paylens@paylens.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({ plugins: [preact()] }),
});
