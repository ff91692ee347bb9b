import type { ProviderFolder } from '../wire';
import { alternativePayments } from './catalog';
import type { AlternativePaymentsCredentials } from './examples';

export const alternativePaymentsFolder: ProviderFolder<AlternativePaymentsCredentials> = {
  catalog: alternativePayments,
  wire: async () => (await import('./examples')).alternativePaymentsWire,
};
