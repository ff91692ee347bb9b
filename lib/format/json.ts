import { redactorFor } from '../redact';
import type { Finding } from '../types';
import { type FormatContext, summarise } from './summary';

/** The CLI's JSON contract; keys and their order are fixed for other tools. */
export function toJsonDocument(findings: readonly Finding[], context: FormatContext) {
  return {
    diagnoses: findings.map(({ entryIndex, exchange, diagnosis: d }) => {
      const redact = redactorFor(exchange);
      const maybe = (text: string | null) => (text === null ? null : redact.text(text));
      return {
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
    }),
    summary: summarise(findings, context),
  };
}

export function formatJson(findings: readonly Finding[], context: FormatContext): string {
  return `${JSON.stringify(toJsonDocument(findings, context), null, 2)}\n`;
}
