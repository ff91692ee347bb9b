/** Rate: requests per API key against the documented limit, at the 429 and before it. */
import type { Provider, RateLimit } from '../providers/provider';
import type { Diagnosis, Exchange } from '../types';
import type { QuickDigest } from './keyed-hash';
import { headerValue } from './read';
import type { Insight, SessionWarning } from './types';
import { possessive } from './words';

/** A window this full of the limit warns, before any 429. */
const RATE_WARNING_SHARE = 0.8;
/** Keys followed per provider: a capture uses one or two. */
const RATE_KEYS_KEPT_PER_PROVIDER = 16;
/** Starts kept per key, as a multiple of the limit: far past it, the exact count adds nothing. */
const LIMITS_KEPT = 4;
/** Entries listed as related: the latest few of the window. */
const MAX_RELATED = 10;
/** The requests that show no key. */
const NO_KEY = -1;

/** The latest starts of one key, oldest first, in a ring: a burst neither grows nor copies it. */
interface Window {
  starts: number[];
  entries: number[];
  head: number;
  size: number;
  /** A warning was raised for the burst still in the window. */
  warned: boolean;
}

function openWindow(capacity: number): Window {
  return {
    starts: new Array(capacity).fill(0),
    entries: new Array(capacity).fill(0),
    head: 0,
    size: 0,
    warned: false,
  };
}

/** Drops the starts at or before `opens`, then keeps this one, dropping the oldest when full. */
function slide(window: Window, opens: number, startMs: number, index: number): void {
  const capacity = window.starts.length;
  while (window.size > 0 && (window.starts[window.head] as number) <= opens) {
    window.head = (window.head + 1) % capacity;
    window.size--;
  }
  if (window.size === capacity) {
    window.head = (window.head + 1) % capacity;
    window.size--;
  }
  const at = (window.head + window.size) % capacity;
  window.starts[at] = startMs;
  window.entries[at] = index;
  window.size++;
}

/** The entries of the window's starts after `opens`, this one left out. */
function entriesAfter(window: Window, opens: number, index: number): number[] {
  const capacity = window.starts.length;
  const found: number[] = [];
  for (let i = 0; i < window.size; i++) {
    const at = (window.head + i) % capacity;
    const entry = window.entries[at] as number;
    if ((window.starts[at] as number) > opens && entry !== index) found.push(entry);
  }
  return found;
}

function perWindow({ requests, windowSeconds }: RateLimit): string {
  return windowSeconds === 1 ? `${requests} per second` : `${requests} per ${windowSeconds} s`;
}

export interface RateFollower {
  /** Every request to the provider; an insight for a rate-limit diagnosis. */
  follow(
    exchange: Exchange,
    index: number,
    diagnosis: Diagnosis | null,
    startMs: number,
  ): Insight | undefined;
}

/** Requests per key to a provider with a documented limit. */
export function followRate(
  provider: Provider,
  limit: RateLimit,
  digest: QuickDigest,
  raise: (warning: SessionWarning) => void,
): RateFollower {
  const windows = new Map<number, Window>();
  // After a rate-limit diagnosis the error speaks for itself: no more warnings.
  let limited = false;
  const keyHeader = limit.keyHeader.toLowerCase();

  return {
    follow(exchange, index, diagnosis, startMs) {
      const keyText = headerValue(exchange.requestHeaders, keyHeader);
      const key = keyText === undefined || keyText.trim() === '' ? NO_KEY : digest(keyText);
      let window = windows.get(key);
      if (window === undefined) {
        window = openWindow(limit.requests * LIMITS_KEPT);
        windows.set(key, window);
        if (windows.size > RATE_KEYS_KEPT_PER_PROVIDER) windows.delete(windows.keys().next().value as number);
      }
      // The window ends at this request: (start − window, start].
      const opens = startMs - limit.windowSeconds * 1000;
      slide(window, opens, startMs, index);
      const withKey = key === NO_KEY ? '' : ' with the same key';

      if (diagnosis?.category === 'rate-limit') {
        limited = true;
        // A 429 that shows no key is compared with all the provider's requests.
        const compared = key === NO_KEY ? [...windows.values()] : [window];
        const inWindow = compared.flatMap((each) => entriesAfter(each, opens, index));
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
      const observed = window.size;
      const threshold = Math.ceil(limit.requests * RATE_WARNING_SHARE);
      if (observed < threshold) window.warned = false;
      else if (!window.warned && !limited) {
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
