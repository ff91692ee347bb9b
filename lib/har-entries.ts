/**
 * Cuts the entries of `log.entries` out of a HAR byte stream. Entries are nearly all of a
 * HAR's bytes, so they are found by a byte scanner and handed over whole, for the native
 * JSON.parse; everything around them (the small skeleton: log, version, creator, pages)
 * is passed on with the entries array reduced to `[0]`, for a real JSON parser to check.
 * The one scan also notes where an entry's shallow containers open and close, so that a
 * reader of its top levels (the prefilter) need not scan it again.
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
/** Depth inside an entry object, where its members' containers (`request`, `timings`) open. */
const ENTRY_DEPTH = 4;
/** Depth inside those, where their members' containers (`headers`, `content`) open. */
const MEMBER_DEPTH = 5;

/**
 * Where the containers at the entry's two shallowest levels open and close, as offsets in
 * the entry's bytes, in the order they open. Reset for each entry.
 */
export class ContainerSpans {
  private opens = new Int32Array(32);
  private closes = new Int32Array(32);
  private count = 0;
  /** Per depth, the span the next close at that depth ends. */
  private readonly openAt = [0, 0, 0, 0, 0, 0];
  /** Where `endOf` looks first: readers ask in the order containers open. */
  private cursor = 0;

  reset(): void {
    this.count = 0;
    this.cursor = 0;
  }

  open(offset: number, depth: number): void {
    if (this.count === this.opens.length) {
      const opens = new Int32Array(this.count * 2);
      const closes = new Int32Array(this.count * 2);
      opens.set(this.opens);
      closes.set(this.closes);
      this.opens = opens;
      this.closes = closes;
    }
    this.opens[this.count] = offset;
    this.openAt[depth] = this.count++;
  }

  /** `offset` is just past the closing bracket. */
  close(offset: number, depth: number): void {
    this.closes[this.openAt[depth] as number] = offset;
  }

  /** Just past the container opening at `offset`, or -1 when none was noted there. */
  endOf(offset: number): number {
    // Asked out of order, the search starts over.
    if (this.cursor > 0 && (this.opens[this.cursor - 1] as number) >= offset) this.cursor = 0;
    while (this.cursor < this.count && (this.opens[this.cursor] as number) < offset) this.cursor++;
    return this.cursor < this.count && this.opens[this.cursor] === offset
      ? (this.closes[this.cursor] as number)
      : -1;
  }
}

export interface EntrySink {
  /** The skeleton's bytes, in order, with the entries array reduced to `[0]` (or `[]`). */
  skeleton(bytes: Uint8Array): void;
  /** One entry's bytes (a JSON value), in order, and its shallow containers' spans. */
  entry(bytes: Uint8Array, spans: ContainerSpans): void;
}

const encoder = new TextEncoder();
const ZERO = encoder.encode('0');

/** 1 for the bytes that change the entry scanner's state: quotes, brackets and commas. */
const STRUCTURAL = new Uint8Array(256);
for (const byte of [QUOTE, COMMA, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY]) STRUCTURAL[byte] = 1;

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
export const NEAR = 48;

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
  /** The bytes in `entryParts`, so offsets in a later chunk count from the entry's start. */
  private entryLength = 0;
  private readonly spans = new ContainerSpans();
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

  /**
   * Scans inside the entries array until it closes or the chunk ends; returns where it
   * stopped. The hot loop of reading a HAR: its state lives in locals while it runs.
   */
  private scanEntries(bytes: Uint8Array, from: number): number {
    const spans = this.spans;
    let depth = this.depth;
    let start = this.entryParts ? from : -1;
    /** Added to a byte's index in this chunk, gives its offset in the entry. */
    let base = this.entryLength;
    let i = from;
    if (this.inString) {
      const end = this.stringEnd(bytes, from);
      i = end < 0 ? bytes.length : end + 1;
      this.inString = end < 0;
    }
    for (; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      const between = depth === ENTRIES_DEPTH && start < 0;
      if (STRUCTURAL[byte] === 0 && !(between && !isSpace(byte))) continue;
      if (between) {
        // Between entries only `,` and `]` may come, each in its place.
        if (byte === CLOSE_ARRAY && !(this.valueNext && this.entryCount > 0)) {
          this.depth = depth - 1;
          this.inEntries = false;
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
        base = -i;
        this.entryParts = [];
        this.valueNext = false;
        spans.reset();
      }
      if (byte === QUOTE) {
        // Most strings are short and plain (header names, values): read them here, and
        // leave escapes and long bodies to the search from quote to quote.
        const near = Math.min(i + 1 + NEAR, bytes.length);
        let j = i + 1;
        while (j < near && bytes[j] !== QUOTE && bytes[j] !== BACKSLASH) j++;
        if (j < near && bytes[j] === QUOTE) {
          i = j;
          continue;
        }
        // What came before `j` holds neither quote nor backslash: the search goes on from it.
        const end = this.stringEnd(bytes, j);
        if (end < 0) {
          this.inString = true;
          break;
        }
        i = end;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (depth === ENTRY_DEPTH || depth === MEMBER_DEPTH) spans.open(i + base, depth);
        depth++;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth === ENTRIES_DEPTH) {
          // `]` right after a primitive entry, as in `[1,null]`.
          this.finishEntry(bytes.subarray(start, i));
          this.depth = depth - 1;
          this.inEntries = false;
          this.sink.skeleton(bytes.subarray(i, i + 1));
          return i + 1;
        }
        depth--;
        if (depth === ENTRY_DEPTH || depth === MEMBER_DEPTH) spans.close(i + 1 + base, depth);
      } else if (byte === COMMA && depth === ENTRIES_DEPTH) {
        this.finishEntry(bytes.subarray(start, i));
        start = -1;
        this.valueNext = true;
      }
    }
    this.depth = depth;
    if (start >= 0) {
      const part = bytes.slice(start);
      this.entryParts?.push(part);
      this.entryLength += part.length;
    }
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
    this.entryLength = 0;
    this.sink.entry(concat(parts), this.spans);
    // The splitter has checked the commas between entries: the skeleton parser needs only
    // to see an array with something in it, and is spared a call per entry.
    if (this.entryCount++ === 0) this.sink.skeleton(ZERO);
  }
}
