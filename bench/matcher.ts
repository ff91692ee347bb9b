/**
 * The matcher, with the session analyzer fed every exchange as the panel and the CLI feed
 * it (through the one capture reader), against its floor: the bare JSON.parse of the same
 * provider bodies.
 */
import { createCaptureReader } from '../lib/capture-reader';
import { providers } from '../lib/providers';
import type { Exchange } from '../lib/types';
import { generateTraffic } from './traffic';

const EXCHANGES = 200_000;
const ROUNDS = 15;

/**
 * The fastest of several rounds of each task, the tasks taking turns: the least disturbed
 * by the rest of the machine, and disturbed alike.
 */
export function fastest(tasks: Array<() => void>): number[] {
  const best = tasks.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    tasks.forEach((run, index) => {
      const start = performance.now();
      run();
      best[index] = Math.min(best[index] as number, performance.now() - start);
    });
  }
  return best;
}

export function benchMatcher() {
  const traffic = generateTraffic(EXCHANGES);
  const hosts = new Set(providers.flatMap((provider) => provider.hosts));
  const toProvider = (exchange: Exchange) =>
    hosts.has(new URL(exchange.url).hostname) && exchange.method !== 'OPTIONS';
  const providerBodies = traffic.filter(toProvider).map((exchange) => exchange.responseBody ?? '');
  const pageTraffic = traffic.filter((exchange) => !toProvider(exchange));

  let sink = 0;
  /** A new reader each round, as each capture or HAR file gets one. */
  const diagnoseAndAnalyze = (exchanges: readonly Exchange[]) => {
    const reader = createCaptureReader();
    for (let index = 0; index < exchanges.length; index++) {
      const diagnosed = reader.read(exchanges[index] as Exchange, index);
      if (diagnosed) sink += 1 + diagnosed.analysis.insights.length;
    }
  };
  const [diagnoseMs = 0, floorMs = 0, pageMs = 0, pageReadMs = 0] = fastest([
    () => diagnoseAndAnalyze(traffic),
    () => {
      for (const body of providerBodies) if (JSON.parse(body)) sink++;
    },
    () => diagnoseAndAnalyze(pageTraffic),
    // What no lookup can do without: bringing each page request's URL into the cache.
    () => {
      for (const exchange of pageTraffic) sink += exchange.url.charCodeAt(8);
    },
  ]);
  if (sink === 0) throw new Error('nothing was diagnosed: the traffic generator is broken');

  return {
    matcherRatio: diagnoseMs / floorMs,
    matcherExchangesPerSec: EXCHANGES / (diagnoseMs / 1000),
    nonProviderNsPerExchange: (pageMs * 1e6) / pageTraffic.length,
    detail: {
      exchanges: EXCHANGES,
      providerExchanges: providerBodies.length,
      diagnoseMs,
      floorMs,
      pageUrlReadNs: (pageReadMs * 1e6) / pageTraffic.length,
    },
  };
}
