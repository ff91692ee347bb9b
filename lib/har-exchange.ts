/**
 * One HAR entry as an Exchange. Its own module: the live capture reads entries one at a time
 * from DevTools and needs this alone, not the streaming reader of HAR files and its parser.
 */
import { get, isObject, str } from './json';
import type { Exchange, Header } from './types';

function isHeader(value: unknown): value is Header {
  return typeof get(value, 'name') === 'string' && typeof get(value, 'value') === 'string';
}

function headers(value: unknown): Header[] {
  if (!Array.isArray(value)) return [];
  // Recorded headers are nearly always well-formed: keep them as they are, and copy only
  // to drop or repair the odd bad one.
  if (value.every(isHeader)) return value;
  return value.flatMap((header) => {
    const name = get(header, 'name');
    const value = get(header, 'value');
    return typeof name === 'string' && (typeof value === 'string' || typeof value === 'number')
      ? [{ name, value: String(value) }]
      : [];
  });
}

/**
 * One HAR entry as an Exchange, or why it is not a usable entry, in a few words
 * ("no response") that read well after "3 entries skipped:".
 */
export function exchangeFromEntry(entry: unknown): Exchange | string {
  if (!isObject(entry)) return 'not an object';
  const request = get(entry, 'request');
  const response = get(entry, 'response');
  if (!isObject(request)) return 'no request';
  // Request-only captures (har-to-k6 inputs, some exporters) hold nothing to diagnose.
  if (!isObject(response)) return 'no response';
  const method = str(get(request, 'method'));
  const url = str(get(request, 'url'));
  const status = get(response, 'status');
  if (method === null) return get(request, 'method') === '' ? 'empty method' : 'no method';
  if (url === null) return 'no URL';
  // Inline resources, which old Safari records with an empty method: never an API call.
  const scheme = /^(data|blob):/i.exec(url);
  if (scheme) return `a ${scheme[1]?.toLowerCase()}: URL`;
  if (typeof status !== 'number' || !Number.isFinite(status)) return 'no numeric status';

  const content = get(response, 'content');
  const responseBody = get(content, 'text');
  const responseEncoding = str(get(content, 'encoding'));
  const mimeType = str(get(content, 'mimeType'));
  const requestBody = get(get(request, 'postData'), 'text');
  // Every key, present even when undefined: exchanges of one shape keep the matcher's
  // property reads monomorphic, several times faster on a busy page.
  return {
    method,
    url,
    status,
    requestHeaders: headers(get(request, 'headers')),
    responseHeaders: headers(get(response, 'headers')),
    startedDateTime: str(get(entry, 'startedDateTime')) ?? '',
    requestBody: typeof requestBody === 'string' ? requestBody : undefined,
    responseBody: typeof responseBody === 'string' ? responseBody : undefined,
    responseEncoding: responseEncoding ?? undefined,
    mimeType: mimeType ?? undefined,
  };
}
