/** What the end-to-end tests share: one Chromium per file, and the rows the scenarios must produce. */
import { afterAll, beforeAll } from 'vitest';
import { type LaunchOptions, launchPayLens, type PayLensBrowser, type Row } from '../../e2e/harness';
import { providerById } from '../../lib/providers';
import type { Scenario } from '../../sandbox/scenarios';
import { SCENARIOS, scenarioById } from '../../sandbox/scenarios';

/**
 * Launches Chromium once for the test file, opens the shop and shows the panel; returns
 * the session for the tests, which reset it between them.
 */
export function usePayLens(options: LaunchOptions = {}): () => PayLensBrowser {
  let session: PayLensBrowser | undefined;
  beforeAll(async () => {
    session = await launchPayLens(options);
    await session.openShop();
    await session.showPanel();
  });
  afterAll(() => session?.close());
  return () => {
    if (!session) throw new Error('Chromium did not start: see the error of beforeAll');
    return session;
  };
}

export function scenario(id: string): Scenario {
  const found = scenarioById(id);
  if (!found) throw new Error(`The sandbox has no scenario ${id}`);
  return found;
}

/** The scenarios that reproduce a provider's documented errors, in the shop's order. */
export function documentedErrors(provider: string): Scenario[] {
  return SCENARIOS.filter((candidate) => candidate.provider === provider && candidate.rule);
}

/** The row a documented error must produce: the catalog's category, the body's code, the answer's status. */
export function expectedRow({ id, provider, rule, answer }: Scenario): Row {
  if (!rule) throw new Error(`${id} reproduces no documented error`);
  return {
    provider,
    code: providerById(provider)?.readError(answer.body).code ?? '',
    category: rule.category,
    status: String(answer.status),
  };
}
