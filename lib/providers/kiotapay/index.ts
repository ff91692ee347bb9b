import type { ProviderFolder } from '../wire';
import { kiotapay } from './catalog';
import type { KiotapayCredentials } from './examples';

export const kiotapayFolder: ProviderFolder<KiotapayCredentials> = {
  catalog: kiotapay,
  wire: async () => (await import('./examples')).kiotapayWire,
};
