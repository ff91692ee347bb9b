import { redactorFor } from '../redact';
import type { Finding } from '../types';
import { type FormatContext, type StreamingFormat, writeAll } from './summary';

/** One diagnosis of the CLI's JSON contract; keys and their order are fixed for other tools. */
function jsonDiagnosis({ file, entryIndex, exchange, diagnosis: d }: Finding) {
  const redact = redactorFor(exchange);
  const maybe = (text: string | null) => (text === null ? null : redact.text(text));
  return {
    // Only the CLI reads files: undefined elsewhere, which JSON leaves out, so the panel's
    // exports stay as they were.
    file,
    entryIndex: entryIndex ?? null,
    startedDateTime: d.startedDateTime,
    method: d.method,
    url: redact.url(d.url),
    status: d.status,
    provider: d.provider,
    providerName: d.providerName,
    match: d.match,
    outcome: d.outcome,
    code: maybe(d.code),
    message: maybe(d.message),
    documented: d.documented,
    category: d.category,
    title: d.title,
    meaning: d.meaning,
    remedy: d.remedy,
    retry: d.retry,
    fields: d.fields.map(({ field, message }) => ({ field, message: redact.text(message) })),
    docsUrl: d.docsUrl,
  };
}

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
