/** Repetition: the same request sent again against the advice, too soon, or polled too often. */

import { startedMs } from '../har-time';
import type { Provider } from '../providers/provider';
import type { Diagnosis, Retry } from '../types';
import { DigestMap } from './digest-map';
import type { QuickDigest } from './keyed-hash';
import type { Insight, TrafficFollower } from './types';

/** Distinct requests remembered per provider: retries follow closely, so the latest suffice. */
const SERIES_KEPT_PER_PROVIDER = 64;
/** Attempts listed as related: the latest few prove it as well as all. */
const MAX_RELATED_ATTEMPTS = 10;
/** Under this, status queries hammer the provider rather than poll it. */
const BRISK_POLL_MS = 1000;

interface Series {
  count: number;
  /** The first start as the capture wrote it, read once the series repeats. */
  firstStarted: unknown;
  firstMs?: number | undefined;
  /** The latest attempts' entries, oldest first. */
  entries: number[];
  /** What the latest diagnosis of the series advised, and when its request started. */
  advised: { retry: Retry; started: unknown } | undefined;
}

const tenths = (ms: number) => Math.round(ms / 100) / 10;

/** Providers whose `poll` diagnoses call for status queries, whose successes belong to a series. */
export function polls(provider: Provider): boolean {
  return provider.rules.some((rule) => rule.retry === 'poll');
}

function insight(
  provider: Provider,
  series: Series,
  diagnosis: Diagnosis,
  started: unknown,
): Insight | undefined {
  const startMs = startedMs(started);
  if (!('firstMs' in series)) series.firstMs = startedMs(series.firstStarted);
  const firstMs = series.firstMs;
  // Without the capture's times there is no span or wait to state.
  if (startMs === undefined || firstMs === undefined) return undefined;
  const count = series.count + 1;
  const spanSeconds = tenths(startMs - firstMs);
  const related = [...series.entries];
  if (diagnosis.retry.advice === 'poll') {
    const briskly = startMs - firstMs < BRISK_POLL_MS * (count - 1);
    return {
      kind: 'repeated',
      text: briskly
        ? `This is status query ${count} for the same operation in ${spanSeconds} s, less than a second apart: query less often, as the operation needs time to finish.`
        : `This is status query ${count} for the same operation in ${spanSeconds} s.`,
      related,
      figures: { problem: 'polling', count, spanSeconds },
    };
  }
  const advised = series.advised;
  if (advised?.retry.advice === 'no') {
    return {
      kind: 'repeated',
      text: `The same request was sent ${count} times in ${spanSeconds} s, though ${provider.name}'s earlier answer means it cannot succeed unchanged: fix the request or account first.`,
      related,
      figures: { problem: 'retried-no-retry', count, spanSeconds },
    };
  }
  const askedSeconds = advised?.retry.advice === 'after' ? advised.retry.afterSeconds : undefined;
  const advisedMs = askedSeconds === undefined ? undefined : startedMs(advised?.started);
  if (askedSeconds === undefined || advisedMs === undefined) return undefined;
  const waitedSeconds = tenths(startMs - advisedMs);
  if (waitedSeconds >= askedSeconds) return undefined;
  return {
    kind: 'repeated',
    text: `The same request was sent again ${waitedSeconds} s after an answer that asked to wait ${askedSeconds} s (attempt ${count} in ${spanSeconds} s): wait the stated time before retrying.`,
    related,
    figures: { problem: 'retried-too-soon', count, spanSeconds, waitedSeconds, askedSeconds },
  };
}

/**
 * A diagnosis, or a success of a provider that `polls`; an insight when the diagnosis is the
 * latest of a series of the same request.
 */
export function followRepetitions(provider: Provider, digest: QuickDigest): TrafficFollower {
  const kept = new DigestMap<Series>(SERIES_KEPT_PER_PROVIDER);

  return {
    follow(exchange, index, diagnosis) {
      const body = typeof exchange.requestBody === 'string' ? exchange.requestBody : '';
      // Same request: same method, URL and body.
      const key = digest(exchange.method, exchange.url, body);
      const started = exchange.startedDateTime;
      const advised = diagnosis ? { retry: diagnosis.retry, started } : undefined;
      const series = kept.get(key);
      if (series === undefined) {
        kept.set(key, { count: 1, firstStarted: started, entries: [index], advised });
        return undefined;
      }
      const found = diagnosis ? insight(provider, series, diagnosis, started) : undefined;
      series.count++;
      series.entries.push(index);
      if (series.entries.length > MAX_RELATED_ATTEMPTS) series.entries.shift();
      if (advised) series.advised = advised;
      return found;
    },
  };
}
