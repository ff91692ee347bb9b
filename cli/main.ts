import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { scanHar } from '../lib/diagnose-har';
import { type FileSummary, formatIds, isFormatId, type Summary, streamingFormats } from '../lib/format';
import { printable } from '../lib/format/printable';
import { type Chunks, HarError } from '../lib/har';
import type { MatcherOptions } from '../lib/matcher';
import { presentWarning } from '../lib/presentation';
import { providers as catalog, type Provider, providerIds } from '../lib/providers';
import { matcherOptionsFrom, validateSettings } from '../lib/settings';
import { cutHarThread, type HarCutter, startHarThreads } from './har-thread';
import { describeFileError, errorMessage, expandInputs, openInput } from './inputs';

// For bin/paylens.js, which runs this bundled: it starts the threads, which run it too.
export { cutHarThread, startHarThreads };

const USAGE = `Usage: paylens diagnose <file.har | file.har.gz | file.zip | directory | ->... [options]
       paylens explain <term…> [options]   the documented rows a code, message or status names
       paylens providers [--format F]      the providers in the catalog

Explains the payment-provider errors recorded in HAR files: plain, gzip-compressed or
wrapped as HARP, and Playwright's zip recordings; directories are searched for *.har,
*.harp, *.har.gz and *.zip.

Options:
  --format text|json|markdown  output format (default: text)
  --any-host                   also recognise provider errors relayed by other hosts
  --provider ID                only this provider; repeat for several
                               (${providerIds.join(', ')})
  --config FILE                settings file: custom hosts, anyHost, providers on/off
  --fail-on-error              exit 1 when anything was diagnosed
  -h, --help                   show this help

Exit status: 0 when it ran, 1 with --fail-on-error when something was diagnosed,
2 when no input could be read as a HAR or the arguments are wrong.

paylens explain --help and paylens providers --help describe the other commands.`;

/** Exit statuses, part of the CLI's contract. */
const EXIT = { ran: 0, diagnosed: 1, unusable: 2 } as const;

class UsageError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: Chunks;
  /** Cuts a large file into entries in a thread of its own; without it, all is read here. */
  cutHarInThread?: HarCutter;
}

/** The process's own streams; bin/paylens.js adds the threads that cut large files. */
export function processIo(cutHarInThread?: HarCutter): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Opened by the run that reads `-`, not by every start: on a terminal it loads tty and net.
    get stdin() {
      return process.stdin;
    },
    ...(cutHarInThread ? { cutHarInThread } : {}),
  };
}

function parse(argv: string[], knownIds: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'any-host': { type: 'boolean', default: false },
      provider: { type: 'string', multiple: true },
      config: { type: 'string' },
      'fail-on-error': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true as const };
  const [command, ...inputs] = positionals;
  if (command !== 'diagnose') {
    throw new UsageError(
      command ? `unknown command "${command}"` : 'missing command: diagnose, explain or providers',
    );
  }
  if (inputs.length === 0) throw new UsageError('missing the HAR file to read (or - for standard input)');
  if (inputs.filter((input) => input === '-').length > 1) {
    throw new UsageError('standard input (-) can be read only once');
  }
  if (!isFormatId(values.format)) {
    throw new UsageError(`unknown format "${values.format}" (use ${formatIds.join(', ')})`);
  }
  for (const id of values.provider ?? []) {
    if (!knownIds.includes(id)) throw new UsageError(`unknown provider "${id}" (use ${knownIds.join(', ')})`);
  }
  return {
    help: false as const,
    inputs,
    format: values.format,
    anyHost: values['any-host'],
    providers: values.provider,
    config: values.config,
    failOnError: values['fail-on-error'],
  };
}

/** The matcher options of a --config file, or the one line saying what is wrong with it. */
async function loadConfig(path: string): Promise<MatcherOptions | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return `cannot read config ${path}: ${describeFileError(error)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `config ${path} is not valid JSON (${errorMessage(error)})`;
  }
  const { settings, problems } = validateSettings(json);
  const [first, ...more] = problems;
  if (first) {
    const others = more.length > 0 ? ` (and ${more.length} more)` : '';
    return `config ${path}: ${first.key}: ${first.message}${others}`;
  }
  return matcherOptionsFrom(settings);
}

/** Past this many characters, the output held back is written at once. */
const OUTPUT_PIECE = 64 * 1024;

/**
 * Standard output written in pieces: a write per diagnosis cost a system call and a buffer
 * each, more than making its text. What is held back is written when a piece is full, once
 * the input read so far is diagnosed (the next turn of the event loop), and on `flush`.
 */
function pieceWriter(stdout: (text: string) => void) {
  let held = '';
  let scheduled = false;
  const flush = () => {
    if (held !== '') stdout(held);
    held = '';
  };
  return {
    write(text: string) {
      held += text;
      if (held.length >= OUTPUT_PIECE) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          flush();
        });
      }
    },
    flush,
  };
}

/**
 * Provider entries read without the bodies a recorder stored beside the HAR: their diagnoses
 * may be wrong. `unreachableFrom` names an input with no folder (standard input, a pipe).
 */
function unreadBodyFilesLine(count: number, unreachableFrom: string | undefined): string {
  const entries = count === 1 ? '1 provider entry was' : `${count} provider entries were`;
  return unreachableFrom
    ? `${entries} read without bodies stored in files beside the HAR (\`_file\`), which ${unreachableFrom} cannot reach: give the HAR's path`
    : `${entries} read without bodies stored in files beside the HAR (\`_file\`) that could not be read`;
}

