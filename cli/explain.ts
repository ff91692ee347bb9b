/** `paylens explain`: the documented rows a code, a message, a status or a raw body names. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  type CatalogQuery,
  type Explanation,
  explainBody,
  explainEntry,
  explanationName,
  searchCatalog,
  suggestCodes,
} from '../lib/catalog';
import { describeRetry } from '../lib/format/describe';
import { escapeMarkdown } from '../lib/format/markdown';
import { printable } from '../lib/format/printable';
import type { Chunks } from '../lib/har';
import { providerIds } from '../lib/providers';
import type { Io } from './main';

export const EXPLAIN_USAGE = `Usage: paylens explain <term…> [options]
       paylens explain --body <file | -> [options]

Finds the documented rows a code, a message or a status names, without any capture:
  paylens explain INVALID_SIGNATURE
  paylens explain "Shop currency mismatch. Expected KZT."
  paylens explain --provider alternative-payments --status 404

Options:
  --provider ID                only this provider (${providerIds.join(', ')})
  --status N                   the HTTP status
  --method M, --path P         the endpoint, for rows that depend on it
  --body FILE|-                diagnose a raw response body, as the capture would
                               (the provider from --provider, else by its shape)
  --format text|json|markdown  output format (default: text)
  -h, --help                   show this help

Exit status: 0 when a documented row matched, 1 when none did, 2 for bad arguments.`;

const EXIT = { matched: 0, unmatched: 1, unusable: 2 } as const;
const FORMATS = ['text', 'json', 'markdown'] as const;
type ExplainFormat = (typeof FORMATS)[number];

class ExplainUsageError extends Error {}

interface ExplainArgs {
  help: boolean;
  terms: string[];
  query: Omit<CatalogQuery, 'text' | 'category'>;
  body?: string;
  format: ExplainFormat;
}

function parseExplainArgs(argv: string[]): ExplainArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      status: { type: 'string' },
      method: { type: 'string' },
      path: { type: 'string' },
      body: { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const format = FORMATS.find((id) => id === values.format);
  if (!format) throw new ExplainUsageError(`unknown format "${values.format}" (use ${FORMATS.join(', ')})`);
  const { provider, method, path, body } = values;
  if (provider !== undefined && !providerIds.includes(provider))
    throw new ExplainUsageError(`unknown provider "${provider}" (use ${providerIds.join(', ')})`);
  if (values.status !== undefined && !/^[1-5]\d\d$/.test(values.status))
    throw new ExplainUsageError(`--status takes an HTTP status from 100 to 599, not "${values.status}"`);
  if (method !== undefined && !/^[A-Za-z]+$/.test(method))
    throw new ExplainUsageError(`--method takes an HTTP method such as GET, not "${method}"`);
  if (path !== undefined && !path.startsWith('/'))
    throw new ExplainUsageError(`--path takes a path starting with /, not "${path}"`);
  const terms = positionals.filter((term) => term.trim() !== '');
  if (body !== undefined && terms.length > 0)
    throw new ExplainUsageError('give either terms or --body, not both');
  const status = values.status === undefined ? undefined : Number(values.status);
  if (!values.help && body === undefined && terms.length === 0 && status === undefined && !method && !path)
    throw new ExplainUsageError('nothing to explain: give a code or message, --status, or --body');
  return {
    help: values.help,
    terms,
    query: {
      ...(provider !== undefined ? { provider } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(method !== undefined ? { method: method.toUpperCase() } : {}),
      ...(path !== undefined ? { path } : {}),
    },
    ...(body !== undefined ? { body } : {}),
    format,
  };
}

async function readAll(chunks: Chunks): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of chunks)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/** The body to diagnose, or the line saying why it could not be read. */
async function readBodyInput(source: string, io: Io): Promise<{ text: string } | { error: string }> {
  if (source === '-') return { text: await readAll(io.stdin) };
  try {
    return { text: await readFile(source, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory, not a file'
          : String(error);
    return { error: `cannot read ${source}: ${reason}` };
  }
}

function textBlock(e: Explanation): string {
  const lines = [
    `${e.providerName} (${e.provider}) · ${printable(explanationName(e))} · ${e.category}`,
    `  ${e.title}`,
  ];
  if (e.code !== undefined && e.message !== undefined) lines.push(`  Message: ${printable(e.message)}`);
  if (e.status !== undefined && (e.code !== undefined || e.message !== undefined))
    lines.push(`  Status:  ${e.status}`);
  lines.push(`  Meaning: ${e.meaning}`, `  Remedy:  ${e.remedy}`, `  Retry:   ${describeRetry(e.retry)}`);
  for (const { field, message } of e.fields ?? [])
    lines.push(`  Field:   ${printable(field)}: ${printable(message)}`);
  if (e.note !== undefined) lines.push(`  Note:    ${e.note}`);
  lines.push(`  Docs:    ${e.docsUrl}`);
  return lines.join('\n');
}

function markdownSection(e: Explanation): string {
  const lines = [
    `### ${escapeMarkdown(e.providerName)}: ${escapeMarkdown(explanationName(e))}`,
    '',
    `- **Provider:** ${escapeMarkdown(e.providerName)} (\`${e.provider}\`)`,
  ];
  if (e.code !== undefined) lines.push(`- **Code:** ${escapeMarkdown(e.code)}`);
  if (e.message !== undefined) lines.push(`- **Message:** ${escapeMarkdown(e.message)}`);
  if (e.status !== undefined) lines.push(`- **Status:** ${e.status}`);
  if (e.method !== undefined && e.path !== undefined)
    lines.push(`- **Endpoint:** ${escapeMarkdown(`${e.method} ${e.path}`)}`);
  lines.push(
    `- **Category:** ${e.category}`,
    '',
    // "Insufficient balance..." ends its own sentence.
    `**${escapeMarkdown(e.title.endsWith('.') ? e.title : `${e.title}.`)}** ${escapeMarkdown(e.meaning)}`,
    '',
    `**Remedy:** ${escapeMarkdown(e.remedy)}`,
    '',
    `**Retry:** ${describeRetry(e.retry)}`,
  );
  if (e.fields !== undefined) {
    lines.push('', '**Fields:**', '');
    for (const { field, message } of e.fields)
      lines.push(`- ${escapeMarkdown(field)}: ${escapeMarkdown(message)}`);
  }
  if (e.note !== undefined) lines.push('', `**Note:** ${escapeMarkdown(e.note)}`);
  lines.push('', `[Provider documentation](${e.docsUrl})`);
  return lines.join('\n');
}

function formatExplanations(matches: readonly Explanation[], format: ExplainFormat): string {
  switch (format) {
    case 'json':
      // The contract's keys, no more: a body's field errors are in the text and Markdown.
      return `${JSON.stringify({ matches: matches.map(({ fields, ...contract }) => contract) }, null, 2)}\n`;
    case 'markdown':
      return matches.length === 0 ? '' : `${matches.map(markdownSection).join('\n\n')}\n`;
    case 'text':
      return matches.length === 0 ? '' : `${matches.map(textBlock).join('\n\n')}\n`;
  }
}

const didYouMean = (codes: readonly string[]) =>
  codes.length === 0
    ? ''
    : `; did you mean ${codes.slice(0, -1).join(', ')}${codes.length > 1 ? ' or ' : ''}${codes.at(-1)}?`;

/** What was asked, for the line that says nothing matched it. */
function describeQuery(terms: readonly string[], query: ExplainArgs['query']): string {
  const parts = terms.length > 0 ? [JSON.stringify(terms.join(' '))] : [];
  if (query.method !== undefined || query.path !== undefined)
    parts.push(`${query.method ?? 'any method'} ${query.path ?? 'any path'}`);
  if (query.status !== undefined) parts.push(`status ${query.status}`);
  if (query.provider !== undefined) parts.push(`of ${query.provider}`);
  return parts.join(' ');
}

/** Runs `paylens explain` and returns its exit status; never throws. */
export async function explainCommand(argv: string[], io: Io): Promise<number> {
  let args: ExplainArgs;
  try {
    args = parseExplainArgs(argv);
  } catch (error) {
    io.stderr(
      `paylens: ${error instanceof Error ? error.message : String(error)} (see paylens explain --help)\n`,
    );
    return EXIT.unusable;
  }
  if (args.help) {
    io.stdout(`${EXPLAIN_USAGE}\n`);
    return EXIT.matched;
  }
  const { terms, query, format } = args;
  let matches: Explanation[];
  let miss = '';
  if (args.body !== undefined) {
    const input = await readBodyInput(args.body, io);
    if ('error' in input) {
      io.stderr(`paylens: ${input.error}\n`);
      return EXIT.unusable;
    }
    const result = explainBody({ body: input.text, ...query });
    matches = result.kind === 'explained' ? [result.explanation] : [];
    if (result.kind === 'unrecognised') {
      miss = 'no provider recognises this body by its shape: name one with --provider';
    } else if (result.kind === 'undocumented') {
      const named = [result.code, result.message]
        .filter((text) => text !== null)
        .map((text) => printable(text));
      const says = named.length > 0 ? ` (it says ${named.join(': ')})` : '';
      const why = result.bodyNote ? `: ${result.bodyNote}` : '';
      miss = `the body names nothing ${result.provider.name} documents${says}${why}${result.code === null ? '' : didYouMean(suggestCodes(result.code, result.provider.id))}`;
    }
  } else {
    const text = terms.join(' ');
    matches = searchCatalog({ ...query, text }).map(explainEntry);
    if (matches.length === 0)
      miss = `no documented row matches ${describeQuery(terms, query)}${text === '' ? '' : didYouMean(suggestCodes(text, query.provider))}`;
  }
  io.stdout(formatExplanations(matches, format));
  if (miss !== '') io.stderr(`paylens: ${miss}\n`);
  return matches.length > 0 ? EXIT.matched : EXIT.unmatched;
}
