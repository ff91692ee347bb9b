/** Rate: requests per API key against the documented limit, at the 429 and before it. */
import type { Provider, RateLimit } from '../providers/provider';
import type { Diagnosis, Exchange } from '../types';
import type { QuickDigest } from './keyed-hash';
import { headerValue } from './read';
import type { Insight, SessionWarning } from './types';
import { possessive } from './words';

/** A window this full of the limit warns, before any 429. */
export const RATE_WARNING_SHARE = 0.8;
/** Keys followed per provider: a capture uses one or two. */
export const KEYS_KEPT_PER_PROVIDER = 16;
/** Starts kept per key, as a multiple of the limit: far past it, the exact count adds nothing. */
const LIMITS_KEPT = 4;
/** Entries listed as related: the latest few of the window. */
const MAX_RELATED = 10;
/** The requests that show no key. */
const NO_KEY = -1;

interface Window {
  /** Starts in the window, oldest first, with their entries. */
  starts: number[];
  entries: number[];
  /** A warning was raised for the burst still in the window. */
  warned: boolean;
}

interface ProviderRate {
  windows: Map<number, Window>;
  /** After a rate-limit diagnosis the error speaks for itself: no more warnings. */
  limited: boolean;
}

function perWindow({ requests, windowSeconds }: RateLimit): string {
  return windowSeconds === 1 ? `${requests} per second` : `${requests} per ${windowSeconds} s`;
}

export interface RateTracker {
  /** Every request to a provider with a documented limit; an insight for a rate-limit diagnosis. */
  follow(
    provider: Provider,
    exchange: Exchange,
    index: number,
    diagnosis: Diagnosis | null,
    startMs: number,
  ): Insight | undefined;
}

export function createRateTracker(
  digest: QuickDigest,
  raise: (warning: SessionWarning) => void,
): RateTracker {
  const byProvider = new Map<Provider, ProviderRate>();

  return {
    follow(provider, exchange, index, diagnosis, startMs) {
      const limit = provider.rateLimit;
      if (limit === undefined) return undefined;
      let rate = byProvider.get(provider);
      if (rate === undefined) {
        rate = { windows: new Map(), limited: false };
        byProvider.set(provider, rate);
      }
      const keyText = headerValue(exchange.requestHeaders, limit.keyHeader.toLowerCase());
      const key = keyText === undefined || keyText.trim() === '' ? NO_KEY : digest(keyText);
      let window = rate.windows.get(key);
      if (window === undefined) {
        window = { starts: [], entries: [], warned: false };
        rate.windows.set(key, window);
        if (rate.windows.size > KEYS_KEPT_PER_PROVIDER)
          rate.windows.delete(rate.windows.keys().next().value as number);
      }
      const windowMs = limit.windowSeconds * 1000;
      // The window ends at this request: (start − window, start].
      const opens = startMs - windowMs;
      while (window.starts.length > 0 && (window.starts[0] as number) <= opens) {
        window.starts.shift();
        window.entries.shift();
      }
      window.starts.push(startMs);
      window.entries.push(index);
      if (window.starts.length > limit.requests * LIMITS_KEPT) {
        window.starts.shift();
        window.entries.shift();
      }
      const withKey = key === NO_KEY ? '' : ' with the same key';

      if (diagnosis?.category === 'rate-limit') {
        rate.limited = true;
        // A 429 that shows no key is compared with all the provider's requests.
        const windows = key === NO_KEY ? [...rate.windows.values()] : [window];
        const inWindow = windows.flatMap(({ starts, entries }) =>
          entries.filter((entry, i) => entry !== index && (starts[i] as number) > opens),
        );
        const observed = inWindow.length + 1;
        const documented = `${possessive(provider.name)} documented ${perWindow(limit)} per API key`;
        return {
          kind: 'rate',
          text:
            observed > limit.requests
              ? `${observed} requests to ${provider.name}${withKey} in the ${limit.windowSeconds} s ending here, over ${documented}: space them out.`
              : `${observed} requests to ${provider.name}${withKey} in the ${limit.windowSeconds} s ending here, within ${documented}: other clients may be sending with the same key.`,
          related: inWindow.sort((a, b) => a - b).slice(-MAX_RELATED),
          figures: { observed, limit: limit.requests, windowSeconds: limit.windowSeconds },
        };
      }
      const observed = window.starts.length;
      const threshold = Math.ceil(limit.requests * RATE_WARNING_SHARE);
      if (observed < threshold) window.warned = false;
      else if (!window.warned && !rate.limited) {
        window.warned = true;
        raise({
          kind: 'rate',
          provider: provider.id,
          text: `${observed} requests to ${provider.name}${withKey} within ${limit.windowSeconds} s reached ${Math.round(RATE_WARNING_SHARE * 100)}% of the documented ${perWindow(limit)} per API key, before any 429: slow down before it refuses requests.`,
          related: [index],
          figures: { observed, limit: limit.requests, windowSeconds: limit.windowSeconds },
        });
      }
      return undefined;
    },
  };
}
