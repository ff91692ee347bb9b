import { alternativePaymentsFolder } from './alternative-payments';
import { apipayFolder } from './apipay';
import { kiotapayFolder } from './kiotapay';
import { payfieldFolder } from './payfield';
import type { Provider } from './provider';
import { rebellFolder } from './rebell';
import type { ProviderFolder } from './wire';

/**
 * Every provider, one folder each (`lib/providers/<id>/`: catalog, wire examples, seed).
 * Adding a provider means adding its folder and one line here.
 */
export const providerFolders: readonly ProviderFolder[] = [
  kiotapayFolder,
  rebellFolder,
  payfieldFolder,
  apipayFolder,
  alternativePaymentsFolder,
];

/** The catalog: what the matcher, the panel and the CLI read. */
export const providers: readonly Provider[] = providerFolders.map((folder) => folder.catalog);

export const providerIds: readonly string[] = providers.map((provider) => provider.id);

export function providerById(id: string): Provider | undefined {
  return providers.find((provider) => provider.id === id);
}

export type {
  BearerTokens,
  DiagnosisSelector,
  DocumentedSuccess,
  IdempotencyKeys,
  Provider,
  RateLimit,
  ReportedError,
  RequestTimestamp,
  Rule,
  RuleCondition,
  TimestampFormat,
  TokenIssuer,
} from './provider';
export type { Credentials, ProviderExamples, ProviderFolder, ProviderWire, WireExample } from './wire';
