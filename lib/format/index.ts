import type { Finding } from '../types';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import type { FormatContext } from './summary';
import { formatText } from './text';

export type Formatter = (findings: readonly Finding[], context: FormatContext) => string;

/** Every output format, by the name the CLI and the panel use. All of them redact. */
export const formats = {
  text: formatText,
  json: formatJson,
  markdown: formatMarkdown,
} as const satisfies Record<string, Formatter>;

export type FormatId = keyof typeof formats;

export const formatIds = Object.keys(formats) as FormatId[];

export function isFormatId(value: string): value is FormatId {
  return Object.hasOwn(formats, value);
}

export type { FormatContext, Summary } from './summary';
