import type { Finding } from '../types';
import { formatJson, jsonStream } from './json';
import { formatMarkdown, markdownStream } from './markdown';
import type { FormatContext, StreamingFormat } from './summary';
import { formatText, textStream } from './text';

export type Formatter = (findings: readonly Finding[], context: FormatContext) => string;

/** Every output format, by the name the CLI and the panel use. All of them redact. */
export const formats = {
  text: formatText,
  json: formatJson,
  markdown: formatMarkdown,
} as const satisfies Record<string, Formatter>;

export type FormatId = keyof typeof formats;

/**
 * Every format written a diagnosis at a time, as the CLI writes them, so an output too
 * large for one string is never one. Markdown's counts move to its end there.
 */
export const streamingFormats: Record<FormatId, StreamingFormat> = {
  text: textStream,
  json: jsonStream,
  markdown: markdownStream,
};

export const formatIds = Object.keys(formats) as FormatId[];

export function isFormatId(value: string): value is FormatId {
  return Object.hasOwn(formats, value);
}

export type { FileSummary, FormatContext, StreamingFormat, Summary } from './summary';
export { summarise } from './summary';
