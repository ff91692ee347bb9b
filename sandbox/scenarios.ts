/**
 * Every scenario of every provider: the provider folders' wire examples, with the sandbox's
 * planted credentials, one or more per catalog rule, plus successes and the cases no rule
 * describes.
 */
import { type ProviderFolder, providerFolders, type WireExample } from '../lib/providers';
import type { Provider } from '../lib/providers/provider';
import { gatewayExample } from '../lib/providers/wire';
import { plantedCredentials } from './credentials';

export interface Scenario extends WireExample {
  /** `<provider>:<name>`, the `data-scenario` of the shop's buttons. */
  id: string;
  /** The catalog id. */
  provider: string;
  /** Where the shop sends the call: the provider's first host. */
  host: string;
}

/** The scenarios of a list of providers, and the lookups the server and the shop make. */
export interface ScenarioSet {
  providers: readonly Provider[];
  all: readonly Scenario[];
  /** A scenario by `<provider>:<name>`. */
  byId(id: string): Scenario | undefined;
  /**
   * What the provider answers a request whose credentials are missing or not the planted
   * ones, as a real provider would: a replayed request (Copy as cURL) with its variables
   * unset fails on authentication.
   */
  credentialsRejectedBy(provider: string): Scenario | undefined;
}

/** The name a scenario answers to when none is asked for. */
export const DEFAULT_SCENARIO = 'success';

async function scenariosOf(
  folder: ProviderFolder,
  sentAt: Date,
): Promise<{ scenarios: Scenario[]; rejected: string }> {
  const provider = folder.catalog;
  const host = provider.hosts[0];
  if (!host) throw new Error(`The catalog's "${provider.id}" has no host`);
  const wire = await folder.wire();
  const examples = wire.examples(plantedCredentials(provider.id, wire.exampleCredentials), sentAt);
  const all: WireExample[] = [
    ...provider.rules.flatMap((rule) => examples.forRule(rule)),
    ...examples.extras,
    gatewayExample(examples.mainCall),
  ];
  const taken = new Set<string>();
  const scenarios = all.map((example) => {
    // Two rules may name one code on different endpoints (Rebell's INVALID_CODE).
    const name = taken.has(example.name)
      ? `${example.name}-${example.call.path.split('/').pop()}`
      : example.name;
    if (taken.has(name)) throw new Error(`Two ${provider.id} scenarios are named "${name}"`);
    taken.add(name);
    return { ...example, name, id: `${provider.id}:${name}`, provider: provider.id, host };
  });
  if (!taken.has(DEFAULT_SCENARIO))
    throw new Error(`The ${provider.id} examples have no "${DEFAULT_SCENARIO}"`);
  return { scenarios, rejected: examples.credentialsRejected };
}

/** `sentAt` dates the requests' time headers: the moment the sandbox starts. */
export async function scenarioSet(
  folders: readonly ProviderFolder[],
  sentAt = new Date(),
): Promise<ScenarioSet> {
  const built = await Promise.all(
    folders.map(async (folder) => ({ id: folder.catalog.id, ...(await scenariosOf(folder, sentAt)) })),
  );
  const all = built.flatMap(({ scenarios }) => scenarios);
  const byId = new Map(all.map((scenario) => [scenario.id, scenario]));
  const rejected = new Map(built.map(({ id, rejected }) => [id, rejected]));
  return {
    providers: folders.map((folder) => folder.catalog),
    all,
    byId: (id) => byId.get(id),
    credentialsRejectedBy(provider) {
      const name = rejected.get(provider);
      return name === undefined ? undefined : byId.get(`${provider}:${name}`);
    },
  };
}

/** The scenarios of the catalog's providers, as the sandbox serves them by default. */
export const catalogScenarios: ScenarioSet = await scenarioSet(providerFolders);

export const SCENARIOS: readonly Scenario[] = catalogScenarios.all;
export const scenarioById = catalogScenarios.byId;
export const credentialsRejectedBy = catalogScenarios.credentialsRejectedBy;
