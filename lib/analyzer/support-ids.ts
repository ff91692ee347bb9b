/** Values that name a request for the provider's support, from its response. */
import { readBody } from '../body';
import { get, isObject } from '../json';
import type { Exchange } from '../types';
import type { SupportId } from './types';

/** Lower-case name → the spelling shown. */
const SUPPORT_HEADERS = new Map(
  [
    'X-Request-Id',
    'Request-Id',
    'X-Correlation-Id',
    'X-Trace-Id',
    'traceparent',
    'CF-Ray',
    'X-Amzn-Trace-Id',
  ].map((name) => [name.toLowerCase(), name]),
);
/** Length and first letter: turns away nearly every other header before any lower-cased copy. */
const roughKey = (name: string) => name.length * 128 + (name.charCodeAt(0) | 0x20);
const SUPPORT_HEADER_KEYS = new Set([...SUPPORT_HEADERS.keys()].map(roughKey));
const SUPPORT_FIELDS = ['requestId', 'request_id', 'traceId', 'trace_id'];
/** Only bodies that name a field are parsed, and only error-sized ones. */
const FIELD_MENTION = /"(?:requestId|request_id|traceId|trace_id)"\s*:/;
const MAX_BODY_CHARS = 256 * 1024;
/** Ids are short; anything longer is not one. */
const MAX_ID_CHARS = 200;
/** More than anyone quotes to support; a hostile response may send hundreds. */
const MAX_IDS = 10;

function idValue(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an id with control characters is not shown
  return trimmed !== '' && trimmed.length <= MAX_ID_CHARS && !/[\u0000-\u001f]/.test(trimmed)
    ? trimmed
    : undefined;
}

function fromBody(exchange: Exchange, found: SupportId[]): void {
  const body = exchange.responseBody;
  if (typeof body !== 'string' || body.length > MAX_BODY_CHARS) return;
  // base64 bodies are decoded only to look; plain ones are tested before any parse. Every
  // field name ends in `Id"` or `_id"`: two fast searches spare most bodies the pattern.
  const plain = exchange.responseEncoding !== 'base64';
  if (plain && !body.includes('Id"') && !body.includes('_id"')) return;
  if (plain && !FIELD_MENTION.test(body)) return;
  const { json } = readBody(body, exchange.responseEncoding);
  const error = get(json, 'error');
  for (const source of isObject(error) ? [json, error] : [json]) {
    for (const name of SUPPORT_FIELDS) {
      const value = idValue(get(source, name));
      if (value !== undefined) found.push({ name, value });
    }
  }
}

export function supportIds(exchange: Exchange): SupportId[] {
  const found: SupportId[] = [];
  const headers: unknown = exchange.responseHeaders;
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i++) {
      const header: unknown = headers[i];
      const name = get(header, 'name');
      if (typeof name !== 'string' || !SUPPORT_HEADER_KEYS.has(roughKey(name))) continue;
      const shown = SUPPORT_HEADERS.get(name.toLowerCase());
      const value = shown === undefined ? undefined : idValue(get(header, 'value'));
      if (shown !== undefined && value !== undefined) found.push({ name: shown, value });
    }
  }
  fromBody(exchange, found);
  if (found.length <= 1) return found;
  // A field repeated in `error`, or a header sent twice, is shown once.
  return found
    .filter((id, i) => found.findIndex((other) => other.name === id.name && other.value === id.value) === i)
    .slice(0, MAX_IDS);
}
