import { alternativePayments } from './alternative-payments';
import { apipay } from './apipay';
import { kiotapay } from './kiotapay';
import { payfield } from './payfield';
import type { Provider } from './provider';
import { rebell } from './rebell';

/** The catalog. Adding a provider means adding its file and one line here. */
export const providers: readonly Provider[] = [kiotapay, rebell, payfield, apipay, alternativePayments];

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
