import { capture, type SeedRow, splitLines } from '../seed';

// Alternative Payments: each row is a block of lines (status, endpoint, cause, fix); inline code
// in the cause or fix broke its sentence across lines.

const isHeading = (line: string): boolean => /^\p{Extended_Pictographic}/u.test(line);
/** A line that carries on the sentence above: it starts in lower case or with punctuation. */
const continues = (line: string): boolean => /^[a-z,./)]/.test(line);

export function parseAlternativePayments(text: string): SeedRow[] {
  const lines = splitLines(text);
  const start = lines.findIndex((line) => isHeading(line) && /Errors$/.test(line));
  if (start < 0) throw new Error('Alternative Payments: no Errors section');
  const table = (lines[start] ?? '').replace(/^\P{L}+/u, '');
  const end = lines.findIndex((line, index) => index > start && isHeading(line));
  const section = lines.slice(start + 1, end < 0 ? undefined : end);

  const blocks: string[][] = [];
  for (const line of section) {
    if (/^\d{3} [A-Z]/.test(line)) blocks.push([line]);
    else blocks.at(-1)?.push(line);
  }
  return blocks.map(([statusLine = '', endpoint = '', ...rest]) => {
    const { status, title } = capture(/^(?<status>\d{3}) (?<title>.+)$/, statusLine, ['status', 'title']);
    const sentences: string[] = [];
    for (const line of rest) {
      const last = sentences.length - 1;
      if (last >= 0 && continues(line)) {
        sentences[last] += /^[,.]/.test(line) ? line : ` ${line}`;
      } else sentences.push(line);
    }
    const [meaning, remedy] = sentences;
    if (sentences.length !== 2 || meaning === undefined || remedy === undefined) {
      throw new Error(`Alternative Payments: ${statusLine} has ${sentences.length} sentences`);
    }
    const route = /^(?<method>[A-Z]+) (?<path>\/.*)$/.exec(endpoint)?.groups;
    if (!route && endpoint !== 'Any') throw new Error(`Alternative Payments: endpoint ${endpoint}`);
    // "GET /payment/ request/{id}": the page put a stray space in the path.
    const path = route?.path?.replace(/\s+/g, '');
    const method = route?.method;
    return {
      provider: 'alternative-payments',
      table,
      key: method && path ? `${method} ${path} ${status}` : `Any ${status}`,
      status: Number(status),
      ...(method && path ? { method, path } : {}),
      title,
      meaning,
      remedy,
      success: Number(status) < 300,
    };
  });
}
