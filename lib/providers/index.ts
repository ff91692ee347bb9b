import { alternativePayments } from './alternative-payments/catalog';
import { apipay } from './apipay/catalog';
import { kiotapay } from './kiotapay/catalog';
import { payfield } from './payfield/catalog';
import type { Provider } from './provider';
import { rebell } from './rebell/catalog';

/** The catalog. Adding a provider means adding its folder and one line here. */
export const providers: readonly Provider[] = [kiotapay, rebell, payfield, apipay, alternativePayments];

export const providerIds: readonly string[] = providers.map((provider) => provider.id);

export function providerById(id: string): Provider | undefined {
  return providers.find((provider) => provider.id === id);
}

export type { DocumentedSuccess, Provider, ReportedError, Rule, RuleCondition } from './provider';
