/** The session analyzer's cost over the matcher's, on the same traffic as the matcher's benchmark. */
import { createSessionAnalyzer } from '../lib/analyzer';
import { createMatcher } from '../lib/matcher';
import type { Exchange } from '../lib/types';
import { fastest } from './matcher';
import { generateTraffic } from './traffic';

const EXCHANGES = 200_000;

export function benchAnalyzer() {
  const traffic = generateTraffic(EXCHANGES);
  const diagnose = createMatcher();

  let sink = 0;
  const [matcherMs = 0, withAnalyzerMs = 0] = fastest([
    () => {
      for (let index = 0; index < traffic.length; index++) {
        if (diagnose(traffic[index] as Exchange)) sink++;
      }
    },
    () => {
      // A new session each round, as each capture or HAR file gets one.
      const analyzer = createSessionAnalyzer();
      for (let index = 0; index < traffic.length; index++) {
        const exchange = traffic[index] as Exchange;
        const diagnosis = diagnose(exchange);
        if (diagnosis) sink++;
        sink += analyzer.observe(exchange, index, diagnosis).supportIds.length;
      }
    },
  ]);
  if (sink === 0) throw new Error('nothing was diagnosed: the traffic generator is broken');

  return {
    analyzerOverheadRatio: withAnalyzerMs / matcherMs,
    detail: { exchanges: EXCHANGES, matcherMs, withAnalyzerMs },
  };
}
