import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { diagnoseHar } from '../lib/diagnose-har';
import { formatIds, formats, isFormatId, streamingFormats, summarise } from '../lib/format';
import { type Chunks, HarError } from '../lib/har';
import type { MatcherOptions } from '../lib/matcher';
import { providers as catalog, type Provider, providerIds } from '../lib/providers';
import { matcherOptionsFrom, validateSettings } from '../lib/settings';
import { explainCommand } from './explain';
import { providersCommand } from './providers';

const USAGE = `Usage: paylens diagnose <file.har | -> [options]
       paylens explain <term…> [options]   the documented rows a code, message or status names
       paylens providers [--format F]      the providers in the catalog

Explains the payment-provider errors recorded in a HAR file.

Options:
  --format text|json|markdown  output format (default: text)
  --any-host                   also recognise provider errors relayed by other hosts
  --provider ID                only this provider; repeat for several
                               (${providerIds.join(', ')})
  --config FILE                settings file: custom hosts, anyHost, providers on/off
  --fail-on-error              exit 1 when anything was diagnosed
  -h, --help                   show this help

Exit status: 0 when it ran, 1 with --fail-on-error when something was diagnosed,
2 when the input could not be read as a HAR or the arguments are wrong.

paylens explain --help and paylens providers --help describe the other commands.`;

/** Exit statuses, part of the CLI's contract. */
const EXIT = { ran: 0, diagnosed: 1, unusable: 2 } as const;

class UsageError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: Chunks;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
};

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
  const [command, input, ...extra] = positionals;
  if (command !== 'diagnose') {
    throw new UsageError(
      command ? `unknown command "${command}"` : 'missing command: diagnose, explain or providers',
    );
  }
  if (input === undefined) throw new UsageError('missing the HAR file to read (or - for standard input)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!isFormatId(values.format)) {
    throw new UsageError(`unknown format "${values.format}" (use ${formatIds.join(', ')})`);
  }
  for (const id of values.provider ?? []) {
    if (!knownIds.includes(id)) throw new UsageError(`unknown provider "${id}" (use ${knownIds.join(', ')})`);
  }
  return {
    help: false as const,
    input,
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a file could not be opened, in words rather than an errno. */
function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return errorMessage(error);
}

/**
 * Runs the CLI and returns its exit status; never throws. `diagnose` knows `providers`, the
 * catalog's unless a caller (a test) brings its own.
 */
export async function main(
  argv: string[],
  io: Io = processIo,
  providers: readonly Provider[] = catalog,
): Promise<number> {
  const knownIds = providers.map((provider) => provider.id);
  // Each of these commands parses its own options.
  const [command, ...rest] = argv;
  if (command === 'explain') return explainCommand(rest, io);
  if (command === 'providers') return providersCommand(rest, io);
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

  const name = args.input === '-' ? 'standard input' : args.input;
  const source = args.input === '-' ? io.stdin : createReadStream(args.input);
  let result: Awaited<ReturnType<typeof diagnoseHar>>;
  try {
    result = await diagnoseHar(source, options, providers);
  } catch (error) {
    const reason = error instanceof HarError ? error.message : describeFileError(error);
    io.stderr(`paylens: cannot read ${name}: ${reason}\n`);
    return EXIT.unusable;
  }

  const { findings, entries, skipped } = result;
  if (entries > 0 && skipped.length === entries) {
    const first = skipped[0];
    io.stderr(
      `paylens: cannot read ${name}: none of its ${entries} entries is usable (first: #${first?.index}, ${first?.reason})\n`,
    );
    return EXIT.unusable;
  }
  const context = { entries, skipped: skipped.length };
  const stream = streamingFormats[args.format];
  try {
    if (stream) {
      // A diagnosis at a time: a gigabyte HAR's output never has to be one string.
      io.stdout(stream.begin());
      for (const [index, finding] of findings.entries()) io.stdout(stream.item(finding, index));
      io.stdout(stream.end(summarise(findings, context), context));
    } else {
      io.stdout(formats[args.format](findings, context));
    }
  } catch (error) {
    // A bug of ours, not the user's input: still one line, and the status of unusable input.
    io.stderr(`paylens: could not write the ${args.format} output: ${errorMessage(error)}\n`);
    return EXIT.unusable;
  }
  // The text summary already says it; the other formats are for machines, so say it aside.
  if (skipped.length > 0 && args.format !== 'text') {
    const first = skipped[0];
    io.stderr(
      `paylens: skipped ${skipped.length} unusable ${skipped.length === 1 ? 'entry' : 'entries'} (first: #${first?.index}, ${first?.reason})\n`,
    );
  }
  return args.failOnError && findings.length > 0 ? EXIT.diagnosed : EXIT.ran;
}
