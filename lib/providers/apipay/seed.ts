import { expectHeader, markdownTables, type SeedRow, splitLines } from '../seed';

// ApiPay: a markdown status table, then "### 401 Unauthorized" sections with an example body
// and an optional "**Solution:**" line.

/** The page was saved as UTF-8 read as Windows-1252: "→" came out as "â†’". */
const fixMojibake = (text: string): string => text.replaceAll('\u00e2\u2020\u2019', '→');

export function parseApipay(text: string): SeedRow[] {
  const lines = splitLines(fixMojibake(text));
  const headingAt = (index: number): string => {
    for (let i = index; i >= 0; i--) {
      const heading = /^## (.+)$/.exec(lines[i] ?? '')?.[1];
      if (heading) return heading;
    }
    throw new Error(`ApiPay: no heading above line ${index + 1}`);
  };

  const tables = markdownTables(lines);
  if (tables.length !== 1 || !tables[0]) throw new Error(`ApiPay: ${tables.length} tables`);
  const statusTable = tables[0];
  expectHeader(statusTable, ['Code', 'Name', 'Description']);
  const rows: SeedRow[] = statusTable.rows.map(([status = '', title = '', meaning = '']) => ({
    provider: 'apipay',
    table: headingAt(statusTable.line),
    key: status,
    status: Number(status),
    title,
    meaning,
    success: Number(status) < 300,
  }));

  const start = lines.indexOf('## Common Errors');
  if (start < 0) throw new Error('ApiPay: no Common Errors');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const section = lines.slice(start, end < 0 ? undefined : end);
  section.forEach((line, index) => {
    const heading = /^### (?<status>\d{3}) /.exec(line)?.groups?.status;
    if (heading === undefined) return;
    const next = section.findIndex((other, at) => at > index && other.startsWith('### '));
    const body = section.slice(index + 1, next < 0 ? undefined : next);
    const open = body.indexOf('```json');
    const close = body.indexOf('```', open + 1);
    if (open < 0 || close < 0) throw new Error(`ApiPay: no example under ${line}`);
    const exampleBody = body.slice(open + 1, close).join('\n');
    const message: unknown = JSON.parse(exampleBody).message;
    if (typeof message !== 'string') throw new Error(`ApiPay: no message under ${line}`);
    const remedy = body.map((text) => /^\*\*Solution:\*\* (.+)$/.exec(text)?.[1]).find((text) => text);
    const status = Number(heading);
    // The section names no meaning of its own: the status table's description is the one given.
    const meaning = rows.find((row) => row.status === status)?.meaning;
    if (meaning === undefined) throw new Error(`ApiPay: ${status} is not in the status table`);
    rows.push({
      provider: 'apipay',
      table: 'Common Errors',
      key: `${status} ${message}`,
      status,
      message,
      // The example's message is what the body says, not a title: a value such as
      // "60 seconds" varies, so the catalog names the row in its own words.
      meaning,
      ...(remedy ? { remedy } : {}),
      success: false,
      exampleBody,
    });
  });
  return rows;
}
