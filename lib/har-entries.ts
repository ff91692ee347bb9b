/**
 * Cuts the entries of `log.entries` out of a HAR byte stream. Entries are nearly all of a
 * HAR's bytes, so they are found by a byte scanner and handed over whole, for the native
 * JSON.parse; everything around them (the small skeleton: log, version, creator, pages)
 * is passed on with the entries array reduced to `[0]`, for a real JSON parser to check.
 * The one scan also notes the fields that decide whether an entry is worth parsing, so
 * that the prefilter need not scan it again.
 */

/** JSON's structural bytes; those the prefilter reads values by are exported. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;

/** Depth of an entry's own bytes: root object 1, log 2, entries array 3. */
const ENTRIES_DEPTH = 3;
/** Depth inside an entry object, where its keys (`request`, `response`) are. */
const ENTRY_DEPTH = 4;
/** Depth inside the objects those open, where their keys (`method`, `url`, `status`) are. */
const MEMBER_DEPTH = 5;

const word = (text: string) => new TextEncoder().encode(text);
const REQUEST = word('request');
const RESPONSE = word('response');
const METHOD = word('method');
const URL_KEY = word('url');
const STATUS = word('status');

/** The bytes from `start` to `end` spell `key`. */
function keyIs(bytes: Uint8Array, start: number, end: number, key: Uint8Array): boolean {
  if (end - start !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (bytes[start + i] !== key[i]) return false;
  return true;
}

/** Which object a depth-5 key belongs to. */
const OTHER_OBJECT = 0;
const REQUEST_OBJECT = 1;
const RESPONSE_OBJECT = 2;

/**
 * The fields that decide whether an entry is worth parsing, as the splitter saw them go
 * by: whether the entry is an object, how often its `request` and `response`, their
 * `method`, `url` and `status` came (those three counted in the one object opened as
 * `request` or `response`), and where each one's key ends (an offset in the entry's bytes),
 * so the prefilter reads their values without scanning the entry again. For JSON that
 * parses, this is what JSON.parse reads.
 */
export class EntryFields {
  /** The entry opens with `{`. */
  object = false;
  /** Just past the entry object's closing brace, -1 before it: only white space may follow. */
  objectEnd = -1;
  /** A key at these levels was written with escapes (it may spell `request`), or was not read in one piece. */
  unreadKey = false;
  requests = 0;
  responses = 0;
  methods = 0;
  urls = 0;
  statuses = 0;
  methodKeyEnd = 0;
  urlKeyEnd = 0;
  statusKeyEnd = 0;
  /** A key comes next in the entry object, in the object at depth 5. */
  private entryKeyNext = false;
  private memberKeyNext = false;
  /** The container at depth 5 is an object (arrays hold no keys). */
  private memberIsObject = false;
  /** The entry's key read last, and what the container at depth 5 is the value of. */
  private lastEntryKey = OTHER_OBJECT;
  private member = OTHER_OBJECT;

  /** A new entry, whose first byte is `first`. */
  reset(first: number): void {
    this.object = first === OPEN_OBJECT;
    this.objectEnd = -1;
    this.entryKeyNext = this.object;
    this.unreadKey = false;
    this.requests = this.responses = this.methods = this.urls = this.statuses = 0;
  }

  /** A container opens inside the entry object. */
  memberOpens(byte: number): void {
    this.memberIsObject = byte === OPEN_OBJECT;
    this.memberKeyNext = this.memberIsObject;
    this.member = this.memberIsObject ? this.lastEntryKey : OTHER_OBJECT;
  }

  comma(depth: number): void {
    if (depth === ENTRY_DEPTH) this.entryKeyNext = this.object;
    else this.memberKeyNext = this.memberIsObject;
  }

  /** A string from `start` to its closing quote at `end`; `at` is the offset just past that quote. */
  string(bytes: Uint8Array, start: number, end: number, depth: number, at: number): void {
    if (depth === ENTRY_DEPTH) {
      if (!this.entryKeyNext) return;
      this.entryKeyNext = false;
      this.lastEntryKey = OTHER_OBJECT;
      if (keyIs(bytes, start, end, REQUEST)) {
        this.lastEntryKey = REQUEST_OBJECT;
        this.requests++;
      } else if (keyIs(bytes, start, end, RESPONSE)) {
        this.lastEntryKey = RESPONSE_OBJECT;
        this.responses++;
      }
      return;
    }
    if (!this.memberKeyNext) return;
    this.memberKeyNext = false;
    if (this.member === REQUEST_OBJECT) {
      if (keyIs(bytes, start, end, METHOD)) {
        this.methods++;
        this.methodKeyEnd = at;
      } else if (keyIs(bytes, start, end, URL_KEY)) {
        this.urls++;
        this.urlKeyEnd = at;
      }
    } else if (this.member === RESPONSE_OBJECT && keyIs(bytes, start, end, STATUS)) {
      this.statuses++;
      this.statusKeyEnd = at;
    }
  }

  /** A string at these levels with escapes in it, or cut by the chunk's end: a key there is in doubt. */
  unreadString(depth: number): void {
    if (depth === ENTRY_DEPTH ? this.entryKeyNext : this.memberKeyNext) this.unreadKey = true;
    if (depth === ENTRY_DEPTH) this.entryKeyNext = false;
    else this.memberKeyNext = false;
  }
}

export interface EntrySink {
  /** The skeleton's bytes, in order, with the entries array reduced to `[0]` (or `[]`). */
  skeleton(bytes: Uint8Array): void;
  /** One entry's bytes (a JSON value), in order, and its deciding fields as they went by. */
  entry(bytes: Uint8Array, fields: EntryFields): void;
}

const encoder = new TextEncoder();
const ZERO = encoder.encode('0');

/** 1 for the bytes that change the entry scanner's state: quotes, brackets and commas. */
const STRUCTURAL = new Uint8Array(256);
for (const byte of [QUOTE, COMMA, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY]) STRUCTURAL[byte] = 1;

/** 1 for the bytes that end a plain run in a string: the quote and the backslash. */
const STRING_STOP = new Uint8Array(256);
STRING_STOP[QUOTE] = STRING_STOP[BACKSLASH] = 1;

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

/** Where the bytes from `from` stop holding neither quote nor backslash, `to` at most. */
export function plainRunEnd(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && STRING_STOP[bytes[i] as number] === 0) i++;
  return i;
}

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
  /** An entry is being read. */
  private inEntry = false;
  /** Bytes of the entry being read, from earlier chunks; one array for all entries. */
  private readonly entryParts: Uint8Array[] = [];
  /** The bytes in `entryParts`, so offsets in a later chunk count from the entry's start. */
  private entryLength = 0;
  private readonly fields = new EntryFields();
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
    return this.inEntries && this.inEntry ? this.entryCount : null;
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
    const fields = this.fields;
    let depth = this.depth;
    let start = this.inEntry ? from : -1;
    /** Added to a byte's index in this chunk, gives its offset in the entry. */
    let base = this.entryLength;
    let i = from;
    if (this.inString) {
      // A string cut by the chunk's end was already noted as unread.
      const end = this.stringEnd(bytes, from);
      i = end < 0 ? bytes.length : end + 1;
      this.inString = end < 0;
    }
    for (; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      // Inside an entry, nearly every byte is passed over here on one table read.
      if (STRUCTURAL[byte] === 0 && (start >= 0 || depth !== ENTRIES_DEPTH || isSpace(byte))) continue;
      if (start < 0 && depth === ENTRIES_DEPTH) {
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
        this.inEntry = true;
        this.valueNext = false;
        fields.reset(byte);
      }
      if (byte === QUOTE) {
        // Most strings are short and plain (header names, values): read them here, and
        // leave escapes and long bodies to the search from quote to quote.
        const near = Math.min(i + 1 + NEAR, bytes.length);
        const j = plainRunEnd(bytes, i + 1, near);
        if (j < near && bytes[j] === QUOTE) {
          if (depth === ENTRY_DEPTH || depth === MEMBER_DEPTH)
            fields.string(bytes, i + 1, j, depth, j + 1 + base);
          i = j;
          continue;
        }
        if (depth === ENTRY_DEPTH || depth === MEMBER_DEPTH) fields.unreadString(depth);
        // What came before `j` holds neither quote nor backslash: the search goes on from it,
        // straight to the native search when this many plain bytes say the string is long.
        const end = this.stringEnd(bytes, j, j === near);
        if (end < 0) {
          this.inString = true;
          break;
        }
        i = end;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (depth === ENTRY_DEPTH) fields.memberOpens(byte);
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
        // The first value's end: a second one after it (`{…}{…}`) must not move it.
        if (depth === ENTRIES_DEPTH && fields.objectEnd < 0) fields.objectEnd = i + 1 + base;
      } else if (byte === COMMA) {
        if (depth === ENTRIES_DEPTH) {
          this.finishEntry(bytes.subarray(start, i));
          start = -1;
          this.valueNext = true;
        } else if (depth === ENTRY_DEPTH || depth === MEMBER_DEPTH) fields.comma(depth);
      }
    }
    this.depth = depth;
    if (start >= 0) {
      const part = bytes.slice(start);
      this.entryParts.push(part);
      this.entryLength += part.length;
    }
    return bytes.length;
  }

  /**
   * The index of the quote that closes the string being read, searching from `from`, or -1
   * when the chunk ends first (remembering whether it ended on an escaping backslash).
   * A quote is escaped when an odd run of backslashes comes before it.
   */
  private stringEnd(bytes: Uint8Array, from: number, long = false): number {
    let search = from;
    let escapedAtSearch = this.escaped;
    let far = long;
    for (;;) {
      const quote = far ? bytes.indexOf(QUOTE, search) : nextQuote(bytes, search);
      far = false;
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
    const parts = this.entryParts;
    parts.push(last);
    const bytes = concat(parts);
    parts.length = 0;
    this.inEntry = false;
    this.entryLength = 0;
    this.sink.entry(bytes, this.fields);
    // The splitter has checked the commas between entries: the skeleton parser needs only
    // to see an array with something in it, and is spared a call per entry.
    if (this.entryCount++ === 0) this.sink.skeleton(ZERO);
  }
}
