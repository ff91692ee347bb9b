/**
 * The CLI's inputs: paths and directories expanded to HAR files, and each file opened as a
 * stream of bytes whatever its packaging (plain, gzip, zlib, Playwright's zip), with the reader
 * of the bodies Playwright stores beside the HAR.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type * as yauzl from 'yauzl';
import { MAX_BODY_CHARS } from '../lib/body';
import type { BodyFileReader } from '../lib/diagnose-har';
import { type Chunks, type CutHar, compressionOf, HarError, startsWithBytes } from '../lib/har';

/** A file to diagnose, named as the user gave it, or why that argument yields none. */
export type Input = { name: string; error?: string };

/** What a directory contributes, matched case-insensitively. */
const HAR_FILE = /\.(har|harp|har\.gz|zhar|zip)$/i;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Larger body files are left unread, as the matcher would not read such a body anyway. */
const MAX_BODY_FILE_BYTES = 4 * MAX_BODY_CHARS;

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a file could not be opened, in words rather than an errno. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return errorMessage(error);
}

/** Files under `dir` that look like HARs, sorted by name at each level, so runs compare. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (HAR_FILE.test(entry.name)) found.push(path);
  }
  return found;
}

/** The arguments as files, in the order given; `-` is standard input. */
export async function expandInputs(args: readonly string[]): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ name: arg });
      continue;
    }
    try {
      if (!(await stat(arg)).isDirectory()) {
        inputs.push({ name: arg });
        continue;
      }
      const files = await walk(arg);
      if (files.length === 0)
        inputs.push({ name: arg, error: 'no .har, .harp, .har.gz, .zhar or .zip file in it' });
      for (const name of files) inputs.push({ name });
    } catch (error) {
      inputs.push({ name: arg, error: describeFileError(error) });
    }
  }
  return inputs;
}

export interface OpenedHar {
  /** The file's bytes, or its entries when a thread cuts them. */
  chunks: Chunks | CutHar;
  /** Reads the bodies stored beside the HAR; absent for a pipe, which has no folder. */
  readBodyFile?: BodyFileReader;
  close(): void;
}

/** zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR...) are about the file, not the disk. */
function isZlibError(error: unknown): boolean {
  return String((error as NodeJS.ErrnoException | undefined)?.code).startsWith('Z_');
}

/** The bytes as they were before compression, as they stream. */
async function* decompressed(
  source: AsyncIterable<Uint8Array | string>,
  compression: 'gzip' | 'zlib',
): AsyncGenerator<Uint8Array> {
  // zlib is loaded by the runs that read compressed files, not by every start of the CLI.
  const { createGunzip, createInflate } = await import('node:zlib');
  const input = Readable.from(source);
  const output = compression === 'gzip' ? createGunzip() : createInflate();
  input.on('error', (error) => output.destroy(error));
  input.pipe(output);
  try {
    yield* output;
  } catch (error) {
    if (isZlibError(error)) throw new HarError(`it is ${compression}-compressed but damaged`);
    throw error;
  } finally {
    input.destroy();
  }
}

