import { bodyLines, capture, headingAbove, type ResultStatus, type SeedRow, splitLines } from '../seed';

// Rebell: flattened tables too; the status column is one letter.

const REBELL_RESULTS = 'StatusMeaningAction';
const REBELL_CODES = 'CodeStatusDescriptionResolution';

export function parseRebell(text: string): SeedRow[] {
  const lines = splitLines(text);
  const rows: SeedRow[] = [];
  lines.forEach((line, index) => {
    if (line !== REBELL_RESULTS && line !== REBELL_CODES) return;
    const table = headingAbove(lines, index);
    for (const row of bodyLines(lines, index)) {
      if (line === REBELL_RESULTS) {
        // "FFailedRequest failed, check resultCode for details": the one-word Meaning column names
        // the status, and the Action column says what it means.
        const { status, title, meaning } = capture(
          /^(?<status>[SFUA])(?<title>[A-Z][a-z]+)(?<meaning>[A-Z].*)$/,
          row,
          ['status', 'title', 'meaning'],
        );
        const resultStatus = status as ResultStatus;
        rows.push({
          provider: 'rebell',
          table,
          key: resultStatus,
          resultStatus,
          title,
          meaning,
          success: resultStatus === 'S' || resultStatus === 'A',
        });
      } else {
        const { code, status, rest } = capture(
          /^(?<code>[A-Z][A-Z_]*[A-Z])(?<status>[FU])(?<rest>[A-Z][a-z].*)$/,
          row,
          ['code', 'status', 'rest'],
        );
        // The description ends where a capital follows a lower-case letter without a space.
        const { meaning, remedy } = capture(/^(?<meaning>.+?[a-z])(?<remedy>[A-Z].*)$/, rest, [
          'meaning',
          'remedy',
        ]);
        rows.push({
          provider: 'rebell',
          table,
          key: code,
          code,
          resultStatus: status as ResultStatus,
          meaning,
          remedy,
          success: false,
        });
      }
    }
  });
  return rows;
}
