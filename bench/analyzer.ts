/** The session analyzer's cost over the matcher's, on the same traffic as the matcher's benchmark. */
import { createCaptureReader } from '../lib/capture-reader';
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
      // A new reader each round, as each capture or HAR file gets one.
      const reader = createCaptureReader();
      for (let index = 0; index < traffic.length; index++) {
        const diagnosed = reader.read(traffic[index] as Exchange, index);
        if (diagnosed) sink += 1 + diagnosed.analysis.supportIds.length;
      }
    },
  ]);
  if (sink === 0) throw new Error('nothing was diagnosed: the traffic generator is broken');

  return {
    analyzerOverheadRatio: withAnalyzerMs / matcherMs,
    detail: { exchanges: EXCHANGES, matcherMs, withAnalyzerMs },
  };
}