/** Bytes as a body: text when they are UTF-8, else base64 as a HAR would hold them. */
function bodyFrom(bytes: Uint8Array): { body: string; encoding?: 'base64' } {
  try {
    return { body: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { body: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
  }
}

/** Bodies named by `_file` beside the HAR; a name reaching outside its folder is not followed. */
function bodiesBeside(harPath: string): BodyFileReader {
  const folder = resolve(dirname(harPath));
  return async (name) => {
    const path = resolve(folder, name);
    const inside = relative(folder, path);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      return undefined;
    try {
      if ((await stat(path)).size > MAX_BODY_FILE_BYTES) return undefined;
      return bodyFrom(await readFile(path));
    } catch {
      // A missing body file leaves the entry as if it had no body, as a HAR without content would.
      return undefined;
    }
  };
}

function promised<T>(call: (callback: (error: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise((done, fail) => call((error, value) => (error ? fail(error) : done(value))));
}

/** Every entry of a zip archive by name, from its central directory. */
async function zipEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', done);
    zip.on('error', fail);
    zip.readEntry();
  });
  return entries;
}

async function* streamOf(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncGenerator<Uint8Array> {
  const stream = await promised<Readable>((callback) => zip.openReadStream(entry, callback));
  yield* stream;
}

/**
 * A `.har` in a zip, not the metadata macOS adds beside each file it compresses
 * (`__MACOSX/…/._name.har`).
 */
function isRecording(name: string): boolean {
  return /\.har$/i.test(name) && !name.startsWith('__MACOSX/') && !posix.basename(name).startsWith('._');
}

/** The first few names, each cut short, then how many more: a zip may hold hundreds, of any length. */
function namesShown(names: readonly string[]): string {
  const SHOWN = 5;
  const LONGEST = 80;
  const more = names.length - SHOWN;
  const shown = names
    .slice(0, SHOWN)
    .map((name) => (name.length > LONGEST ? `${name.slice(0, LONGEST - 1)}…` : name));
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** A zip as Playwright's `recordHar` writes it: one `.har` and the body files it names. */
async function openZip(path: string): Promise<OpenedHar> {
  const damaged = () => new HarError('it is a zip archive but damaged');
  // yauzl and what it requires cost more to load than the rest of the CLI together, so only
  // a zip loads it.
  const { open: openZipFile } = (await import('yauzl')).default;
  let zip: yauzl.ZipFile;
  let entries: Map<string, yauzl.Entry>;
  try {
    zip = await promised<yauzl.ZipFile>((callback) =>
      openZipFile(path, { lazyEntries: true, autoClose: false }, callback),
    );
    entries = await zipEntries(zip);
  } catch {
    throw damaged();
  }
  const hars = [...entries.values()].filter((entry) => isRecording(entry.fileName));
  const har = hars[0];
  if (!har || hars.length > 1) {
    zip.close();
    // A zip is read as one recording: reading its first HAR alone would drop the others unseen.
    throw new HarError(
      har
        ? `it is a zip archive with ${hars.length} .har files (${namesShown(hars.map((entry) => entry.fileName))}): unzip it and name each one`
        : 'it is a zip archive with no .har file in it',
    );
  }
  // Body names are relative to the HAR, wherever in the archive it is.
  const folder = posix.dirname(har.fileName);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      yield* streamOf(zip, har as yauzl.Entry);
    } catch (error) {
      if (error instanceof HarError) throw error;
      throw damaged();
    }
  }
  return {
    chunks: chunks(),
    readBodyFile: async (name) => {
      const entry = entries.get(posix.join(folder, name));
      if (!entry || entry.uncompressedSize > MAX_BODY_FILE_BYTES) return undefined;
      const parts: Uint8Array[] = [];
      try {
        for await (const part of streamOf(zip, entry)) parts.push(part);
      } catch {
        return undefined;
      }
      return bodyFrom(Buffer.concat(parts));
    },
    close: () => zip.close(),
  };
}

/** The first bytes of a file, to tell its packaging by its magic number, not its name. */
async function magicOf(path: string): Promise<Uint8Array> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(new Uint8Array(4), 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * Standard input or another pipe, decompressed when it is gzip or zlib; a zip needs seeking,
 * so it needs a path to a file.
 */
async function openStream(stream: Chunks, close = () => {}): Promise<OpenedHar> {
  const iterator = (async function* () {
    yield* stream;
  })();
  const first = await iterator.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* iterator;
  }
  const head = first.done || typeof first.value === 'string' ? undefined : first.value;
  if (head && startsWithBytes(head, ZIP_MAGIC)) {
    throw new HarError('it is a zip archive, which is read from its path, not a pipe');
  }
  const compression = head && compressionOf(head);
  return { chunks: compression ? decompressed(all(), compression) : all(), close };
}

/** A plain or compressed file's bytes, and how to stop reading them. */
function readFileBytes(path: string, magic: Uint8Array) {
  // Large reads: each chunk is a round trip to the thread pool, which the parser waits for.
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const compression = compressionOf(magic);
  return { chunks: compression ? decompressed(file, compression) : file, close: () => file.destroy() };
}

/** The bytes of a file that is no zip, compressed or not: what a thread cutting it reads. */
export async function fileChunks(path: string): Promise<AsyncIterable<Uint8Array>> {
  return readFileBytes(path, await magicOf(path)).chunks;
}

/** From this size on, a file is cut into entries in a thread of its own, when one is offered. */
const THREAD_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Opens one input for reading; throws HarError or the file system's error. Standard input
 * is asked for only when it is the input, as opening it costs a start. `cutInThread` cuts a
 * large file in a thread of its own; without it, every file is read here.
 */
export async function openInput(
  name: string,
  stdin: () => Chunks,
  cutInThread?: (path: string) => Promise<CutHar & { close(): void }>,
): Promise<OpenedHar> {
  if (name === '-') return openStream(stdin());
  const info = await stat(name);
  // A pipe named as a path (`<(…)`, `/dev/stdin`) cannot be read at an offset: read it as standard input.
  if (!info.isFile()) {
    const pipe = createReadStream(name, { highWaterMark: 1 << 20 });
    return openStream(pipe, () => pipe.destroy());
  }
  const magic = await magicOf(name);
  if (startsWithBytes(magic, ZIP_MAGIC)) return openZip(name);
  const readBodyFile = bodiesBeside(name);
  if (cutInThread && info.size >= THREAD_MIN_BYTES) {
    const { cut, close } = await cutInThread(name);
    return { chunks: { cut }, readBodyFile, close };
  }
  return { ...readFileBytes(name, magic), readBodyFile };
}
