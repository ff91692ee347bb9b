import type { ProviderFolder } from '../wire';
import { rebell } from './catalog';
import type { RebellCredentials } from './examples';

export const rebellFolder: ProviderFolder<RebellCredentials> = {
  catalog: rebell,
  wire: async () => (await import('./examples')).rebellWire,
};
