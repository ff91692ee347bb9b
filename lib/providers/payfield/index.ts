import type { ProviderFolder } from '../wire';
import { payfield } from './catalog';
import { type PayfieldCredentials, payfieldExampleCredentials, payfieldExamples } from './examples';
import { parsePayfield } from './seed';

export const payfieldFolder: ProviderFolder<PayfieldCredentials> = {
  catalog: payfield,
  exampleCredentials: payfieldExampleCredentials,
  examples: payfieldExamples,
  parseSeed: parsePayfield,
};
