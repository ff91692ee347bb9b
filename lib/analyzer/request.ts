/** Reads of what was sent, shared by the kinds that compare requests. */
import { isDigitCode } from '../civil-time';
import { isObject, type JsonObject } from '../json';
import type { Exchange } from '../types';

/** Request bodies are small; a larger one is not parsed. */
const MAX_REQUEST_BODY_CHARS = 64 * 1024;
/** Ids are short; a longer value is not one. */
const MAX_ID_CHARS = 128;
/** A hostile body may name thousands of ids; the first few name the resource. */
const MAX_IDS_PER_BODY = 16;

/** The request body when it is a JSON object; never throws. */
export function requestJson(exchange: Exchange): JsonObject | undefined {
  const body = exchange.requestBody;
  if (typeof body !== 'string' || body.length > MAX_REQUEST_BODY_CHARS || !body.trimStart().startsWith('{')) {
    return undefined;
  }
  try {
    const json: unknown = JSON.parse(body);
    return isObject(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

const UNDERSCORE = 95;
const QUOTE = 34;

/** A letter, digit or `_`: what an id field's name is made of. */
function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === UNDERSCORE
  );
}

/**
 * Whether `text` from `start` up to `end` (both included) names an id: `id`, `uuid`, or a
 * name ending in `Id`, `_id`, `Uuid` or `_uuid` (`paymentId`, `external_id`). Read in place:
 * a copy and a pattern for each `d"` cost more than the rest of the search.
 */
function isIdKey(text: string, start: number, end: number): boolean {
  for (let at = start; at <= end; at++) if (!isNameChar(text.charCodeAt(at))) return false;
  const length = end - start + 1;
  const i = text.charCodeAt(end - 1);
  if (i === 73 /* I */) return true;
  if (i === 105 /* i */ && (length === 2 || text.charCodeAt(end - 2) === UNDERSCORE)) return true;
  if (length < 4 || !text.startsWith('uid', end - 2)) return false;
  const u = text.charCodeAt(end - 3);
  return u === 85 /* U */ || (u === 117 /* u */ && (length === 4 || text.charCodeAt(end - 4) === UNDERSCORE));
}

const WHITESPACE = /\s/;

function skipSpaces(text: string, from: number): number {
  let at = from;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // JSON's own white space first; the pattern only for what is past ASCII.
    if (code === 32 || (code >= 9 && code <= 13)) continue;
    if (code < 128 || !WHITESPACE.test(text.charAt(at))) break;
  }
  return at;
}

/** Where an integer of at most 20 digits, with no fraction or exponent after them, ends; or -1. */
function integerEnd(text: string, from: number): number {
  let at = from;
  while (at <= from + 20 && isDigitCode(text.charCodeAt(at))) at++;
  const next = text.charCodeAt(at);
  const digits = at - from;
  return digits === 0 || digits > 20 || next === 46 /* . */ || next === 101 /* e */ || next === 69 /* E */
    ? -1
    : at;
}

/**
 * The string and integer values of id fields in a JSON text, at any depth. Read in place,
 * searching for the `d"` every id key ends with: no parse, as it runs on every success of
 * the providers with two environments.
 */
export function idValues(text: string): string[] {
  const found: string[] = [];
  for (
    let end = text.indexOf('d"');
    end >= 0 && found.length < MAX_IDS_PER_BODY;
    end = text.indexOf('d"', end + 2)
  ) {
    const start = text.lastIndexOf('"', end);
    if (start < 0 || end - start > 64 || text.charCodeAt(start - 1) === 92 /* \ */) continue;
    if (!isIdKey(text, start + 1, end)) continue;
    const colon = skipSpaces(text, end + 2);
    if (text.charCodeAt(colon) !== 58 /* : */) continue;
    const value = skipSpaces(text, colon + 1);
    if (text.charCodeAt(value) === QUOTE) {
      const close = text.indexOf('"', value + 1);
      const id = text.slice(value + 1, close);
      if (close > value + 1 && id.length <= MAX_ID_CHARS && !id.includes('\\')) found.push(id);
    } else {
      const close = integerEnd(text, value);
      if (close >= 0) found.push(text.slice(value, close));
    }
  }
  return found;
}
