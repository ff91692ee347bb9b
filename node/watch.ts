/** Diagnoses what the process sends to payment providers, through the library's one pipeline. */
import { type MatcherOptions, providerScope } from '../lib/matcher';
import { createPipeline } from '../lib/pipeline';
import { createRelevance } from '../lib/relevance';
import type { Exchange, Finding } from '../lib/types';
import { observe, type RequestContext } from './observe';

export interface Watcher {
  matcher: MatcherOptions;
  /** Every exchange with a provider's (or a custom) host, diagnosed or not: for recordings. */
  onProviderExchange?(exchange: Exchange): void;
  onFinding(finding: Finding, context: RequestContext): void;
  onError(error: unknown): void;
}

/** Starts watching; returns the function that stops it. */
export function watch(watcher: Watcher): () => void {
  const relevant = createRelevance(watcher.matcher);
  const { lookup } = providerScope(watcher.matcher);
  const pipeline = createPipeline(watcher.matcher);
  const records = watcher.onProviderExchange !== undefined;
  return observe({
    wanted: (facts) => relevant(facts) || (records && lookup(facts.url) !== undefined),
    exchange(exchange, context) {
      if (lookup(exchange.url) !== undefined) watcher.onProviderExchange?.(exchange);
      const finding = pipeline.push(exchange);
      if (finding) watcher.onFinding(finding, context);
    },
    error: watcher.onError,
  });
}
