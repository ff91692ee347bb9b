import { bodyLines, capture, headingAbove, type SeedRow, splitLines } from '../seed';

// Kiotapay: flattened HTML tables, the columns run together without separators.

const KIOTAPAY_CODES = 'CodeHTTP StatusMessageDescriptionPotential Solution';
const KIOTAPAY_STATUSES = 'HTTP Status CodeDescription';

export function parseKiotapay(text: string): SeedRow[] {
  const lines = splitLines(text);
  const rows: SeedRow[] = [];
  lines.forEach((line, index) => {
    if (line !== KIOTAPAY_CODES && line !== KIOTAPAY_STATUSES) return;
    const table = headingAbove(lines, index);
    for (const row of bodyLines(lines, index)) {
      if (line === KIOTAPAY_CODES) {
        const { code, status, rest } = capture(
          /^(?<code>[A-Z][A-Z_]*[A-Z])(?<status>\d{3})(?<rest>.+)$/,
          row,
          ['code', 'status', 'rest'],
        );
        // The message has no full stop and runs into a capitalised description; description and
        // solution are sentences.
        const { title, meaning, remedy } = capture(
          /^(?<title>[^.]+?[a-z])(?<meaning>[A-Z][^.]*\.)(?<remedy>[A-Z].*\.)$/,
          rest,
          ['title', 'meaning', 'remedy'],
        );
        rows.push({
          provider: 'kiotapay',
          table,
          key: code,
          code,
          status: Number(status),
          title,
          meaning,
          remedy,
          success: false,
          joined: rest,
        });
      } else {
        // "400Bad Request - The request was invalid.": the whole description is the meaning.
        const { status, meaning, title } = capture(/^(?<status>\d{3})(?<meaning>(?<title>.+?) - .+)$/, row, [
          'status',
          'meaning',
          'title',
        ]);
        rows.push({
          provider: 'kiotapay',
          table,
          key: status,
          status: Number(status),
          title,
          meaning,
          success: Number(status) < 300,
        });
      }
    }
  });
  return rows;
}
