import type { Finding } from '../types';

export interface FormatContext {
  /** How many exchanges were examined (HAR entries, or captured requests). */
  entries: number;
  /** HAR entries that could not be read and were left out. */
  skipped?: number;
}

export interface Summary {
  entries: number;
  diagnosed: number;
  byProvider: Record<string, number>;
}

export function summarise(findings: readonly Finding[], { entries }: FormatContext): Summary {
  const byProvider: Record<string, number> = {};
  for (const { diagnosis } of findings)
    byProvider[diagnosis.provider] = (byProvider[diagnosis.provider] ?? 0) + 1;
  return { entries, diagnosed: findings.length, byProvider };
}
