import type { ProviderFolder } from '../wire';
import { kiotapay } from './catalog';
import { type KiotapayCredentials, kiotapayExampleCredentials, kiotapayExamples } from './examples';
import { parseKiotapay } from './seed';

export const kiotapayFolder: ProviderFolder<KiotapayCredentials> = {
  catalog: kiotapay,
  exampleCredentials: kiotapayExampleCredentials,
  examples: kiotapayExamples,
  parseSeed: parseKiotapay,
};
