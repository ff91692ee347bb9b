/**
 * Decides from an entry's raw bytes, before any JSON.parse, that nothing would come of
 * parsing it: a usable entry the matcher and the session analyzer both ignore, as its
 * request goes to no provider host (nor a user's), is a preflight, or got no answer (a
 * blocked request's status 0, a redirect). Nine entries in ten of a browsing session are
 * the page's own: they are counted without being decoded or parsed.
 *
 * It answers "skip" only when sure: the entry is an object whose `request` and `response`
 * (each once) are objects, with a non-empty `method`, a `url` that is no `data:` or `blob:`
 * URL, and a numeric `status`, exactly what `exchangeFromEntry` requires. Anything else (a
 * key written with escapes, a key twice, a missing field) is left to JSON.parse, which
 * gives the entry its reason. Values below those fields are not checked byte by byte, only
 * that their brackets and strings close, as the splitter already checked: an entry to
 * another host damaged inside a value is counted, where parsing it would refuse the file.
 * Given the spans the splitter noted, it jumps over those values without reading them.
 */
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  type ContainerSpans,
  isSpace,
  NEAR,
  nextQuote,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './har-entries';
import type { HostLookup } from './hosts';
import { isAnswered } from './matcher';

/** True when the entry can be counted without being parsed. */
export type EntryPrefilter = (bytes: Uint8Array, spans?: ContainerSpans) => boolean;

/** Returned instead of an index: leave the entry to JSON.parse. */
const DOUBT = -1;

const word = (text: string) => new TextEncoder().encode(text);
const REQUEST = word('request');
const RESPONSE = word('response');
const METHOD = word('method');
const URL_KEY = word('url');
const STATUS = word('status');

function skipSpace(bytes: Uint8Array, at: number): number {
  let i = at;
  while (isSpace(bytes[i])) i++;
  return i;
}

/** Just past the string whose opening quote is at `at`; DOUBT when it does not close. */
function stringEnd(bytes: Uint8Array, at: number): number {
  // Keys and most values are short and plain: read them here, as the splitter does.
  const near = Math.min(at + 1 + NEAR, bytes.length);
  let i = at + 1;
  while (i < near && bytes[i] !== QUOTE && bytes[i] !== BACKSLASH) i++;
  if (i < near && bytes[i] === QUOTE) return i + 1;
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

/** The splitter's spans of the entry being read, when it came from the splitter. */
let knownSpans: ContainerSpans | undefined;

/** Just past the object or array opening at `at`, counting brackets and jumping strings. */
function containerEnd(bytes: Uint8Array, at: number): number {
  const known = knownSpans ? knownSpans.endOf(at) : -1;
  if (known >= 0) return known;
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
    const keyStart = i + 1;
    let keyEnd = keyStart;
    while (keyEnd < bytes.length && bytes[keyEnd] !== QUOTE && bytes[keyEnd] !== BACKSLASH) keyEnd++;
    // A key written with escapes may spell `request`: only JSON.parse reads it right.
    if (bytes[keyEnd] !== QUOTE) return DOUBT;
    i = skipSpace(bytes, keyEnd + 1);
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

/** A status as browsers record it: an integer of a few digits, `-1` or `0` included. */
function isPlainInteger(bytes: Uint8Array, start: number, end: number): boolean {
  const from = bytes[start] === 0x2d /* - */ ? start + 1 : start;
  // No leading zero (JSON.parse refuses `0200`), and few enough digits to be finite.
  if (end <= from || end - from > 15 || (bytes[from] === 0x30 && end - from > 1)) return false;
  for (let i = from; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x30 || byte > 0x39) return false;
  }
  return true;
}

/** The value of the integer `isPlainInteger` accepted. */
function integerAt(bytes: Uint8Array, start: number, end: number): number {
  const negative = bytes[start] === 0x2d;
  let value = 0;
  for (let i = negative ? start + 1 : start; i < end; i++) value = value * 10 + ((bytes[i] as number) - 0x30);
  return negative ? -value : value;
}

const OPTIONS = word('options');

/** The method, a plain string, is OPTIONS in any case, as `isPreflight` reads it. */
function isPreflightMethod(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== OPTIONS.length + 2) return false;
  for (let i = 0; i < OPTIONS.length; i++)
    if (((bytes[start + 1 + i] as number) | 0x20) !== OPTIONS[i]) return false;
  return true;
}

/** A non-empty string without escapes or control characters: what it says is what JSON.parse reads. */
function isPlainString(bytes: Uint8Array, start: number, end: number): boolean {
  if (bytes[start] !== QUOTE || end - start < 3) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const byte = bytes[i] as number;
    if (byte === BACKSLASH || byte < 0x20) return false;
  }
  return true;
}

