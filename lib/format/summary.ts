import type { SessionWarning } from '../analyzer';
import { presentWarning } from '../presentation';
import type { Finding } from '../types';

export interface FormatContext {
  /** How many exchanges were examined (HAR entries, or captured requests). */
  entries: number;
  /** HAR entries that could not be read and were left out. */
  skipped?: number;
  /** The session analyzer's warnings about the capture. */
  warnings?: readonly FileWarning[];
}

/** A session warning; in the CLI, with the file whose entries `related` counts. */
export type FileWarning = SessionWarning & { file?: string };

/** One input file of a CLI run; `error` says why it could not be read (to its end). */
export interface FileSummary {
  file: string;
  entries: number;
  diagnosed: number;
  skipped: number;
  error?: string;
}

export interface Summary {
  entries: number;
  diagnosed: number;
  byProvider: Record<string, number>;
  /** Per input file, in the CLI. */
  files?: FileSummary[];
  warnings: FileWarning[];
}

export function summarise(findings: readonly Finding[], { entries, warnings = [] }: FormatContext): Summary {
  const byProvider: Record<string, number> = {};
  for (const { diagnosis } of findings)
    byProvider[diagnosis.provider] = (byProvider[diagnosis.provider] ?? 0) + 1;
  return { entries, diagnosed: findings.length, byProvider, warnings: warnings.map(presentWarning) };
}

/**
 * A format that can be written a diagnosis at a time, so a large output is never one
 * string: what opens it, each diagnosis, and what closes it once the counts are known.
 */
export interface StreamingFormat {
  begin(): string;
  item(finding: Finding, index: number): string;
  end(summary: Summary, context: FormatContext): string;
  /** What names the file of the diagnoses that follow, the first of which has `index`. */
  file?(file: string, index: number): string;
}

/** The whole output of a streaming format, for callers that want one string. */
export function writeAll(
  format: StreamingFormat,
  findings: readonly Finding[],
  context: FormatContext,
): string {
  return [
    format.begin(),
    ...findings.map(format.item),
    format.end(summarise(findings, context), context),
  ].join('');
}
