/**
 * Exchanges, in the order they finished, become findings. Everything that diagnoses a live
 * stream outside the panel (the Node hook, `watchPayments`) goes through here, so what is
 * added to a diagnosis (the session analyzer's insights) is added in one place.
 */
import { createMatcher, type MatcherOptions } from './matcher';
import type { Exchange, Finding } from './types';

export interface Pipeline {
  /** The finding for this exchange, or null when it is no provider failure. */
  push(exchange: Exchange): Finding | null;
}

export function createPipeline(options: MatcherOptions = {}): Pipeline {
  const diagnose = createMatcher(options);
  return {
    push(exchange) {
      const diagnosis = diagnose(exchange);
      return diagnosis ? { exchange, diagnosis } : null;
    },
  };
}
