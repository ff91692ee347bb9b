import { present } from '../presentation';
import type { Finding } from '../types';
import { describeRetry } from './describe';
import { printable } from './printable';
import {
  type FileSummary,
  type FileWarning,
  type FormatContext,
  type StreamingFormat,
  type Summary,
  writeAll,
} from './summary';

function block(finding: Finding): string {
  const shown = present(finding);
  const at = shown.entryIndex === undefined ? '' : `#${shown.entryIndex} `;
  const lines = [
    `${at}${printable(shown.method)} ${printable(shown.url)} → ${shown.status}`,
    `  ${shown.providerName} · ${printable(shown.headline)} · ${shown.category} · ${shown.outcome}${shown.documented ? '' : ' · undocumented'} (${shown.matchDescription})`,
    `  ${shown.title}`,
  ];
  if (shown.message !== null && shown.message !== shown.title && shown.message !== shown.meaning)
    lines.push(`  Message: ${printable(shown.message)}`);
  lines.push(
    `  Meaning: ${shown.meaning}`,
    `  Remedy:  ${shown.remedy}`,
    ...shown.insights.map(({ text }) => `  Why:     ${printable(text)}`),
    `  Retry:   ${describeRetry(shown.retry)}`,
  );
  for (const { field, message } of shown.fields)
    lines.push(`  Field:   ${printable(field)}: ${printable(message)}`);
  if (shown.note) lines.push(`  Note:    ${shown.note}`);
  if (shown.bodyNote) lines.push(`  Body:    ${shown.bodyNote}`);
  if (shown.supportIds.length > 0) {
    lines.push(
      `  Support: ${printable(shown.supportIds.map(({ name, value }) => `${name} ${value}`).join(', '))}`,
    );
  }
  lines.push(`  Docs:    ${shown.docsUrl}`);
  return lines.join('\n');
}

function fileLine({ file, entries, diagnosed, skipped, error }: FileSummary): string {
  const counts = `${diagnosed} ${diagnosed === 1 ? 'diagnosis' : 'diagnoses'} in ${entries} ${entries === 1 ? 'entry' : 'entries'}${skipped ? `, ${skipped} skipped` : ''}`;
  return `  ${printable(file)}: ${counts}${error === undefined ? '' : ` (could not be read: ${printable(error)})`}`;
}

function warningLine({ file, provider, text }: FileWarning, several: boolean): string {
  return `Warning: ${printable(text)} (${provider}${several && file !== undefined ? `, ${printable(file)}` : ''})`;
}

function summaryLines(
  { entries, diagnosed, byProvider, files, warnings }: Summary,
  context: FormatContext,
): string {
  const counts = Object.entries(byProvider)
    .map(([provider, count]) => `${provider} ${count}`)
    .join(', ');
  const lines = [
    `${diagnosed} ${diagnosed === 1 ? 'diagnosis' : 'diagnoses'} in ${entries} ${entries === 1 ? 'entry' : 'entries'}${counts ? ` (${counts})` : ''}.`,
  ];
  if (context.skipped) {
    const noun = context.skipped === 1 ? 'entry' : 'entries';
    lines.push(`${context.skipped} ${noun} skipped: not usable HAR ${noun}.`);
  }
  const several = files !== undefined && files.length > 1;
  if (several) lines.push(...files.map(fileLine));
  lines.push(...warnings.map((warning) => warningLine(warning, several)));
  return lines.join('\n');
}

/** A block per diagnosis, then the summary. */
export const textStream: StreamingFormat = {
  begin: () => '',
  item: (finding, index) => `${index === 0 ? '' : '\n\n'}${block(finding)}`,
  end: (summary, context) => `${summary.diagnosed > 0 ? '\n\n' : ''}${summaryLines(summary, context)}\n`,
  // As `head` names several files; a blank line then parts it from its first block.
  file: (file, index) => (index === 0 ? `==> ${printable(file)} <==\n\n` : `\n\n==> ${printable(file)} <==`),
};

export function formatText(findings: readonly Finding[], context: FormatContext): string {
  return writeAll(textStream, findings, context);
}
