/**
 * Decides, before any JSON.parse, that nothing would come of parsing an entry: a usable
 * entry the matcher and the session analyzer both ignore, as its request goes to no
 * provider host (nor a user's), is a preflight or a proxy tunnel, or got no answer (a blocked request's
 * status 0, a redirect). Nine entries in ten of a browsing session are the page's own:
 * they are counted without being decoded or parsed.
 *
 * It decides on the fields the splitter noted as the entry went by (see `EntryFields`)
 * and answers "skip" only when sure: the entry is an object whose `request` and `response`
 * (each once) hold a plain non-empty `method`, a `url` that is no `data:` or `blob:` URL,
 * and an integer `status`, each once, exactly what `exchangeFromEntry` requires. Anything
 * else (a key written with escapes, a key twice, a missing field) is left to JSON.parse,
 * which gives the entry its reason. The splitter checks strings and brackets, not colons
 * and commas between members nor the values it does not read: an entry it turns away
 * damaged there (a trailing comma, a missing colon, a number spelt wrong) is counted, where
 * parsing it would refuse the file.
 */
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  type EntryFields,
  isSpace,
  NEAR,
  nextQuote,
  plainRunEnd,
  QUOTE,
} from './har-entries';
import type { HostLookup } from './hosts';
import { isAnswered } from './matcher';

/** True when the entry can be counted without being parsed. */
export type EntryPrefilter = (bytes: Uint8Array, fields: EntryFields) => boolean;

/** Returned instead of an index: leave the entry to JSON.parse. */
const DOUBT = -1;

function skipSpace(bytes: Uint8Array, at: number): number {
  let i = at;
  while (isSpace(bytes[i])) i++;
  return i;
}

/** Where the value of the member whose key ends at `keyEnd` starts; DOUBT without a colon. */
function valueStart(bytes: Uint8Array, keyEnd: number): number {
  const colon = skipSpace(bytes, keyEnd);
  return bytes[colon] === COLON ? skipSpace(bytes, colon + 1) : DOUBT;
}

/** Just past the string whose opening quote is at `at`; DOUBT when there is none, or it does not close. */
function stringEnd(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== QUOTE) return DOUBT;
  // Methods and most URLs are short and plain: read them here, as the splitter does.
  const near = Math.min(at + 1 + NEAR, bytes.length);
  const i = plainRunEnd(bytes, at + 1, near);
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

/** Just past a number or other bare token starting at `at`. */
function tokenEnd(bytes: Uint8Array, at: number): number {
  let i = at;
  for (; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isSpace(byte)) break;
  }
  return i;
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

const OPTIONS = new TextEncoder().encode('options');
const CONNECT = new TextEncoder().encode('connect');

/** The method, a plain string of ASCII letters, is `word` in any case. */
function isMethod(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length + 2) return false;
  for (let i = 0; i < word.length; i++)
    if (((bytes[start + 1 + i] as number) | 0x20) !== word[i]) return false;
  return true;
}

/** The method, a plain string, is OPTIONS or CONNECT in any case, as `isPreflightOrTunnel` reads it. */
function isPreflightOrTunnelMethod(bytes: Uint8Array, start: number, end: number): boolean {
  return isMethod(bytes, start, end, OPTIONS) || isMethod(bytes, start, end, CONNECT);
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

  return (bytes, fields) => {
    if (!fields.object || fields.unreadKey || fields.objectEnd < 0) return false;
    if (skipSpace(bytes, fields.objectEnd) !== bytes.length) return false;
    // Each once: with a key twice JSON.parse keeps the last, and only it should decide.
    if (fields.requests !== 1 || fields.responses !== 1 || fields.methods !== 1) return false;
    if (fields.urls !== 1 || fields.statuses !== 1) return false;
    const methodStart = valueStart(bytes, fields.methodKeyEnd);
    const statusStart = valueStart(bytes, fields.statusKeyEnd);
    const urlStart = valueStart(bytes, fields.urlKeyEnd);
    if (methodStart === DOUBT || statusStart === DOUBT || urlStart === DOUBT) return false;
    const methodEnd = stringEnd(bytes, methodStart);
    const statusEnd = tokenEnd(bytes, statusStart);
    const urlEnd = stringEnd(bytes, urlStart);
    if (methodEnd === DOUBT || urlEnd === DOUBT) return false;
    // A method written with escapes may still read as empty: JSON.parse decides.
    if (!isPlainString(bytes, methodStart, methodEnd)) return false;
    if (!isPlainInteger(bytes, statusStart, statusEnd)) return false;
    // Both ignore a preflight or a tunnel, and a status that answers nothing (a blocked request's 0, a
    // redirect), whatever the host: only the URL must still make the entry a usable one.
    const ignoredOnAnyHost =
      isPreflightOrTunnelMethod(bytes, methodStart, methodEnd) ||
      !isAnswered(integerAt(bytes, statusStart, statusEnd));
    const originEnd = plainOriginEnd(bytes, urlStart, urlEnd);
    if (originEnd >= 0) return ignoredOnAnyHost || ignoredOrigin(bytes, urlStart + 1, originEnd);
    const url = urlText(bytes, urlStart, urlEnd, decoder);
    if (url === null || url === '' || INLINE_URL.test(url)) return false;
    return ignoredOnAnyHost || lookup(url) === undefined;
  };
}
