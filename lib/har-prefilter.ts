/**
 * Decides from an entry's raw bytes, before any JSON.parse, that nothing would come of
 * parsing it: a usable entry whose request goes to no provider host (nor a user's), which
 * the matcher and the session analyzer both ignore. Nine entries in ten of a browsing
 * session are the page's own, so reading a HAR then costs little more than reading the file.
 *
 * It answers "skip" only when sure: the entry is an object whose `request` and `response`
 * (each once) are objects, with a non-empty `method`, a `url` that is no `data:` or `blob:`
 * URL, and a numeric `status`, exactly what `exchangeFromEntry` requires. Anything else (a
 * key written with escapes, a key twice, a missing field) is left to JSON.parse, which
 * gives the entry its reason. Values below those fields are not checked byte by byte, only
 * that their brackets and strings close, as the splitter already checked.
 */
import { nextQuote } from './har-entries';
import type { HostLookup } from './hosts';

/** True when the entry can be counted without being parsed. */
export type EntryPrefilter = (bytes: Uint8Array) => boolean;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** Returned instead of an index: leave the entry to JSON.parse. */
const DOUBT = -1;

const word = (text: string) => new TextEncoder().encode(text);
const REQUEST = word('request');
const RESPONSE = word('response');
const METHOD = word('method');
const URL_KEY = word('url');
const STATUS = word('status');

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(bytes: Uint8Array, at: number): number {
  let i = at;
  while (isSpace(bytes[i])) i++;
  return i;
}

