import { present } from '../presentation';
import type { Finding } from '../types';
import { type FormatContext, type StreamingFormat, writeAll } from './summary';

/** One diagnosis of the CLI's JSON contract; keys and their order are fixed for other tools. */
export function jsonDiagnosis(finding: Finding) {
  const shown = present(finding);
  return {
    // Only the CLI reads files: undefined elsewhere, which JSON leaves out, so the panel's
    // exports stay as they were.
    file: finding.file,
    entryIndex: shown.entryIndex ?? null,
    startedDateTime: shown.startedDateTime,
    method: shown.method,
    url: shown.url,
    status: shown.status,
    provider: shown.provider,
    providerName: shown.providerName,
    match: shown.match,
    outcome: shown.outcome,
    code: shown.code,
    message: shown.message,
    documented: shown.documented,
    category: shown.category,
    title: shown.title,
    meaning: shown.meaning,
    remedy: shown.remedy,
    retry: shown.retry,
    fields: shown.fields,
    docsUrl: shown.docsUrl,
    insights: shown.insights,
    supportIds: shown.supportIds,
  };
}

export type JsonDiagnosis = ReturnType<typeof jsonDiagnosis>;

/**
 * `value` as JSON.stringify(document, null, 2) writes it `depth` levels deep: wrapped in as
 * many arrays, so that JSON.stringify indents it itself, and unwrapped. Re-indenting its
 * lines with a replace cost half as much again as the stringifying.
 */
function nested(value: unknown, depth: number): string {
  let wrapped = value;
  // Each array opens with `[`, a new line and its indent, and closes with a new line, its
  // parent's indent and `]`.
  let opening = 0;
  let closing = 0;
  for (let level = 1; level <= depth; level++) {
    wrapped = [wrapped];
    opening += 2 + 2 * level;
    closing += 2 + 2 * (level - 1);
  }
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(opening, text.length - closing);
}

/**
 * `{"diagnoses": [...], "summary": {...}}`, written exactly as JSON.stringify(document,
 * null, 2) would write it, one diagnosis at a time.
 */
export const jsonStream: StreamingFormat = {
  begin: () => '{\n  "diagnoses": [',
  item: (finding, index) => `${index === 0 ? '' : ','}\n    ${nested(jsonDiagnosis(finding), 2)}`,
  end: (summary) => `${summary.diagnosed > 0 ? '\n  ' : ''}],\n  "summary": ${nested(summary, 1)}\n}\n`,
};

export function formatJson(findings: readonly Finding[], context: FormatContext): string {
  return writeAll(jsonStream, findings, context);
}
