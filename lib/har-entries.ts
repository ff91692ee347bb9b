/**
 * Cuts the entries of `log.entries` out of a HAR byte stream. Entries are nearly all of a
 * HAR's bytes, so they are found by a byte scanner and handed over whole, for the native
 * JSON.parse; everything around them (the small skeleton: log, version, creator, pages)
 * is passed on with each entry replaced by `0`, for a real JSON parser to check.
 */

/** JSON's structural bytes, shared with the prefilter that reads entries the same way. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;

/** Depth of an entry's own bytes: root object 1, log 2, entries array 3. */
const ENTRIES_DEPTH = 3;

export interface EntrySink {
  /** The skeleton's bytes, in order, with every entry replaced by `0`. */
  skeleton(bytes: Uint8Array): void;
  /** One entry's bytes (a JSON value), in order. */
  entry(bytes: Uint8Array): void;
}

const encoder = new TextEncoder();
const ZERO = encoder.encode('0');
const COMMA_ZERO = encoder.encode(',0');

/** JSON's white space. */
export function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The parts' bytes, one after the other, in one array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  let length = 0;
  for (const part of parts) length += part.length;
  const whole = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

/** Closer quotes than this are found byte by byte: a call to indexOf costs more. */
const NEAR = 48;

/** The index of the next `"` at or after `from` in `bytes`, or -1. */
export function nextQuote(bytes: Uint8Array, from: number): number {
  const near = Math.min(from + NEAR, bytes.length);
  for (let i = from; i < near; i++) if (bytes[i] === QUOTE) return i;
  return near < bytes.length ? bytes.indexOf(QUOTE, near) : -1;
}

/** Something other than whitespace follows the HAR's root value, at byte `offset`. */
export class ExtraDataError extends SyntaxError {
  constructor(readonly offset: number) {
    super(`extra data after the HAR at byte ${offset}`);
  }
}

export class EntrySplitter {
  private depth = 0;
  private inString = false;
  /** The byte before was an unescaped backslash inside a string. */
  private escaped = false;
  /** Per depth: is the container an object, and does a key come next? */
  private readonly objectAt: boolean[] = [];
  private readonly keyNext: boolean[] = [];
  /** Keys at depth 1 and 2, to recognise `log` and `entries`. */
  private readonly keyAt: Array<string | undefined> = [];
  private keyBytes: number[] | null = null;
  private inEntries = false;
  /** Inside the entries array, where a value must come next (after `[` or `,`). */
  private valueNext = false;
  private entriesSeen = false;
  private entryCount = 0;
  /** Bytes of the entry being read, from earlier chunks; null between entries. */
  private entryParts: Uint8Array[] | null = null;
  /** Bytes written before the current chunk, to place extra data in the input. */
  private written = 0;
  /** The root value has closed: anything but whitespace after it is extra data. */
  private rootClosed = false;

  constructor(private readonly sink: EntrySink) {}

  /** True once `log.entries` was found to be an array. */
  get foundEntries(): boolean {
    return this.entriesSeen;
  }

  /** The index of the entry the input ended inside, or null when it is between entries. */
  get openEntry(): number | null {
    return this.inEntries && this.entryParts !== null ? this.entryCount : null;
  }

  write(bytes: Uint8Array): void {
    let from = 0;
    while (from < bytes.length && !this.rootClosed) {
      from = this.inEntries ? this.scanEntries(bytes, from) : this.scanSkeleton(bytes, from);
    }
    if (this.rootClosed) this.checkNothingAfterRoot(bytes, from);
    this.written += bytes.length;
  }

  private checkNothingAfterRoot(bytes: Uint8Array, from: number): void {
    for (let i = from; i < bytes.length; i++) {
      if (!isSpace(bytes[i] as number)) throw new ExtraDataError(this.written + i);
    }
  }