/** `3 entries skipped: no response`, the commonest reason first. */
function skippedLine(count: number, reasons: Map<string, number>): string {
  const noun = count === 1 ? 'entry' : 'entries';
  const why =
    reasons.size === 1
      ? [...reasons.keys()]
      : [...reasons].sort(([, a], [, b]) => b - a).map(([reason, times]) => `${reason} (${times})`);
  return `${count} ${noun} skipped: ${why.join(', ')}`;
}

/**
 * Runs the CLI and returns its exit status; never throws. `diagnose` knows `providers`, the
 * catalog's unless a caller (a test) brings its own.
 */
export async function main(
  argv: string[],
  io: Io = processIo(),
  providers: readonly Provider[] = catalog,
): Promise<number> {
  const knownIds = providers.map((provider) => provider.id);
  // Each of these commands parses its own options, and is loaded only when it is the one run:
  // a diagnosis does not pay for the catalog's search.
  const [command, ...rest] = argv;
  if (command === 'explain') return (await import('./explain')).explainCommand(rest, io);
  if (command === 'providers') return (await import('./providers')).providersCommand(rest, io);
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv, knownIds);
  } catch (error) {
    io.stderr(`paylens: ${errorMessage(error)} (see paylens --help)\n`);
    return EXIT.unusable;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ran;
  }

  let options: MatcherOptions = {};
  if (args.config !== undefined) {
    const loaded = await loadConfig(args.config);
    if (typeof loaded === 'string') {
      io.stderr(`paylens: ${loaded}\n`);
      return EXIT.unusable;
    }
    options = loaded;
  }
  // Flags narrow or extend what the config file says.
  const only = args.providers;
  if (only)
    options = { ...options, providers: (options.providers ?? knownIds).filter((id) => only.includes(id)) };
  if (args.anyHost) options = { ...options, anyHost: true };

  const inputs = await expandInputs(args.inputs);
  const format = streamingFormats[args.format];
  const summary: Required<Summary> = { entries: 0, diagnosed: 0, byProvider: {}, files: [], warnings: [] };
  let skipped = 0;
  let started = false;
  const output = pieceWriter(io.stdout);
  // Every diagnosis is written as soon as it is made; only the counts are kept.
  const write = (text: string) => {
    if (!started) output.write(format.begin());
    started = true;
    output.write(text);
  };
  // What was written before a complaint comes out before it, as it would unbuffered.
  const complain = (text: string) => {
    output.flush();
    io.stderr(text);
  };

  for (const input of inputs) {
    // A file's name, like a reason naming what is inside it, may hold control characters.
    const name = printable(input.name === '-' ? 'standard input' : input.name);
    const file: FileSummary = { file: input.name, entries: 0, diagnosed: 0, skipped: 0 };
    summary.files.push(file);
    const reasons = new Map<string, number>();
    let unreadBodyFiles = 0;
    try {
      if (input.error !== undefined) throw new HarError(input.error);
      // The thread cuts with the catalog's providers: a caller's own are read here.
      const { cutHarInThread } = io;
      const opened = await openInput(
        input.name,
        () => io.stdin,
        cutHarInThread && providers === catalog ? (path) => cutHarInThread(path, options) : undefined,
      );
      try {
        const warnings = await scanHar(
          opened.chunks,
          options,
          {
            readBodyFile: opened.readBodyFile,
            unreadBodyFile: () => {
              unreadBodyFiles++;
            },
            entries: (count) => {
              file.entries += count;
              summary.entries += count;
            },
            skipped: (_, reason) => {
              file.skipped++;
              skipped++;
              reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
            },
            finding: (finding) => {
              // Several files: each one's diagnoses under its name.
              if (file.diagnosed === 0 && inputs.length > 1 && format.file) {
                write(format.file(input.name, summary.diagnosed));
              }
              write(format.item({ ...finding, file: input.name }, summary.diagnosed));
              file.diagnosed++;
              summary.diagnosed++;
              const { provider } = finding.diagnosis;
              summary.byProvider[provider] = (summary.byProvider[provider] ?? 0) + 1;
            },
          },
          providers,
        );
        for (const warning of warnings)
          summary.warnings.push(presentWarning({ file: input.name, ...warning }));
      } finally {
        opened.close();
      }
      if (file.skipped > 0) complain(`paylens: ${name}: ${skippedLine(file.skipped, reasons)}\n`);
      if (unreadBodyFiles > 0) {
        const reach = opened.readBodyFile ? undefined : input.name === '-' ? 'standard input' : 'a pipe';
        complain(`paylens: ${name}: ${unreadBodyFilesLine(unreadBodyFiles, reach)}\n`);
      }
    } catch (error) {
      // HarError and file errors are the input's; anything else is still one line, never a trace.
      file.error = error instanceof HarError ? error.message : describeFileError(error);
      complain(`paylens: cannot read ${name}: ${printable(file.error)}\n`);
    }
  }

  const readAny = summary.files.some((file) => file.error === undefined);
  // Nothing read and nothing written: no document at all, so a refused file leaves stdout empty.
  if (readAny || started) {
    try {
      write(format.end(summary, { entries: summary.entries, skipped }));
    } catch (error) {
      // A bug of ours, not the user's input: still one line, and the status of unusable input.
      complain(`paylens: could not write the ${args.format} output: ${errorMessage(error)}\n`);
      return EXIT.unusable;
    }
  }
  output.flush();
  if (!readAny) return EXIT.unusable;
  return args.failOnError && summary.diagnosed > 0 ? EXIT.diagnosed : EXIT.ran;
}
