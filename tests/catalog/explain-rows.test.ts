/**
 * `paylens explain` finds every documented row of the five seeds first: by its code, its
 * message (each alternative, with real values), or its status and endpoint. The rows are
 * parsed from the vendored seeds, never copied from the catalog.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { searchCatalog } from '../../lib/catalog';
import { payfieldMessages, SEED_IDS, type SeedRow, seedRows } from '../seeds/rows';

/** The arguments a developer would type for the row, one set per message it may carry. */
function explainArgs(row: SeedRow): string[][] {
  const provider = ['--provider', row.provider];
  if (row.code !== undefined) return [[row.code, ...provider]];
  const status = row.status === undefined ? [] : ['--status', String(row.status)];
  if (row.message !== undefined) {
    const messages = row.provider === 'payfield' ? payfieldMessages(row.message) : [row.message];
    return messages.map((message) => [message, ...provider, ...status]);
  }
  // Rebell's result rows have no code: what names them is the resultMessage, the row's text.
  if (row.resultStatus !== undefined) return [[row.meaning, ...provider]];
  const endpoint =
    row.method && row.path
      ? ['--method', row.method, '--path', row.path.replace('{id}', '3f2b8c1e-9a4d-4e6f-8b7a-2c5d1e0f9a83')]
      : [];
  return [[...provider, ...status, ...endpoint]];
}

async function explainJson(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(['explain', ...args, '--format', 'json'], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: [],
  });
  return { status, stderr, matches: JSON.parse(stdout).matches as Array<Record<string, unknown>> };
}

/** The query the CLI runs for the arguments, to see which table the first row came from. */
function queryOf(args: string[]) {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at < 0 ? undefined : args[at + 1];
  };
  const text = args[0]?.startsWith('--') ? '' : (args[0] ?? '');
  const status = option('--status');
  return {
    text,
    provider: option('--provider'),
    ...(status !== undefined ? { status: Number(status) } : {}),
    method: option('--method'),
    path: option('--path'),
  };
}

describe.each(SEED_IDS)('%s: explain finds each documented row first', (id) => {
  const failures = seedRows(id).filter((row) => !row.success);

  it.each(failures)('$table › $key', async (row) => {
    for (const args of explainArgs(row)) {
      const { status, matches, stderr } = await explainJson(args);
      const label = args.join(' ');
      expect(status, label).toBe(0);
      expect(stderr, label).toBe('');
      expect(matches[0], label).toMatchObject({
        provider: row.provider,
        meaning: row.meaning,
        ...(row.remedy !== undefined ? { remedy: row.remedy } : {}),
        ...(row.title !== undefined ? { title: row.title } : {}),
      });
      const [first] = searchCatalog(queryOf(args));
      expect(first?.rule.table, label).toBe(row.table);
    }
  });
});