  /** Scans skeleton bytes until the entries array opens or the chunk ends; returns where it stopped. */
  private scanSkeleton(bytes: Uint8Array, from: number): number {
    for (let i = from; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.endString();
        else if (this.keyBytes && this.keyBytes.length < 64) this.keyBytes.push(byte);
        continue;
      }
      if (byte === QUOTE) {
        this.inString = true;
        this.keyBytes = this.keyNext[this.depth] && this.depth <= 2 ? [] : null;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        const opensEntries =
          byte === OPEN_ARRAY &&
          this.depth === 2 &&
          this.objectAt[1] === true &&
          this.objectAt[2] === true &&
          this.keyAt[1] === 'log' &&
          this.keyAt[2] === 'entries';
        this.depth++;
        // A new container starts with no key: one left from an earlier sibling must not count.
        this.keyAt[this.depth] = undefined;
        this.objectAt[this.depth] = byte === OPEN_OBJECT;
        this.keyNext[this.depth] = byte === OPEN_OBJECT;
        if (opensEntries) {
          this.inEntries = true;
          this.valueNext = true;
          this.entriesSeen = true;
          this.sink.skeleton(bytes.subarray(from, i + 1));
          return i + 1;
        }
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth === 0) {
          // The skeleton parser is not shown what follows: it would name its own state.
          this.rootClosed = true;
          this.sink.skeleton(bytes.subarray(from, i + 1));
          return i + 1;
        }
      } else if (byte === COMMA) {
        this.keyNext[this.depth] = this.objectAt[this.depth] === true;
      } else if (byte === COLON) {
        this.keyNext[this.depth] = false;
      }
    }
    this.sink.skeleton(bytes.subarray(from));
    return bytes.length;
  }

  private endString(): void {
    this.inString = false;
    if (this.keyBytes) {
      this.keyAt[this.depth] = String.fromCharCode(...this.keyBytes);
      this.keyBytes = null;
    }
  }

  /** Scans inside the entries array until it closes or the chunk ends; returns where it stopped. */
  private scanEntries(bytes: Uint8Array, from: number): number {
    let start = this.entryParts ? from : -1;
    for (let i = from; i < bytes.length; i++) {
      if (this.inString) {
        // Jump from quote to quote: strings are most of an entry's bytes.
        const end = this.stringEnd(bytes, i);
        if (end < 0) break;
        this.inString = false;
        i = end;
        continue;
      }
      const byte = bytes[i] as number;
      if (this.depth === ENTRIES_DEPTH && start < 0 && !isSpace(byte)) {
        // Between entries only `,` and `]` may come, each in its place.
        if (byte === CLOSE_ARRAY && !(this.valueNext && this.entryCount > 0)) {
          this.closeEntries();
          this.sink.skeleton(bytes.subarray(i, i + 1));
          return i + 1;
        }
        if (byte === COMMA && !this.valueNext) {
          this.valueNext = true;
          continue;
        }
        if (byte === COMMA || byte === CLOSE_ARRAY) {
          throw new SyntaxError(`unexpected "${String.fromCharCode(byte)}" in log.entries`);
        }
        start = i;
        this.entryParts = [];
        this.valueNext = false;
      }
      if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) this.depth++;
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (this.depth === ENTRIES_DEPTH) {
          // `]` right after a primitive entry, as in `[1,null]`.
          this.finishEntry(bytes.subarray(start, i));
          start = -1;
          this.closeEntries();
          this.sink.skeleton(bytes.subarray(i, i + 1));
          return i + 1;
        }
        this.depth--;
      } else if (byte === COMMA && this.depth === ENTRIES_DEPTH) {
        this.finishEntry(bytes.subarray(start, i));
        start = -1;
        this.valueNext = true;
      }
    }
    if (start >= 0) this.entryParts?.push(bytes.slice(start));
    return bytes.length;
  }

  /**
   * The index of the quote that closes the string being read, searching from `from`, or -1
   * when the chunk ends first (remembering whether it ended on an escaping backslash).
   * A quote is escaped when an odd run of backslashes comes before it.
   */
  private stringEnd(bytes: Uint8Array, from: number): number {
    let search = from;
    let escapedAtSearch = this.escaped;
    for (;;) {
      const quote = nextQuote(bytes, search);
      const stop = quote < 0 ? bytes.length : quote;
      let run = 0;
      while (stop - run > search && bytes[stop - run - 1] === BACKSLASH) run++;
      // Backslashes reaching back to where the search began continue what came before it.
      const escaped = stop - run > search || !escapedAtSearch ? run % 2 === 1 : run % 2 === 0;
      if (quote < 0) {
        this.escaped = stop === search ? escapedAtSearch : escaped;
        return -1;
      }
      if (!escaped) {
        this.escaped = false;
        return quote;
      }
      search = quote + 1;
      escapedAtSearch = false;
    }
  }

  private finishEntry(last: Uint8Array): void {
    const parts = this.entryParts ?? [];
    parts.push(last);
    this.entryParts = null;
    this.sink.entry(concat(parts));
    this.sink.skeleton(this.entryCount++ === 0 ? ZERO : COMMA_ZERO);
  }

  private closeEntries(): void {
    this.inEntries = false;
    this.depth--;
  }
}
