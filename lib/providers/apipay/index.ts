import type { ProviderFolder } from '../wire';
import { apipay } from './catalog';
import { type ApipayCredentials, apipayExampleCredentials, apipayExamples } from './examples';
import { parseApipay } from './seed';

export const apipayFolder: ProviderFolder<ApipayCredentials> = {
  catalog: apipay,
  exampleCredentials: apipayExampleCredentials,
  examples: apipayExamples,
  parseSeed: parseApipay,
};
