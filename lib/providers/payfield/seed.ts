import { capture, expectHeader, markdownTables, type SeedRow, splitLines } from '../seed';

// Payfield: two markdown tables under tab labels ("- HTTP codes", "- Common messages").

export function parsePayfield(text: string): SeedRow[] {
  const lines = splitLines(text);
  const tables = markdownTables(lines);
  const first = tables[0];
  if (!first) throw new Error('Payfield: no table');
  const tabs: string[] = [];
  for (let i = first.line - 1; i >= 0 && lines[i]?.startsWith('- '); i--) {
    tabs.unshift(lines[i]?.slice(2) ?? '');
  }
  if (tabs.length !== tables.length) {
    throw new Error(`Payfield: ${tables.length} tables, ${tabs.length} tabs`);
  }

  return tables.flatMap((table, index): SeedRow[] => {
    const tab = tabs[index] ?? '';
    if (table.header[0] === 'Code') {
      expectHeader(table, ['Code', 'Meaning']);
      return table.rows.map(([status = '', meaning = '']) => ({
        provider: 'payfield',
        table: tab,
        key: status,
        status: Number(status),
        // "Unauthorized. Authentication error: ...": the status name, then what it means here.
        title: capture(/^(?<title>[^.]+)\./, meaning, ['title']).title,
        meaning,
        success: Number(status) < 300,
      }));
    }
    expectHeader(table, ['Message', 'Cause', 'Action']);
    return table.rows.map(([message = '', meaning = '', remedy = '']) => ({
      provider: 'payfield',
      table: tab,
      key: message,
      message,
      title: message,
      meaning,
      remedy,
      success: false,
    }));
  });
}
