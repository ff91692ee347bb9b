/**
 * The session analyzer: fed every exchange of a capture in order, provider successes
 * included (the token that expired was issued by a success), it explains why a diagnosis
 * happened here (clock skew, token age and form) and raises session warnings. It keeps
 * bounded digests per provider, never a raw secret.
 */
import { isPreflight, type MatcherOptions, providerScope } from '../matcher';
import { providers as catalog } from '../providers';
import type { Provider } from '../providers/provider';
import type { Diagnosis, Exchange } from '../types';
import { clockInsight, skewWarningText, successSkew } from './clock';
import { createKeyedDigest, randomKey } from './keyed-hash';
import { supportIds } from './support-ids';
import { createTokenTracker, isIssuerRequest } from './token';
import type { ExchangeAnalysis, Insight, InsightKind, SessionWarning } from './types';

export type { ExchangeAnalysis, Insight, InsightKind, SessionWarning, SupportId } from './types';
export { INSIGHT_KINDS } from './types';

export interface SessionAnalyzer {
  /**
   * Feed every exchange in capture order (provider successes too); `index` is its entry
   * index (HAR entry / capture order), `diagnosis` is the matcher's result or null.
   */
  observe(exchange: Exchange, index: number, diagnosis: Diagnosis | null): ExchangeAnalysis;
  /** Session warnings raised so far, each once. */
  warnings(): SessionWarning[];
}

export interface SessionAnalyzerOptions extends Pick<MatcherOptions, 'hosts' | 'providers'> {
  /** Keys the token digests; random per analyzer when absent. */
  secretKey?: string;
}

/** Entries listed as proof of one warning; the first few prove it as well as all. */
const MAX_WARNING_RELATED = 10;

/** What most exchanges get: shared, so frozen. */
const NOTHING: ExchangeAnalysis = Object.freeze({
  insights: Object.freeze([]) as unknown as Insight[],
  supportIds: Object.freeze([]) as unknown as ExchangeAnalysis['supportIds'],
});

/** Give the matcher's options (hosts, providers) so successes are attributed as it attributes failures. */
export function createSessionAnalyzer(
  options: SessionAnalyzerOptions = {},
  providers: readonly Provider[] = catalog,
): SessionAnalyzer {
  const { enabled, lookup } = providerScope(options, providers);
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const tokens = createTokenTracker(createKeyedDigest(options.secretKey ?? randomKey()));
  const warnings = new Map<string, SessionWarning>();
  // Providers with nothing to learn from their successes are skipped before any read.
  const learnsFromSuccesses = new Set(
    enabled.filter((provider) => provider.timestamp || provider.bearerTokens?.issuer),
  );
  // Most traffic is the page's own: cheap tests turn it away before the host lookup, a
  // quarter of the matcher's own time when done again. A success teaches only when it may
  // be a token issuer's reply or carries a timestamp header.
  const timestampHeaders = new Set(
    enabled.flatMap((provider) => provider.timestamp?.header.toLowerCase() ?? []),
  );
  const timestampHeaderLengths = new Set([...timestampHeaders].map((name) => name.length));

  // Browsers send standard methods upper-cased (fetch normalises `post`); lower case is
  // kept for hand-written HARs. Compared as they are: no per-exchange copy or hash.
  const issuerMethods = [
    ...new Set(
      enabled.flatMap(({ bearerTokens }) => {
        const method = bearerTokens?.issuer?.method;
        return method === undefined ? [] : [method, method.toLowerCase()];
      }),
    ),
  ];

  /**
   * The method first, which the matcher has just read. A token comes in a body: an empty
   * reply (a 204, a beacon) issues none.
   */
  function mayBeIssuerReply(exchange: Exchange, method: string): boolean {
    if (!issuerMethods.includes(method)) return false;
    const body = exchange.responseBody;
    return typeof body === 'string' && body !== '';
  }

  function carriesTimestamp(headers: unknown): boolean {
    if (!Array.isArray(headers)) return false;
    for (let i = 0; i < headers.length; i++) {
      const name: unknown = headers[i]?.name;
      if (
        typeof name === 'string' &&
        timestampHeaderLengths.has(name.length) &&
        timestampHeaders.has(name.toLowerCase())
      ) {
        return true;
      }
    }
    return false;
  }

  function warn(
    provider: Provider,
    kind: InsightKind,
    index: number,
    make: () => Omit<SessionWarning, 'related'>,
  ) {
    const key = `${kind}\u0000${provider.id}`;
    const raised = warnings.get(key);
    if (raised === undefined) warnings.set(key, { ...make(), related: [index] });
    else if (raised.related.length < MAX_WARNING_RELATED) raised.related.push(index);
  }

  function learnFromSuccess(provider: Provider, exchange: Exchange, index: number): void {
    const issuer = provider.bearerTokens?.issuer;
    if (issuer && isIssuerRequest(issuer, exchange)) tokens.recordIssued(provider, issuer, exchange, index);
    const timestamp = provider.timestamp;
    if (!timestamp) return;
    const skewSeconds = successSkew(exchange, timestamp);
    if (skewSeconds === undefined) return;
    warn(provider, 'clock-skew', index, () => ({
      kind: 'clock-skew',
      provider: provider.id,
      text: skewWarningText(provider, timestamp.header, skewSeconds),
      figures: { header: timestamp.header, problem: 'skew', skewSeconds },
    }));
  }

  return {
    observe(exchange, index, diagnosis) {
      if (diagnosis === null) {
        const { status, url, method } = exchange;
        // Only successes teach; failures come with their diagnosis.
        if (typeof status !== 'number' || status < 200 || status >= 300) return NOTHING;
        if (typeof url !== 'string' || typeof method !== 'string') return NOTHING;
        const mayIssueToken = mayBeIssuerReply(exchange, method);
        if (!mayIssueToken && !carriesTimestamp(exchange.requestHeaders)) return NOTHING;
        const provider = lookup(url);
        if (provider && learnsFromSuccesses.has(provider) && !isPreflight(method)) {
          learnFromSuccess(provider, exchange, index);
        }
        return NOTHING;
      }
      const provider = byId.get(diagnosis.provider);
      if (!provider) return NOTHING;
      const insights: Insight[] = [];
      const clock = clockInsight(provider, exchange, diagnosis);
      if (clock) insights.push(clock);
      const token =
        provider.bearerTokens && tokens.insight(provider, provider.bearerTokens, exchange, diagnosis);
      if (token) insights.push(token);
      return { insights, supportIds: supportIds(exchange) };
    },

    warnings() {
      return [...warnings.values()].map((warning) => ({
        ...warning,
        related: [...warning.related],
        figures: { ...warning.figures },
      }));
    },
  };
}