/** The URL's text, escapes included (`https:\/\/`, `\u002f`), read by JSON.parse itself. */
function urlText(bytes: Uint8Array, start: number, end: number, decoder: TextDecoder): string | null {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes.subarray(start, end)));
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

const INLINE_URL = /^(?:data|blob):/i;

/** Where the authority of a plain `http://` or `https://` URL string ends; -1 for any other. */
function plainOriginEnd(bytes: Uint8Array, start: number, end: number): number {
  const at = start + 1; // past the quote
  const h = bytes[at] === 0x68 && bytes[at + 1] === 0x74 && bytes[at + 2] === 0x74 && bytes[at + 3] === 0x70;
  if (!h) return -1;
  const authority =
    bytes[at + 4] === 0x73 && bytes[at + 5] === COLON && bytes[at + 6] === 0x2f && bytes[at + 7] === 0x2f
      ? at + 8
      : bytes[at + 4] === COLON && bytes[at + 5] === 0x2f && bytes[at + 6] === 0x2f
        ? at + 7
        : -1;
  if (authority < 0) return -1;
  for (let i = authority; i < end - 1; i++) {
    const byte = bytes[i];
    // `/ ? #` end the authority, as in lib/url.ts; a backslash is an escape here, and a
    // control character is no JSON: in doubt.
    if (byte === 0x2f || byte === 0x3f || byte === 0x23) return i;
    if (byte === BACKSLASH || (byte as number) < 0x20) return -1;
  }
  return end - 1;
}

/** Decisions remembered per origin; a power of two, as a page talks to a few dozen at most. */
const ORIGIN_SLOTS = 64;

/**
 * A prefilter for the hosts `lookup` knows: with the matcher's and the analyzer's own lookup
 * (same providers, same custom hosts), what it skips is what both would ignore.
 */
export function createEntryPrefilter(lookup: HostLookup): EntryPrefilter {
  const decoder = new TextDecoder();
  // The scheme and authority alone decide the host: the answer for a page's next request to
  // the same origin is found by comparing those bytes, without building a string.
  const origins: Array<Uint8Array | undefined> = new Array(ORIGIN_SLOTS).fill(undefined);
  const ignored: boolean[] = new Array(ORIGIN_SLOTS).fill(false);

  function ignoredOrigin(bytes: Uint8Array, from: number, to: number): boolean {
    let hash = 0;
    for (let i = from; i < to; i++) hash = (hash * 31 + (bytes[i] as number)) | 0;
    const slot = hash & (ORIGIN_SLOTS - 1);
    const known = origins[slot];
    if (known !== undefined && known.length === to - from) {
      let same = true;
      for (let i = 0; i < known.length && same; i++) same = known[i] === bytes[from + i];
      if (same) return ignored[slot] as boolean;
    }
    const origin = bytes.slice(from, to);
    const answer = lookup(decoder.decode(origin)) === undefined;
    origins[slot] = origin;
    ignored[slot] = answer;
    return answer;
  }

  return (bytes, spans) => {
    knownSpans = spans;
    if (!readFields(bytes)) return false;
    // Each once: with a key twice JSON.parse keeps the last, and only it should decide.
    if (fields.requests !== 1 || fields.responses !== 1 || fields.methods !== 1) return false;
    if (fields.urls !== 1 || fields.statuses !== 1) return false;
    // A method written with escapes may still read as empty: JSON.parse decides.
    if (!isPlainString(bytes, fields.methodStart, fields.methodEnd)) return false;
    if (!isPlainInteger(bytes, fields.statusStart, fields.statusEnd)) return false;
    // Both ignore a preflight, and a status that answers nothing (a blocked request's 0, a
    // redirect), whatever the host: only the URL must still make the entry a usable one.
    const ignoredOnAnyHost =
      isPreflightMethod(bytes, fields.methodStart, fields.methodEnd) ||
      !isAnswered(integerAt(bytes, fields.statusStart, fields.statusEnd));
    const { urlStart, urlEnd } = fields;
    if (bytes[urlStart] !== QUOTE) return false;
    const originEnd = plainOriginEnd(bytes, urlStart, urlEnd);
    if (originEnd >= 0) return ignoredOnAnyHost || ignoredOrigin(bytes, urlStart + 1, originEnd);
    const url = urlText(bytes, urlStart, urlEnd, decoder);
    if (url === null || url === '' || INLINE_URL.test(url)) return false;
    return ignoredOnAnyHost || lookup(url) === undefined;
  };
}
