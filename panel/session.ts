/**
 * The live capture's session: every exchange the page makes goes, in order, through the
 * matcher and the session analyzer (successes too: the token that expired was issued by a
 * success), and its diagnoses and warnings into the timeline.
 */
import { type CaptureReader, createCaptureReader } from '../lib/capture-reader';
import type { MatcherOptions } from '../lib/matcher';
import type { Exchange } from '../lib/types';
import type { Timeline } from './timeline';

export class CaptureSession {
  readonly #timeline: Timeline;
  #reader: CaptureReader;
  #options: MatcherOptions;
  /** The capture order, which the analyzer's `related` entries refer to. */
  #next = 0;

  constructor(timeline: Timeline, options: MatcherOptions) {
    this.#timeline = timeline;
    this.#options = options;
    this.#reader = createCaptureReader(options);
  }

  /**
   * New settings apply to what comes next. The analyzer starts over too: a host added in the
   * settings must be read for the tokens and clocks of its successes.
   */
  setOptions(options: MatcherOptions): void {
    if (options === this.#options) return;
    this.#options = options;
    this.#reader = createCaptureReader(options);
  }

  observe(exchange: Exchange): void {
    const index = this.#next++;
    const diagnosed = this.#reader.read(exchange, index);
    this.#timeline.countExamined();
    if (diagnosed) this.#timeline.add({ entryIndex: index, exchange, ...diagnosed });
    this.#timeline.putWarnings(this.#reader.warnings());
  }

  /** Clear: the list and what the analyzer learnt go together. */
  clear(): void {
    this.#timeline.clear();
    this.#next = 0;
    this.#reader = createCaptureReader(this.#options);
  }
}
