/** Reads of what was sent, shared by the kinds that compare requests. */
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

/** Field names that hold an id: `id`, `uuid`, `paymentId`, `external_id`. */
const ID_KEY = /^(?:id|uuid|[A-Za-z0-9_]*(?:Id|_id|Uuid|_uuid))$/;
const WHITESPACE = /\s/;

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length && WHITESPACE.test(text.charAt(at))) at++;
  return at;
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
    if (!ID_KEY.test(text.slice(start + 1, end + 1))) continue;
    const colon = skipSpaces(text, end + 2);
    if (text.charAt(colon) !== ':') continue;
    const value = skipSpaces(text, colon + 1);
    if (text.charAt(value) === '"') {
      const close = text.indexOf('"', value + 1);
      const id = text.slice(value + 1, close);
      if (close > value + 1 && id.length <= MAX_ID_CHARS && !id.includes('\\')) found.push(id);
    } else {
      const digits = /^\d{1,20}(?![\d.eE])/.exec(text.slice(value, value + 21));
      if (digits) found.push(digits[0]);
    }
  }
  return found;
}
