import type { ProviderFolder } from '../wire';
import { alternativePayments } from './catalog';
import {
  type AlternativePaymentsCredentials,
  alternativePaymentsExampleCredentials,
  alternativePaymentsExamples,
} from './examples';
import { parseAlternativePayments } from './seed';

export const alternativePaymentsFolder: ProviderFolder<AlternativePaymentsCredentials> = {
  catalog: alternativePayments,
  exampleCredentials: alternativePaymentsExampleCredentials,
  examples: alternativePaymentsExamples,
  parseSeed: parseAlternativePayments,
};
