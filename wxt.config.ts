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
              // The first version, desktop and Android alike, that knows data_collection_permissions.
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
    // Browsers that run MV3 preload modules natively; the polyfill would be network code.
    build: { modulePreload: { polyfill: false } },
  }),
});
