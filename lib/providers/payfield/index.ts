import type { ProviderFolder } from '../wire';
import { payfield } from './catalog';
import type { PayfieldCredentials } from './examples';

export const payfieldFolder: ProviderFolder<PayfieldCredentials> = {
  catalog: payfield,
  wire: async () => (await import('./examples')).payfieldWire,
};
