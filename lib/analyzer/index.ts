/**
 * The session analyzer: fed every exchange of a capture in order, provider successes
 * included (the token that expired was issued by a success), it explains why a diagnosis
 * happened here (clock skew, token age and form) and raises session warnings. It keeps
 * bounded digests per provider, never a raw secret.
 */
import { startedMs } from '../har-time';
import {
  isAnswered,
  isPreflightOrTunnel,
  type MatcherOptions,
  type ProviderScope,
  providerScope,
} from '../matcher';
import { providers as catalog } from '../providers';
import type { Provider } from '../providers/provider';
import type { Diagnosis, Exchange } from '../types';
import { clockInsight, skewWarningText, successSkew } from './clock';
import { followEnvironments } from './environment';
import { followIdempotencyKeys } from './idempotency';
import { createKeyedDigest, createQuickDigest, randomKey } from './keyed-hash';
import { followRate, type RateFollower } from './rate';
import { followRepetitions, polls } from './repeated';
import { supportIds } from './support-ids';
import { createTokenTracker, isIssuerRequest } from './token';
import type { ExchangeAnalysis, Insight, InsightKind, SessionWarning, TrafficFollower } from './types';

export type { ExchangeAnalysis, Figures, Insight, InsightKind, SessionWarning, SupportId } from './types';
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

/** The kinds that follow one provider's requests, with their memories of them. */
interface Followers {
  environments: TrafficFollower | undefined;
  idempotency: TrafficFollower | undefined;
  repetitions: TrafficFollower;
  /** Its successes belong to series too: it answers some requests with "poll". */
  polls: boolean;
  rate: RateFollower | undefined;
  learnsFromSuccesses: boolean;
}

/** What most exchanges get: shared, so frozen. */
const NOTHING: ExchangeAnalysis = Object.freeze({
  insights: Object.freeze([]) as unknown as Insight[],
  supportIds: Object.freeze([]) as unknown as ExchangeAnalysis['supportIds'],
});

/**
 * Give the matcher's options (hosts, providers) so successes are attributed as it attributes
 * failures; better, its scope, so that each URL is looked up once (see `createCaptureReader`).
 */
export function createSessionAnalyzer(
  options: SessionAnalyzerOptions = {},
  providers: readonly Provider[] = catalog,
  scope: ProviderScope = providerScope(options, providers),
): SessionAnalyzer {
  const { enabled, lookup } = scope;
  const secretKey = options.secretKey ?? randomKey();
  const tokens = createTokenTracker(createKeyedDigest(secretKey));
  const warnings = new Map<string, SessionWarning>();
  const quickDigest = createQuickDigest(secretKey);
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const followersByProvider = new Map<Provider, Followers>();
  // A success teaches tokens and clocks only when it may be a token issuer's reply or carries
  // a timestamp header: cheap tests spare the other successes those reads.
  // Browsers send standard methods upper-cased; lower case is kept for hand-written HARs.
  const issuerMethods = new Set(
    enabled.flatMap(({ bearerTokens }) => {
      const method = bearerTokens?.issuer?.method;
      return method === undefined ? [] : [method, method.toLowerCase()];
    }),
  );
  const timestampHeaders = new Set(
    enabled.flatMap((provider) => provider.timestamp?.header.toLowerCase() ?? []),
  );
  const timestampHeaderLengths = new Set([...timestampHeaders].map((name) => name.length));

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

  /** A warning made whole by its kind's module: once per kind and provider, later ones add their entries. */
  function raise(warning: SessionWarning) {
    const key = `${warning.kind}\u0000${warning.provider}`;
    const raised = warnings.get(key);
    if (raised === undefined) {
      warnings.set(key, { ...warning, related: warning.related.slice(0, MAX_WARNING_RELATED) });
      return;
    }
    for (const index of warning.related) {
      if (raised.related.length < MAX_WARNING_RELATED && !raised.related.includes(index))
        raised.related.push(index);
    }
  }

  /** Made at a provider's first request, for the kinds it has. */
  function followersOf(provider: Provider): Followers {
    const made = followersByProvider.get(provider);
    if (made !== undefined) return made;
    const { idempotency, rateLimit } = provider;
    const followers: Followers = {
      environments:
        provider.environments.length > 1 ? followEnvironments(provider, quickDigest, raise) : undefined,
      idempotency: idempotency && followIdempotencyKeys(provider, idempotency, quickDigest, raise),
      repetitions: followRepetitions(provider, quickDigest),
      polls: polls(provider),
      rate: rateLimit && followRate(provider, rateLimit, quickDigest, raise),
      // Providers with nothing to learn from their successes are skipped before any read.
      learnsFromSuccesses: provider.timestamp !== undefined || provider.bearerTokens?.issuer !== undefined,
    };
    followersByProvider.set(provider, followers);
    return followers;
  }

  /**
   * The kinds that follow every request to a provider, successes too; their insights for a
   * diagnosis (a success has none, so it passes no list).
   */
  function followTraffic(
    { environments, idempotency, repetitions, polls, rate }: Followers,
    exchange: Exchange,
    index: number,
    diagnosis: Diagnosis | null,
    insights?: Insight[],
  ): void {
    const environment = environments?.follow(exchange, index, diagnosis);
    if (environment) insights?.push(environment);
    const idempotent = idempotency?.follow(exchange, index, diagnosis);
    if (idempotent) insights?.push(idempotent);
    if (diagnosis !== null || polls) {
      const repeated = repetitions.follow(exchange, index, diagnosis);
      if (repeated) insights?.push(repeated);
    }
    if (rate === undefined) return;
    // Rates count time: a request without a readable start is left out of them.
    const startMs = startedMs(exchange.startedDateTime);
    const rateInsight = startMs === undefined ? undefined : rate.follow(exchange, index, diagnosis, startMs);
    if (rateInsight) insights?.push(rateInsight);
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
        if (!isAnswered(status) || status >= 300 || typeof url !== 'string' || typeof method !== 'string') {
          return NOTHING;
        }
        // Every provider success counts (rates, environments, series), so every success is
        // looked up: with the matcher's scope shared, it has just looked up the same URL, and
        // this is one comparison.
        const provider = lookup(url);
        if (provider === undefined || isPreflightOrTunnel(method)) return NOTHING;
        const followers = followersOf(provider);
        // Only the providers that learn from successes look at one's reply or headers.
        if (followers.learnsFromSuccesses) {
          // A token comes in a body: an empty reply (a 204, a beacon) issues none.
          const body = exchange.responseBody;
          const mayIssueToken = issuerMethods.has(method) && typeof body === 'string' && body !== '';
          if (mayIssueToken || carriesTimestamp(exchange.requestHeaders))
            learnFromSuccess(provider, exchange, index);
        }
        followTraffic(followers, exchange, index, null);
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
      followTraffic(followersOf(provider), exchange, index, diagnosis, insights);
      return { insights, supportIds: supportIds(exchange) };
    },

    warnings() {
      return [...warnings.values()].map((warning) => ({
        ...warning,
        related: [...warning.related],
        figures: Object.fromEntries(
          Object.entries(warning.figures).map(([name, value]) => [
            name,
            Array.isArray(value) ? [...value] : value,
          ]),
        ),
      }));
    },
  };
}
