/** Diagnoses what the process sends to payment providers, through the library's one pipeline. */

import type { SessionWarning } from '../lib/analyzer';
import { type MatcherOptions, providerScope } from '../lib/matcher';
import { createPipeline } from '../lib/pipeline';
import { createInterest } from '../lib/relevance';
import type { Exchange, Finding } from '../lib/types';
import { observe, type RequestContext } from './observe';

export interface Watcher {
  matcher: MatcherOptions;
  /** Every exchange with a provider's (or a custom) host, diagnosed or not: for recordings. */
  onProviderExchange?(exchange: Exchange): void;
  onFinding(finding: Finding, context: RequestContext): void;
  /** A session warning, as soon as the analyzer raises it. */
  onWarning?(warning: SessionWarning): void;
  onError(error: unknown): void;
}

/** Starts watching; returns the function that stops it. */
export function watch(watcher: Watcher): () => void {
  const interest = createInterest(watcher.matcher);
  const { lookup } = providerScope(watcher.matcher);
  const pipeline = createPipeline(watcher.matcher);
  const records = watcher.onProviderExchange !== undefined;
  return observe({
    // Provider successes too: the analyzer reads their clocks and the tokens they issue.
    wanted: (facts) => interest(facts) !== null || (records && lookup(facts.url) !== undefined),
    exchange(exchange, context) {
      if (lookup(exchange.url) !== undefined) watcher.onProviderExchange?.(exchange);
      const finding = pipeline.push(exchange);
      if (finding) watcher.onFinding(finding, context);
      for (const warning of pipeline.newWarnings()) watcher.onWarning?.(warning);
    },
    error: watcher.onError,
  });
}
