import type { Finding } from '../types';
import { formatJson, jsonStream } from './json';
import { formatMarkdown } from './markdown';
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
 * The formats that can also be written a diagnosis at a time, for outputs too large for
 * one string. Markdown opens with its summary, so it is written whole.
 */
export const streamingFormats: Partial<Record<FormatId, StreamingFormat>> = {
  text: textStream,
  json: jsonStream,
};

export const formatIds = Object.keys(formats) as FormatId[];

export function isFormatId(value: string): value is FormatId {
  return Object.hasOwn(formats, value);
}

export type { FormatContext, StreamingFormat, Summary } from './summary';
export { summarise } from './summary';
