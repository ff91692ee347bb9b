import type { SessionWarning } from './analyzer';
import { createCaptureReader } from './capture-reader';
import { type Chunks, type CutHar, parseEntries, readHar } from './har';
import { createEntryPrefilter, type EntryPrefilter } from './har-prefilter';
import { type MatcherOptions, providerScope } from './matcher';
import { providers as catalog, type Provider } from './providers';
import { createRelevance } from './relevance';
import type { Finding } from './types';

export interface HarDiagnosis {
  findings: Finding[];
  /** Every entry of `log.entries`, usable or not. */
  entries: number;
  /** Entries that are not usable HAR entries, with the reason. */
  skipped: Array<{ index: number; reason: string }>;
  /** Entries that could be diagnosed, whose bodies are in files beside the HAR that were not read. */
  unreadBodyFiles: number[];
  /** What the session analyzer saw across the whole capture. */
  warnings: SessionWarning[];
}

/** A body stored outside the HAR, as Playwright's `content._file` and `postData._file` name it. */
export type BodyFileReader = (name: string) => Promise<{ body: string; encoding?: 'base64' } | undefined>;

/** Where each entry of a HAR goes as soon as it is read, so nothing has to be kept. */
export interface HarSink {
  /** Entries of `log.entries`, usable or not, counted as they are read, before their diagnosis or skip. */
  entries(count: number): void;
  finding(finding: Finding): void;
  skipped(index: number, reason: string): void;
  /** Reads `_file` bodies; without it such entries are diagnosed without their bodies. */
  readBodyFile?: BodyFileReader;
  /** An entry that could be diagnosed is read without a body stored in a file: none was given, or it was not there. */
  unreadBodyFile(index: number): void;
}

/**
 * The prefilter for these options: other hosts' entries are of no use to the matcher nor
 * the analyzer, unless relayed errors are on, when any entry may hold one and every entry
 * is parsed.
 */
export function entryPrefilterFor(
  options: MatcherOptions,
  providers: readonly Provider[] = catalog,
): EntryPrefilter | undefined {
  return options.anyHost ? undefined : createEntryPrefilter(providerScope(options, providers).lookup);
}

/**
 * Diagnoses every entry of a HAR stream, handing each diagnosis and each unusable entry to
 * the sink as it comes, so memory stays flat and a file that breaks off keeps what it gave.
 * Every usable entry goes through one session analyzer, successes too; its warnings come
 * back at the end. `providers` is the catalog's unless a caller brings its own. A HAR cut
 * elsewhere must have been cut with `entryPrefilterFor` the same options and providers.
 */
export async function scanHar(
  input: Chunks | CutHar,
  options: MatcherOptions,
  sink: HarSink,
  providers: readonly Provider[] = catalog,
): Promise<SessionWarning[]> {
  const reader = createCaptureReader(options, providers);
  // A body file is read only when its exchange could be diagnosed: a recording's images
  // and scripts are left on disk.
  const relevant = createRelevance(options, providers);
  const items =
    'cut' in input
      ? parseEntries(input.cut)
      : readHar(input, { prefilter: entryPrefilterFor(options, providers) });
  for await (const item of items) {
    if ('unparsed' in item) {
      sink.entries(item.unparsed);
      continue;
    }
    sink.entries(1);
    if ('invalid' in item) {
      sink.skipped(item.index, item.invalid);
      continue;
    }
    const { exchange, bodyFile, requestBodyFile } = item;
    if ((bodyFile !== undefined || requestBodyFile !== undefined) && relevant(exchange)) {
      const [response, request] = await Promise.all([
        bodyFile === undefined ? null : sink.readBodyFile?.(bodyFile),
        requestBodyFile === undefined ? null : sink.readBodyFile?.(requestBodyFile),
      ]);
      if (response) {
        exchange.responseBody = response.body;
        exchange.responseEncoding = response.encoding;
      }
      // A request body is text to the matcher and the analyzer; bytes that are not are left out.
      if (request && request.encoding === undefined) exchange.requestBody = request.body;
      if (response === undefined || request === undefined) sink.unreadBodyFile(item.index);
    }
    const diagnosed = reader.read(exchange, item.index);
    if (diagnosed) sink.finding({ entryIndex: item.index, exchange, ...diagnosed });
  }
  return reader.warnings();
}

/** Diagnoses every entry of a HAR stream and keeps the diagnoses, as the panel shows them all. */
export async function diagnoseHar(
  chunks: Chunks,
  options: MatcherOptions = {},
  providers: readonly Provider[] = catalog,
): Promise<HarDiagnosis> {
  const findings: Finding[] = [];
  const skipped: HarDiagnosis['skipped'] = [];
  const unreadBodyFiles: number[] = [];
  let entries = 0;
  const warnings = await scanHar(
    chunks,
    options,
    {
      entries: (count) => {
        entries += count;
      },
      finding: (finding) => findings.push(finding),
      skipped: (index, reason) => skipped.push({ index, reason }),
      unreadBodyFile: (index) => unreadBodyFiles.push(index),
    },
    providers,
  );
  return { findings, entries, skipped, unreadBodyFiles, warnings };
}
