/**
 * `paylens/node`: the provider errors a piece of code causes, for test suites:
 *   const watch = watchPayments();  ...  watch.stop();
 *   expect(watch.diagnoses.filter((d) => !d.documented)).toEqual([]);
 */
import { type JsonDiagnosis, jsonDiagnosis } from '../lib/format/json';
import type { MatcherOptions } from '../lib/matcher';
import { reportOnce } from './errors';
import { watch } from './watch';

export type { JsonDiagnosis } from '../lib/format/json';

export interface WatchPaymentsOptions extends MatcherOptions {
  /** Called with each diagnosis as it happens (the CLI's JSON shape, redacted). */
  onDiagnosis?(diagnosis: JsonDiagnosis): void;
}

export interface PaymentsWatch {
  /** Every diagnosis so far, oldest first. */
  readonly diagnoses: readonly JsonDiagnosis[];
  /** Stops watching; the diagnoses stay. */
  stop(): void;
}

/**
 * Watches the process's `fetch` and `http`/`https` calls to payment providers from now on.
 * A response's diagnosis is made before the code that sent the request gets its body.
 */
export function watchPayments(options: WatchPaymentsOptions = {}): PaymentsWatch {
  const { onDiagnosis, ...matcher } = options;
  const diagnoses: JsonDiagnosis[] = [];
  const stop = watch({
    matcher,
    onFinding(finding) {
      const diagnosis = jsonDiagnosis(finding);
      diagnoses.push(diagnosis);
      onDiagnosis?.(diagnosis);
    },
    onError: reportOnce((text) => process.stderr.write(text)),
  });
  return { diagnoses, stop };
}
