import type { ProviderFolder } from '../wire';
import { rebell } from './catalog';
import { type RebellCredentials, rebellExampleCredentials, rebellExamples } from './examples';
import { parseRebell } from './seed';

export const rebellFolder: ProviderFolder<RebellCredentials> = {
  catalog: rebell,
  exampleCredentials: rebellExampleCredentials,
  examples: rebellExamples,
  parseSeed: parseRebell,
};
