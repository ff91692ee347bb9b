/**
 * A capture read in order: each exchange goes through the matcher, then the session
 * analyzer (successes too: the token that expired was issued by a success). Both share one
 * host lookup, so the analyzer asks of each URL what the matcher has just answered, at the
 * cost of one comparison. The panel, the CLI and the backend hook read captures through this.
 */
import {
  createSessionAnalyzer,
  type ExchangeAnalysis,
  type SessionAnalyzerOptions,
  type SessionWarning,
} from './analyzer';
import {
  createMatcher,
  isAnswered,
  isPreflightOrTunnel,
  type MatcherOptions,
  providerScope,
} from './matcher';
import { providers as catalog, type Provider } from './providers';
import type { Diagnosis, Exchange } from './types';

export interface DiagnosedExchange {
  diagnosis: Diagnosis;
  analysis: ExchangeAnalysis;
}

export interface CaptureReader {
  /** Every exchange in capture order; `index` numbers it for the analyzer's `related` entries. */
  read(exchange: Exchange, index: number): DiagnosedExchange | null;
  /** Session warnings raised so far, each once. */
  warnings(): SessionWarning[];
}

export function createCaptureReader(
  options: MatcherOptions & SessionAnalyzerOptions = {},
  providers: readonly Provider[] = catalog,
): CaptureReader {
  const scope = providerScope(options, providers);
  const diagnose = createMatcher(options, providers, scope);
  const analyzer = createSessionAnalyzer(options, providers, scope);
  const anyHost = options.anyHost === true;
  const { lookup } = scope;
  const prefixes = anyHost ? undefined : scope.prefixes;
  return {
    read(exchange, index) {
      // Nine requests in ten are the page's own: neither the matcher nor the analyzer has
      // anything to do with a host no provider claims, nor with a preflight, a tunnel or a request
      // left unanswered on any host. The host's first two characters turn most away, before
      // any other field is read; a few comparisons then, and one lookup, the rest.
      const { url } = exchange;
      if (typeof url !== 'string' || prefixes?.turnAway(url)) return null;
      const { status, method } = exchange;
      if (!isAnswered(status) || typeof method !== 'string' || isPreflightOrTunnel(method)) return null;
      if (!anyHost && lookup(url) === undefined) return null;
      const diagnosis = diagnose(exchange);
      const analysis = analyzer.observe(exchange, index, diagnosis);
      return diagnosis ? { diagnosis, analysis } : null;
    },
    warnings: () => analyzer.warnings(),
  };
}
