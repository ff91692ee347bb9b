/**
 * Reads HAR files as a stream of entries, so a capture larger than a string can hold is
 * read with flat memory, and turns each entry into an Exchange. Pure: the CLI feeds it a
 * file stream and the panel a dropped File's stream.
 */
import { JSONParser } from '@streamparser/json';
import { concat, EntrySplitter, ExtraDataError, isSpace } from './har-entries';
import { exchangeFromEntry } from './har-exchange';
import type { EntryPrefilter } from './har-prefilter';
import { get, str } from './json';
import type { Exchange } from './types';

/** A file that cannot be read as a HAR at all; its message is one line for the user. */
export class HarError extends Error {
  override name = 'HarError';
}

/** A file's content in pieces, as a stream yields them (or an array of them). */
export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export type HarItem =
  /**
   * `bodyFile` and `requestBodyFile`: Playwright's `content._file` and `postData._file`,
   * bodies stored beside the HAR rather than in it.
   */
  | { index: number; exchange: Exchange; bodyFile?: string; requestBodyFile?: string }
  | { index: number; invalid: string };

/**
 * Usable entries the prefilter showed to be of no interest, counted but never parsed: the
 * `unparsed` entries from `index` on, as one item, since most of a capture comes so.
 */
export type UnparsedItem = { index: number; unparsed: number };

/** An entry cut out of a HAR's bytes, still to be parsed. */
export type CutEntry = { index: number; bytes: Uint8Array };

/**
 * A HAR already cut into its entries elsewhere (the CLI cuts large files in a thread of
 * their own), to be parsed here.
 */
export interface CutHar {
  readonly cut: AsyncIterable<CutEntry | UnparsedItem>;
}

export interface ReadHarOptions {
  /** Entries to count without parsing them: see `createEntryPrefilter`. */
  prefilter?: EntryPrefilter;
}

/** The skeleton parser's token names, as words that quote nothing of the file. */
const TOKENS: Record<string, string> = {
  LEFT_BRACE: '"{"',
  RIGHT_BRACE: '"}"',
  LEFT_BRACKET: '"["',
  RIGHT_BRACKET: '"]"',
  COLON: '":"',
  COMMA: '","',
  TRUE: 'true',
  FALSE: 'false',
  NULL: 'null',
  STRING: 'string',
  NUMBER: 'number',
};

/** A parser's complaint in the user's words: never its states, never the file's text. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Our own complaints (the splitter's, an entry's) are already written for the user.
  if (error instanceof SyntaxError) return `it is not valid JSON (${message})`;
  if (/ended in (mid-parsing|the middle)/i.test(message)) {
    return 'the file ends before the HAR does (truncated?)';
  }
  // The streaming parser counts bytes of the skeleton, not of the file: name the character
  // only, and only when it is ASCII, as it reports a replaced byte as its first UTF-8 byte.
  const character = /^Unexpected "(.*)" at /s.exec(message)?.[1];
  if (character !== undefined) {
    const named = character.length === 1 && character < '\u0080';
    return `it is not valid JSON (unexpected ${named ? JSON.stringify(character) : 'non-ASCII character'})`;
  }
  const token = /^Unexpected (?:partial )?([A-Z_]+) /.exec(message)?.[1];
  return `it is not valid JSON${token ? ` (unexpected ${TOKENS[token] ?? 'token'})` : ''}`;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** gzip's magic number: a compressed HAR is told by it, not by its name. */
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * How a HAR's first bytes say it is compressed: gzip (`.har.gz`), or zlib (mitmproxy's
 * `.zhar`, whose header is a deflate byte and a check that makes the pair a multiple of 31).
 */
export function compressionOf(head: Uint8Array): 'gzip' | 'zlib' | undefined {
  if (startsWithBytes(head, GZIP_MAGIC)) return 'gzip';
  const [method, flags] = head;
  if (method === 0x78 && flags !== undefined && ((method << 8) | flags) % 31 === 0) return 'zlib';
  return undefined;
}

