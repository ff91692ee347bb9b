import type { ProviderFolder } from '../wire';
import { apipay } from './catalog';
import type { ApipayCredentials } from './examples';

export const apipayFolder: ProviderFolder<ApipayCredentials> = {
  catalog: apipay,
  wire: async () => (await import('./examples')).apipayWire,
};
