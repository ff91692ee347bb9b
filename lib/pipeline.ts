/**
 * Exchanges, in the order they finished, become findings. Everything that diagnoses a live
 * stream outside the panel (the Node hook, `watchPayments`) goes through here, so the session
 * analyzer's insights and warnings are added in one place.
 */
import type { SessionWarning } from './analyzer';
import { createCaptureReader } from './capture-reader';
import type { MatcherOptions } from './matcher';
import type { Exchange, Finding } from './types';

export interface Pipeline {
  /**
   * The finding for this exchange, or null when it is no provider failure. Every exchange
   * the analyzer may learn from goes in, provider successes too (see `createInterest`).
   */
  push(exchange: Exchange): Finding | null;
  /** The session warnings raised since the last call, each once. */
  newWarnings(): SessionWarning[];
}

export function createPipeline(options: MatcherOptions = {}): Pipeline {
  const reader = createCaptureReader(options);
  const reported = new Set<string>();
  let next = 0;
  return {
    push(exchange) {
      const diagnosed = reader.read(exchange, next++);
      // No entryIndex: a live stream has no file whose entries it would number.
      return diagnosed ? { exchange, ...diagnosed } : null;
    },
    newWarnings() {
      return reader.warnings().filter(({ kind, provider }) => {
        const key = `${kind}\u0000${provider}`;
        if (reported.has(key)) return false;
        reported.add(key);
        return true;
      });
    },
  };
}
