import { presentationOf } from '../presentation';
import type { Finding } from '../types';
import { type FormatContext, type StreamingFormat, writeAll } from './summary';

/** One diagnosis of the CLI's JSON contract; keys and their order are fixed for other tools. */
export function jsonDiagnosis(finding: Finding) {
  const shown = presentationOf(finding);
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

const nested = (value: unknown, indent: string) =>
  JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);

/**
 * `{"diagnoses": [...], "summary": {...}}`, written exactly as JSON.stringify(document,
 * null, 2) would write it, one diagnosis at a time.
 */
export const jsonStream: StreamingFormat = {
  begin: () => '{\n  "diagnoses": [',
  item: (finding, index) => `${index === 0 ? '' : ','}\n    ${nested(jsonDiagnosis(finding), '    ')}`,
  end: (summary) => `${summary.diagnosed > 0 ? '\n  ' : ''}],\n  "summary": ${nested(summary, '  ')}\n}\n`,
};

export function formatJson(findings: readonly Finding[], context: FormatContext): string {
  return writeAll(jsonStream, findings, context);
}
