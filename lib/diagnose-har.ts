import { type Chunks, readHar } from './har';
import { createMatcher, type MatcherOptions } from './matcher';
import { providers as catalog, type Provider } from './providers';
import type { Finding } from './types';

export interface HarDiagnosis {
  findings: Finding[];
  /** Every entry of `log.entries`, usable or not. */
  entries: number;
  /** Entries that are not usable HAR entries, with the reason. */
  skipped: Array<{ index: number; reason: string }>;
}

/**
 * Diagnoses every entry of a HAR stream against `providers` (the catalog's by default); only
 * diagnosed exchanges are kept in memory.
 */
export async function diagnoseHar(
  chunks: Chunks,
  options: MatcherOptions = {},
  providers: readonly Provider[] = catalog,
): Promise<HarDiagnosis> {
  const diagnose = createMatcher(options, providers);
  const result: HarDiagnosis = { findings: [], entries: 0, skipped: [] };
  for await (const item of readHar(chunks)) {
    result.entries++;
    if ('invalid' in item) {
      result.skipped.push({ index: item.index, reason: item.invalid });
      continue;
    }
    const diagnosis = diagnose(item.exchange);
    if (diagnosis) result.findings.push({ entryIndex: item.index, exchange: item.exchange, diagnosis });
  }
  return result;
}