/** Just past the string whose opening quote is at `at`; DOUBT when it does not close. */
function stringEnd(bytes: Uint8Array, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = nextQuote(bytes, from);
    if (quote < 0) return DOUBT;
    // A quote after an odd run of backslashes is escaped; the run stops at the opening quote.
    let run = 0;
    while (bytes[quote - 1 - run] === BACKSLASH) run++;
    if (run % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Just past the object or array opening at `at`, counting brackets and jumping strings. */
function containerEnd(bytes: Uint8Array, at: number): number {
  let depth = 0;
  for (let i = at; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      const end = stringEnd(bytes, i);
      if (end === DOUBT) return DOUBT;
      i = end - 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
    else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return DOUBT;
}

/** Just past a number, literal or other bare token starting at `at`. */
function tokenEnd(bytes: Uint8Array, at: number): number {
  let i = at;
  for (; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isSpace(byte)) break;
  }
  return i > at ? i : DOUBT;
}

function valueEnd(bytes: Uint8Array, at: number): number {
  const byte = bytes[at];
  if (byte === QUOTE) return stringEnd(bytes, at);
  if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) return containerEnd(bytes, at);
  return tokenEnd(bytes, at);
}

function keyIs(bytes: Uint8Array, start: number, end: number, key: Uint8Array): boolean {
  if (end - start !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (bytes[start + i] !== key[i]) return false;
  return true;
}

/** Which object `readObject` is in, which decides the keys it notes. */
const ENTRY = 0;
const REQUEST_OBJECT = 1;
const RESPONSE_OBJECT = 2;

/** The fields of an entry that decide it: how often each key came, and its value's bounds. */
const fields = {
  requests: 0,
  responses: 0,
  methods: 0,
  urls: 0,
  statuses: 0,
  methodStart: 0,
  methodEnd: 0,
  urlStart: 0,
  urlEnd: 0,
  statusStart: 0,
  statusEnd: 0,
};

/** Notes the member whose key is at `keyStart..keyEnd`; returns where its value ends. */
function readMember(bytes: Uint8Array, object: number, keyStart: number, keyEnd: number, at: number): number {
  if (object === ENTRY) {
    if (keyIs(bytes, keyStart, keyEnd, REQUEST)) {
      fields.requests++;
      return readObject(bytes, at, REQUEST_OBJECT);
    }
    if (keyIs(bytes, keyStart, keyEnd, RESPONSE)) {
      fields.responses++;
      return readObject(bytes, at, RESPONSE_OBJECT);
    }
    return valueEnd(bytes, at);
  }
  const end = valueEnd(bytes, at);
  if (object === REQUEST_OBJECT) {
    if (keyIs(bytes, keyStart, keyEnd, METHOD)) {
      fields.methods++;
      fields.methodStart = at;
      fields.methodEnd = end;
    } else if (keyIs(bytes, keyStart, keyEnd, URL_KEY)) {
      fields.urls++;
      fields.urlStart = at;
      fields.urlEnd = end;
    }
  } else if (keyIs(bytes, keyStart, keyEnd, STATUS)) {
    fields.statuses++;
    fields.statusStart = at;
    fields.statusEnd = end;
  }
  return end;
}

/** Reads the object opening at `at`, noting its members; returns just past it, or DOUBT. */
function readObject(bytes: Uint8Array, at: number, object: number): number {
  if (bytes[at] !== OPEN_OBJECT) return DOUBT;
  let i = skipSpace(bytes, at + 1);
  if (bytes[i] === CLOSE_OBJECT) return i + 1;
  for (;;) {
    if (bytes[i] !== QUOTE) return DOUBT;
    const afterKey = stringEnd(bytes, i);
    if (afterKey === DOUBT) return DOUBT;
    const keyStart = i + 1;
    const keyEnd = afterKey - 1;
    // A key written with escapes may spell `request`: only JSON.parse reads it right.
    for (let k = keyStart; k < keyEnd; k++) if (bytes[k] === BACKSLASH) return DOUBT;
    i = skipSpace(bytes, afterKey);
    if (bytes[i] !== COLON) return DOUBT;
    i = skipSpace(bytes, i + 1);
    const end = readMember(bytes, object, keyStart, keyEnd, i);
    if (end === DOUBT) return DOUBT;
    i = skipSpace(bytes, end);
    if (bytes[i] === CLOSE_OBJECT) return i + 1;
    if (bytes[i] !== COMMA) return DOUBT;
    i = skipSpace(bytes, i + 1);
  }
}

/** Reads the entry's deciding fields into `fields`; false when it is not one object. */
function readFields(bytes: Uint8Array): boolean {
  fields.requests = fields.responses = fields.methods = fields.urls = fields.statuses = 0;
  const end = readObject(bytes, skipSpace(bytes, 0), ENTRY);
  return end !== DOUBT && skipSpace(bytes, end) === bytes.length;
}

/** A JSON number, as JSON.parse would read it: optional minus, no leading zeros. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A string value without escapes or control characters, as its text; null in doubt. */
function plainString(bytes: Uint8Array, start: number, end: number, decoder: TextDecoder): string | null {
  if (bytes[start] !== QUOTE) return null;
  for (let i = start + 1; i < end - 1; i++) {
    const byte = bytes[i] as number;
    if (byte === BACKSLASH || byte < 0x20) return null;
  }
  return decoder.decode(bytes.subarray(start + 1, end - 1));
}

/** The URL's text, escapes included (`https:\/\/`, `\u002f`), read by JSON.parse itself. */
function urlText(bytes: Uint8Array, start: number, end: number, decoder: TextDecoder): string | null {
  if (bytes[start] !== QUOTE) return null;
  const plain = plainString(bytes, start, end, decoder);
  if (plain !== null) return plain;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes.subarray(start, end)));
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

const INLINE_URL = /^(?:data|blob):/i;

/**
 * A prefilter for the hosts `lookup` knows: with the matcher's and the analyzer's own lookup
 * (same providers, same custom hosts), what it skips is what both would ignore.
 */
export function createEntryPrefilter(lookup: HostLookup): EntryPrefilter {
  const decoder = new TextDecoder();
  return (bytes) => {
    if (!readFields(bytes)) return false;
    // Each once: with a key twice JSON.parse keeps the last, and only it should decide.
    if (fields.requests !== 1 || fields.responses !== 1 || fields.methods !== 1) return false;
    if (fields.urls !== 1 || fields.statuses !== 1) return false;
    // A method of escapes only may still be empty or odd once read: JSON.parse decides.
    const method = plainString(bytes, fields.methodStart, fields.methodEnd, decoder);
    if (method === null || method === '') return false;
    const status = decoder.decode(bytes.subarray(fields.statusStart, fields.statusEnd));
    if (!JSON_NUMBER.test(status) || !Number.isFinite(Number(status))) return false;
    const url = urlText(bytes, fields.urlStart, fields.urlEnd, decoder);
    if (url === null || url === '' || INLINE_URL.test(url)) return false;
    return lookup(url) === undefined;
  };
}
