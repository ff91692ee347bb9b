import { present } from '../presentation';
import type { Finding } from '../types';
import { describeRetry } from './describe';
import { printable, withoutControls } from './printable';
import {
  type FileSummary,
  type FileWarning,
  type FormatContext,
  type StreamingFormat,
  type Summary,
  summarise,
} from './summary';

/**
 * Short texts escaped before: a section's catalog words (title, meaning, remedy, provider)
 * come back with every diagnosis of the same error. Bounded, as a capture's texts are not.
 */
const escapedTexts = new Map<string, string>();
const MAX_ESCAPED_TEXTS = 10_000;
const MAX_ESCAPED_TEXT_CHARS = 256;

/** Provider text is data: it must not become links, emphasis or HTML in a ticket. */
export function escapeMarkdown(text: string): string {
  let escaped = escapedTexts.get(text);
  if (escaped !== undefined) return escaped;
  // `:` and `@` too: `https\://` and `\@name` are not turned into links or mentions.
  escaped = text.replace(/[\\`*_{}[\]()<>#+!|~:@]/g, '\\$&');
  // Most text is one line, and looking for a line break is cheaper than the pattern.
  if (escaped.includes('\n')) escaped = escaped.replace(/\s*\n\s*/g, ' ');
  escaped = withoutControls(escaped);
  if (text.length <= MAX_ESCAPED_TEXT_CHARS) {
    if (escapedTexts.size >= MAX_ESCAPED_TEXTS) escapedTexts.clear();
    escapedTexts.set(text, escaped);
  }
  return escaped;
}

/** A content type inside `<summary>`: sent by the page, so it must not become markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
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
  return `${fence}${pad}${printable(text.replace(/\r\n/g, '\n'))}${pad}${fence}`;
}

function codeBlock(text: string, language: string): string {
  const longest = longestRun(text, /`{3,}/g);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  // A lone carriage return would move a terminal's cursor back over the line; CRLF is a line break.
  return `${fence}${language}\n${withoutControls(text.replace(/\r\n/g, '\n'))}\n${fence}`;
}

function details(summary: string, text: string, language: string): string[] {
  return ['', `<details><summary>${summary}</summary>`, '', codeBlock(text, language), '', '</details>'];
}

function section(finding: Finding): string {
  const shown = present(finding);
  const lines = [
    `### ${escapeMarkdown(shown.providerName)}: ${escapeMarkdown(shown.headline)} (HTTP ${shown.status})`,
    '',
    `${inlineCode(`${shown.method} ${shown.url}`)}`,
    '',
    ...shown.supportIds.map(
      ({ name, value }) => `- **Support:** ${escapeMarkdown(name)} ${inlineCode(value)}`,
    ),
    `- **Provider:** ${escapeMarkdown(shown.providerName)} (\`${shown.provider}\`, ${shown.matchDescription})`,
    `- **Code:** ${shown.code === null ? '—' : inlineCode(shown.code)}${shown.documented ? '' : ' (not in the provider’s documentation)'}`,
  ];
  if (shown.message !== null) lines.push(`- **Message:** ${escapeMarkdown(shown.message)}`);
  if (shown.backend) {
    const { reportedBy, pageRequest } = shown.backend;
    lines.push(
      `- **Diagnosed by:** the backend of ${escapeMarkdown(reportedBy)}, answering ${inlineCode(pageRequest)}`,
    );
  }
  lines.push(
    `- **Status:** ${shown.status} (${shown.outcome})`,
    `- **Category:** ${shown.category}`,
    `- **Time:** ${escapeMarkdown(shown.startedDateTime)}`,
    '',
    `**${escapeMarkdown(shown.title)}.** ${escapeMarkdown(shown.meaning)}`,
    '',
    `**Remedy:** ${escapeMarkdown(shown.remedy)}`,
    '',
    ...(shown.insights.length > 0
      ? [
          '**Why it happened here:**',
          '',
          ...shown.insights.map(({ text }) => `- ${escapeMarkdown(text)}`),
          '',
        ]
      : []),
    `**Retry:** ${describeRetry(shown.retry)}`,
  );
  if (shown.note) lines.push('', `**Note:** ${escapeMarkdown(shown.note)}`);
  if (shown.fields.length > 0) {
    lines.push('', '**Fields:**', '');
    for (const { field, message } of shown.fields) {
      lines.push(`- ${inlineCode(field)}: ${escapeMarkdown(message)}`);
    }
  }
  lines.push('', `**Docs:** ${shown.docsUrl}`);
  if (shown.bodyNote) lines.push('', `_${escapeMarkdown(shown.bodyNote)}_`);

  if (shown.requestHeaders.length > 0) {
    const text = shown.requestHeaders.map(({ name, value }) => `${name}: ${value}`).join('\n');
    lines.push(...details('Request headers (redacted)', text, 'http'));
  }
  const payload = shown.requestBody;
  if (payload) {
    const type = payload.contentType ? `, ${escapeHtml(payload.contentType)}` : '';
    lines.push(
      ...details(
        `Request payload (redacted${type})`,
        payload.text,
        payload.language === 'json' ? 'json' : 'text',
      ),
    );
  }
  const body = shown.responseBody;
  if (body)
    lines.push(...details('Response body (redacted)', body.text, body.language === 'json' ? 'json' : 'text'));
  return lines.join('\n');
}

function countsLine({ diagnosed, entries, byProvider }: Summary): string {
  const counts = Object.entries(byProvider)
    .map(([provider, count]) => `${provider} ${count}`)
    .join(', ');
  return `${diagnosed} ${diagnosed === 1 ? 'diagnosis' : 'diagnoses'} in ${entries} ${entries === 1 ? 'request' : 'requests'}${counts ? ` (${counts})` : ''}.`;
}

function warningItems(warnings: readonly FileWarning[]): string[] {
  if (warnings.length === 0) return [];
  return [
    '',
    '### Session warnings',
    '',
    ...warnings.map(
      ({ provider, text, file }) =>
        `- ${escapeMarkdown(text)} (\`${provider}\`${file === undefined ? '' : `, ${inlineCode(file)}`})`,
    ),
  ];
}

/** One section per diagnosis, ready to paste into a ticket. */
export function formatMarkdown(findings: readonly Finding[], context: FormatContext): string {
  const sections = findings.map(section);
  const summary = summarise(findings, context);
  if (findings.length === 1 && summary.warnings.length === 0) return `${sections[0]}\n`;
  const header = ['## PayLens diagnoses', '', countsLine(summary), ...warningItems(summary.warnings)];
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
    lines.push(...warningItems(summary.warnings));
    return `${summary.diagnosed > 0 ? '\n\n---\n\n' : ''}${lines.join('\n')}\n`;
  },
  file: (file, index) => `${index === 0 ? '' : '\n\n'}## ${inlineCode(file)}${index === 0 ? '\n\n' : ''}`,
};