/** The bytes begin with `prefix` (a magic number, a BOM). */
export function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The encoding a BOM names, and how many bytes it takes; UTF-8 without one. */
function sniffEncoding(head: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number } {
  if (startsWithBytes(head, UTF8_BOM)) return { encoding: 'utf-8', bom: 3 };
  if (startsWithBytes(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: 2 };
  if (startsWithBytes(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * The bytes as a plain Uint8Array, without a copy: Node's streams give Buffers, whose
 * `slice` shares memory where a Uint8Array's copies, and the scanners' loops run faster
 * over one kind of array than over two.
 */
function plain(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * The input as UTF-8 bytes without a BOM: UTF-16 (with its BOM) is transcoded, strings
 * encoded. Invalid UTF-8 is left for the decoders, which replace it with U+FFFD.
 * `bom` receives the BOM's length, so offsets can still count the file's bytes.
 */
async function* utf8(chunks: Chunks, bom: (length: number) => void): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  /** The first bytes, until there are enough to recognise a BOM; null once past them. */
  let head: Uint8Array | null = new Uint8Array(0);
  let transcoder: TextDecoder | undefined;
  const transcoded = (bytes: Uint8Array) =>
    transcoder ? encoder.encode(transcoder.decode(bytes, { stream: true })) : bytes;
  const sniff = (bytes: Uint8Array) => {
    const compression = compressionOf(bytes);
    if (compression) throw new HarError(`it is ${compression}-compressed: decompress it first`);
    const { encoding, bom: length } = sniffEncoding(bytes);
    bom(length);
    if (encoding !== 'utf-8') transcoder = new TextDecoder(encoding);
    return transcoded(bytes.subarray(length));
  };
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (typeof chunk === 'string') {
      // Text already decoded by the caller: only a BOM at its very start is left to drop.
      yield encoder.encode(head !== null && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk);
      head = null;
    } else if (head === null) {
      yield transcoded(plain(chunk));
    } else {
      const joined = concat([head, plain(chunk)]);
      head = joined.length < UTF8_BOM.length ? joined : null;
      if (head === null) yield sniff(joined);
    }
  }
  if (head !== null && head.length > 0) yield sniff(head);
  if (transcoder) yield encoder.encode(transcoder.decode());
}

/** A JSONP callback's name and its parenthesis: `onInputData(`, as HAR viewers serve HARP. */
const JSONP_OPENING = /^\s*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*\(/;
/** What may close it: the parenthesis, a semicolon, white space. */
const JSONP_CLOSING = /\)\s*;?\s*$/;
/** A callback's name is short: past this, the input is not JSONP. */
const MAX_JSONP_OPENING = 256;
/** Bytes held back at the end of a JSONP input, where its closing is. */
const JSONP_TAIL = 64;

/**
 * The HAR inside HARP (`onInputData({...});`, a HAR wrapped in a JSONP callback, as HAR
 * viewers load files), passed on as plain HAR; anything else passes unchanged. `opening`
 * receives the wrapper's length, so offsets can still count the file's bytes.
 */
async function* unwrapJsonp(
  input: AsyncIterable<Uint8Array>,
  opening: (length: number) => void,
): AsyncGenerator<Uint8Array> {
  const latin1 = new TextDecoder('latin1');
  /** The first bytes, until they show whether a callback's name opens the input; null after. */
  let head: Uint8Array | null = new Uint8Array(0);
  let wrapped = false;
  let tail: Uint8Array = new Uint8Array(0);
  for await (const chunk of input) {
    let bytes = chunk;
    if (head !== null) {
      head = concat([head, chunk]);
      let start = 0;
      while (start < head.length && isSpace(head[start] as number)) start++;
      if (start === head.length) {
        // White space so far, which JSON allows too: passed on, so none of it piles up.
        yield head;
        head = new Uint8Array(0);
        continue;
      }
      const text = latin1.decode(head.subarray(start, start + MAX_JSONP_OPENING));
      const match = JSONP_OPENING.exec(text);
      const undecided = !match && /^[A-Za-z_$]/.test(text) && head.length - start < MAX_JSONP_OPENING;
      if (undecided) continue;
      wrapped = match !== null;
      const skipped = match ? start + match[0].length : 0;
      bytes = head.subarray(skipped);
      if (match) opening(skipped);
      head = null;
    }
    if (!wrapped) {
      yield bytes;
      continue;
    }
    // The closing is in the last bytes: hold them back until the input ends.
    if (bytes.length >= JSONP_TAIL) {
      if (tail.length > 0) yield tail;
      yield bytes.subarray(0, bytes.length - JSONP_TAIL);
      tail = bytes.slice(bytes.length - JSONP_TAIL);
    } else {
      const pending = concat([tail, bytes]);
      const cut = Math.max(0, pending.length - JSONP_TAIL);
      if (cut > 0) yield pending.subarray(0, cut);
      tail = pending.slice(cut);
    }
  }
  if (head !== null) {
    if (head.length > 0) yield head;
    return;
  }
  if (!wrapped) return;
  const closing = JSONP_CLOSING.exec(latin1.decode(tail));
  if (!closing)
    throw new HarError('it opens as JSONP (a callback\'s name and "(") but does not close with ")"');
  yield tail.subarray(0, tail.length - closing[0].length);
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every(isSpace);
}

/**
 * Yields every entry of `log.entries` in order, as an Exchange or as the reason it is
 * unusable. Throws HarError when the input is not JSON, is truncated, or is not a HAR.
 * Memory stays flat: only one entry is held at a time.
 */
export function readHar(chunks: Chunks): AsyncGenerator<HarItem>;
/** With a prefilter, the entries it turns away come as UnparsedItems, in their place. */
export function readHar(chunks: Chunks, options: ReadHarOptions): AsyncGenerator<HarItem | UnparsedItem>;
export function readHar(
  chunks: Chunks,
  options: ReadHarOptions = {},
): AsyncGenerator<HarItem | UnparsedItem> {
  return parseEntries(cutHar(chunks, options));
}

/** Parses each cut entry as it comes, turned-away ones passed on as they are. */
export async function* parseEntries(
  cut: AsyncIterable<CutEntry | UnparsedItem>,
): AsyncGenerator<HarItem | UnparsedItem> {
  // It replaces invalid UTF-8 rather than throw, as the skeleton's decoder does: a stray
  // Latin-1 byte reads the same in a page title as in an entry.
  const decoder = new TextDecoder();
  for await (const item of cut) yield 'bytes' in item ? parseEntry(item, decoder) : item;
}

function parseEntry({ index, bytes }: CutEntry, decoder: TextDecoder): HarItem {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    // V8's message quotes the entry's text, which may hold a token: not for a terminal.
    throw new HarError(describeParseError(new SyntaxError(`entry ${index} is not valid JSON`)));
  }
  const exchange = exchangeFromEntry(value);
  if (typeof exchange === 'string') return { index, invalid: exchange };
  const bodyFile =
    exchange.responseBody === undefined ? str(get(get(get(value, 'response'), 'content'), '_file')) : null;
  const requestBodyFile =
    exchange.requestBody === undefined ? str(get(get(get(value, 'request'), 'postData'), '_file')) : null;
  if (bodyFile === null && requestBodyFile === null) return { index, exchange };
  return {
    index,
    exchange,
    ...(bodyFile === null ? {} : { bodyFile }),
    ...(requestBodyFile === null ? {} : { requestBodyFile }),
  };
}

/**
 * Cuts every entry of `log.entries` out of the input, in order, unparsed; with a
 * prefilter, the entries it turns away come as UnparsedItems instead. Throws HarError when
 * the input is not JSON, is truncated, or is not a HAR, after the entries before the fault.
 */
export async function* cutHar(
  chunks: Chunks,
  { prefilter }: ReadHarOptions = {},
): AsyncGenerator<CutEntry | UnparsedItem> {
  // The skeleton around the entries goes through a real streaming JSON parser, which
  // checks the document is JSON; the entries are parsed one by one, by `parseEntries`.
  const skeleton = new JSONParser({ paths: ['$'], keepStack: false });
  skeleton.onValue = () => {
    // Only its checking is wanted.
  };
  const skeletonDecoder = new TextDecoder();
  /** The decoder may hold the start of a character: what follows must go through it too. */
  let decoderPending = false;
  const skeletonText = (bytes: Uint8Array): Uint8Array | string => {
    // ASCII, nearly all of a skeleton, goes to the parser as it is: decoding is per call.
    if (!decoderPending && isAscii(bytes)) return bytes;
    decoderPending = bytes.length > 0 && (bytes[bytes.length - 1] as number) >= 0x80;
    return skeletonDecoder.decode(bytes, { stream: true });
  };
  const ready: Array<CutEntry | UnparsedItem> = [];
  let count = 0;
  const splitter = new EntrySplitter({
    skeleton: (bytes) => skeleton.write(skeletonText(bytes)),
    entry: (bytes, fields) => {
      const index = count++;
      if (!prefilter?.(bytes, fields)) {
        ready.push({ index, bytes });
        return;
      }
      const last = ready.at(-1);
      if (last !== undefined && 'unparsed' in last && last.index + last.unparsed === index) last.unparsed++;
      else ready.push({ index, unparsed: 1 });
    },
  });
  let sawContent = false;
  /** Bytes of the file before the HAR: a BOM, a JSONP callback's opening. */
  let prefixLength = 0;

  /** Only parsing complaints are about the HAR; a failing source is rethrown as is. */
  const parse = (feed: () => void) => {
    try {
      feed();
    } catch (error) {
      if (error instanceof ExtraDataError) {
        throw new HarError(`extra data after the HAR at byte ${error.offset + prefixLength}`);
      }
      throw new HarError(describeParseError(error));
    }
  };
  const input = unwrapJsonp(
    utf8(chunks, (length) => {
      prefixLength += length;
    }),
    (length) => {
      prefixLength += length;
    },
  );
  for await (const chunk of input) {
    sawContent ||= !isBlank(chunk);
    try {
      parse(() => splitter.write(chunk));
    } catch (error) {
      // The entries before a fault are given whatever the chunking, then the fault.
      yield* ready.splice(0);
      throw error;
    }
    yield* ready.splice(0);
  }
  if (!sawContent) throw new HarError('the file is empty');
  const openEntry = splitter.openEntry;
  if (openEntry !== null) throw new HarError(`it ends inside entry #${openEntry}`);
  parse(() => {
    if (!skeleton.isEnded) skeleton.end();
  });
  if (!splitter.foundEntries) throw new HarError('it is not a HAR file: there is no log.entries array');
}
