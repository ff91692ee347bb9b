import { redactorFor } from '../redact';
import type { Finding } from '../types';
import { shownResponseBody } from './body';
import { describeMatch, describeRetry, headline } from './describe';
import {
  type FileSummary,
  type FormatContext,
  type StreamingFormat,
  type Summary,
  summarise,
} from './summary';

/** Provider text is data: it must not become links, emphasis or HTML in a ticket. */
export function escapeMarkdown(text: string): string {
  // `:` and `@` too: `https\://` and `\@name` are not turned into links or mentions.
  return text.replace(/[\\`*_{}[\]()<>#+!|~:@]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}

/** The longest run of backticks; a loop, as a spread of a hostile text's runs overflows the stack. */
function longestRun(text: string, pattern: RegExp): number {
  let longest = 0;
  for (const [run] of text.matchAll(pattern)) longest = Math.max(longest, run.length);
  return longest;
}

function inlineCode(text: string): string {
  const longest = longestRun(text, /`+/g);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\n/g, ' ')}${pad}${fence}`;
}

function codeBlock(text: string, language: string): string {
  const longest = longestRun(text, /`{3,}/g);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

function section({ exchange, diagnosis: d }: Finding): string {
  const redact = redactorFor(exchange);
  const name = redact.text(headline(d));
  const lines = [
    `### ${escapeMarkdown(d.providerName)}: ${escapeMarkdown(name)} (HTTP ${d.status})`,
    '',
    `${inlineCode(`${d.method} ${redact.url(d.url)}`)}`,
    '',
    `- **Provider:** ${escapeMarkdown(d.providerName)} (\`${d.provider}\`, ${describeMatch(d)})`,
    `- **Code:** ${d.code === null ? '—' : inlineCode(redact.text(d.code))}${d.documented ? '' : ' (not in the provider’s documentation)'}`,
  ];
  if (d.message !== null) lines.push(`- **Message:** ${escapeMarkdown(redact.text(d.message))}`);
  lines.push(
    `- **Status:** ${d.status} (${d.outcome})`,
    `- **Category:** ${d.category}`,
    `- **Time:** ${escapeMarkdown(d.startedDateTime)}`,
    '',
    `**${escapeMarkdown(d.title)}.** ${escapeMarkdown(d.meaning)}`,
    '',
    `**Remedy:** ${escapeMarkdown(d.remedy)}`,
    '',
    `**Retry:** ${describeRetry(d.retry)}`,
  );
  if (d.note) lines.push('', `**Note:** ${escapeMarkdown(d.note)}`);
  if (d.fields.length > 0) {
    lines.push('', '**Fields:**', '');
    for (const { field, message } of d.fields) {
      lines.push(`- ${inlineCode(field)}: ${escapeMarkdown(redact.text(message))}`);
    }
  }
  lines.push('', `**Docs:** ${d.docsUrl}`);
  if (d.bodyNote) lines.push('', `_${escapeMarkdown(d.bodyNote)}_`);

  const requestHeaders = redact.headers(exchange.requestHeaders);
  if (requestHeaders.length > 0) {
    const text = requestHeaders.map(({ name, value }) => `${name}: ${value}`).join('\n');
    lines.push(
      '',
      '<details><summary>Request headers (redacted)</summary>',
      '',
      codeBlock(text, 'http'),
      '',
      '</details>',
    );
  }
  const body = shownResponseBody(exchange);
  if (body) {
    lines.push(
      '',
      '<details><summary>Response body (redacted)</summary>',
      '',
      codeBlock(body.text, body.language),
      '',
      '</details>',
    );
  }
  return lines.join('\n');
}

function countsLine({ diagnosed, entries, byProvider }: Summary): string {
  const counts = Object.entries(byProvider)
    .map(([provider, count]) => `${provider} ${count}`)
    .join(', ');
  return `${diagnosed} ${diagnosed === 1 ? 'diagnosis' : 'diagnoses'} in ${entries} ${entries === 1 ? 'request' : 'requests'}${counts ? ` (${counts})` : ''}.`;
}

/** One section per diagnosis, ready to paste into a ticket. */
export function formatMarkdown(findings: readonly Finding[], context: FormatContext): string {
  const sections = findings.map(section);
  if (findings.length === 1) return `${sections[0]}\n`;
  const header = ['## PayLens diagnoses', '', countsLine(summarise(findings, context))];
  return `${[header.join('\n'), ...sections].join('\n\n---\n\n')}\n`;
}

function fileItem({ file, entries, diagnosed, skipped, error }: FileSummary): string {
  const counts = `${diagnosed} ${diagnosed === 1 ? 'diagnosis' : 'diagnoses'} in ${entries} ${entries === 1 ? 'request' : 'requests'}${skipped ? `, ${skipped} skipped` : ''}`;
  return `- ${inlineCode(file)}: ${counts}${error === undefined ? '' : ` (could not be read: ${escapeMarkdown(error)})`}`;
}

/**
 * The CLI's Markdown, written a section at a time so a large output is never one string;
 * the counts, known only at the end, close it.
 */
export const markdownStream: StreamingFormat = {
  begin: () => '',
  item: (finding, index) => `${index === 0 ? '' : '\n\n---\n\n'}${section(finding)}`,
  end: (summary) => {
    const lines = ['## PayLens diagnoses', '', countsLine(summary)];
    if (summary.files && summary.files.length > 1) lines.push('', ...summary.files.map(fileItem));
    return `${summary.diagnosed > 0 ? '\n\n---\n\n' : ''}${lines.join('\n')}\n`;
  },
  file: (file, index) => `${index === 0 ? '' : '\n\n'}## ${inlineCode(file)}${index === 0 ? '\n\n' : ''}`,
};
