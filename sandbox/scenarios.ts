/**
 * Every scenario of every provider: one or more per catalog rule, so a rule added to the
 * catalog gets its scenario, plus successes and the cases no rule describes.
 */
import { type Provider, providers } from '../lib/providers';
import { alternativePaymentsSandbox } from './providers/alternative-payments';
import { apipaySandbox } from './providers/apipay';
import { kiotapaySandbox } from './providers/kiotapay';
import { payfieldSandbox } from './providers/payfield';
import { rebellSandbox } from './providers/rebell';
import { type Draft, gatewayDraft, type ProviderSandbox, type Scenario } from './scenario';

const SANDBOXES: readonly ProviderSandbox[] = [
  kiotapaySandbox,
  rebellSandbox,
  payfieldSandbox,
  apipaySandbox,
  alternativePaymentsSandbox,
];

/** The name a scenario answers to when none is asked for. */
export const DEFAULT_SCENARIO = 'success';

function scenariosOf(provider: Provider): Scenario[] {
  const sandbox = SANDBOXES.find((candidate) => candidate.id === provider.id);
  const host = provider.hosts[0];
  if (!sandbox || !host)
    throw new Error(`The catalog's "${provider.id}" has no sandbox in sandbox/providers`);
  const drafts: Draft[] = [
    ...provider.rules.flatMap((rule) => sandbox.forRule(rule)),
    ...sandbox.extras,
    gatewayDraft(sandbox.mainCall),
  ];
  const taken = new Set<string>();
  const scenarios = drafts.map((draft) => {
    // Two rules may name one code on different endpoints (Rebell's INVALID_CODE).
    const name = taken.has(draft.name) ? `${draft.name}-${draft.call.path.split('/').pop()}` : draft.name;
    if (taken.has(name)) throw new Error(`Two ${provider.id} scenarios are named "${name}"`);
    taken.add(name);
    return { ...draft, name, id: `${provider.id}:${name}`, provider: provider.id, host };
  });
  if (!taken.has(DEFAULT_SCENARIO))
    throw new Error(`The ${provider.id} sandbox has no "${DEFAULT_SCENARIO}"`);
  return scenarios;
}

export const SCENARIOS: readonly Scenario[] = providers.flatMap(scenariosOf);

const byId = new Map(SCENARIOS.map((scenario) => [scenario.id, scenario]));

/**
 * What the provider answers a request whose credentials are missing or not the planted
 * ones, as a real provider would: a replayed request (Copy as cURL) with its variables
 * unset fails on authentication.
 */
export function credentialsRejectedBy(provider: string): Scenario | undefined {
  const name = SANDBOXES.find((sandbox) => sandbox.id === provider)?.credentialsRejected;
  return name === undefined ? undefined : byId.get(`${provider}:${name}`);
}

/** A scenario by `<provider>:<name>`. */
export function scenarioById(id: string): Scenario | undefined {
  return byId.get(id);
}
