/**
 * What reading a provider's error reference yields: its documented rows, each parsed from the
 * document's own text (never from the catalog), and the helpers the per-provider parsers share.
 */

export type ResultStatus = 'S' | 'F' | 'U' | 'A';

export interface SeedRow {
  /** The catalog id of the provider whose document it is. */
  provider: string;
  /** The section the table sits under. */
  table: string;
  /** What names the row: code, status, message, or "METHOD path status". */
  key: string;
  status?: number;
  resultStatus?: ResultStatus;
  code?: string;
  /** The error message as documented (Payfield: may hold " / " alternatives and placeholders). */
  message?: string;
  /** Absent when the row applies to any endpoint. */
  method?: string;
  path?: string;
  /** Set only where the row names the error (a name, message or status-name column). */
  title?: string;
  meaning: string;
  /** Set only where the row says what to do. */
  remedy?: string;
  /** A 2xx status or Rebell S/A: a documented success, never a diagnosis. */
  success: boolean;
  /** Kiotapay prints message, description and solution run together: the text as printed. */
  joined?: string;
  /** ApiPay's Common Errors: the example body, verbatim. */
  exampleBody?: string;
}

export const splitLines = (text: string): string[] => text.split(/\r?\n/);

/** Named capture groups of a match that must succeed; the seed changed if it does not. */
export function capture<K extends string>(re: RegExp, text: string, names: readonly K[]): Record<K, string> {
  const groups = re.exec(text)?.groups;
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = groups?.[name];
    if (value === undefined) throw new Error(`cannot read ${JSON.stringify(text)} with ${re}`);
    out[name] = value;
  }
  return out;
}

/** The non-blank lines right under a table's header line. */
export function bodyLines(lines: readonly string[], header: number): string[] {
  const body: string[] = [];
  for (let i = header + 1; i < lines.length && lines[i]?.trim(); i++) body.push(lines[i] ?? '');
  return body;
}

/** The nearest line above that reads as a heading: not blank, not a sentence or a lead-in. */
export function headingAbove(lines: readonly string[], index: number): string {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i]?.trim() ?? '';
    if (line !== '' && !/[.:]$/.test(line)) return line.replace(/^\d+\.\s*/, '');
  }
  throw new Error(`no heading above line ${index + 1}`);
}

// Markdown tables (Payfield, ApiPay).

interface MarkdownTable {
  line: number;
  header: string[];
  rows: string[][];
}

const isTableLine = (line: string | undefined): boolean => /^\|.*\|$/.test(line?.trim() ?? '');
const isSeparator = (line: string | undefined): boolean => /^\|(\s*:?-+:?\s*\|)+$/.test(line?.trim() ?? '');
const cellsOf = (line: string): string[] =>
  line
    .trim()
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());

export function markdownTables(lines: readonly string[]): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!isTableLine(line) || !isSeparator(lines[i + 1])) continue;
    const rows: string[][] = [];
    let next = i + 2;
    // Payfield's two tables touch: a line over a separator starts the next table.
    for (; isTableLine(lines[next]) && !isSeparator(lines[next + 1]); next++) {
      rows.push(cellsOf(lines[next] ?? ''));
    }
    tables.push({ line: i, header: cellsOf(line), rows });
    i = next - 1;
  }
  return tables;
}

export function expectHeader(table: MarkdownTable, header: readonly string[]): void {
  if (table.header.join('|') !== header.join('|')) {
    throw new Error(`unexpected table header ${table.header.join(' | ')} on line ${table.line + 1}`);
  }
}
