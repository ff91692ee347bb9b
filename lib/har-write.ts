/**
 * Writes exchanges as a HAR 1.2 document from their redacted presentation: a recording
 * holds only what may be shown, and reads back with `readHar` (the CLI, the panel's import).
 */
import { type ExchangePresentation, exchangePresentationOf, type ShownBody } from './presentation';
import type { Exchange, Header } from './types';

export interface HarCreator {
  name: string;
  version: string;
}

function query(url: string): Header[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function mimeTypeOf(body: ShownBody | null): string {
  if (body?.contentType) return body.contentType;
  return body?.language === 'json' ? 'application/json' : 'text/plain';
}

function entryOf(shown: ExchangePresentation) {
  const request = shown.requestBody;
  const response = shown.responseBody;
  return {
    startedDateTime: shown.startedDateTime,
    time: 0,
    request: {
      method: shown.method,
      url: shown.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: shown.requestHeaders,
      queryString: query(shown.url),
      ...(request ? { postData: { mimeType: mimeTypeOf(request), text: request.text } } : {}),
      headersSize: -1,
      bodySize: request ? request.text.length : 0,
    },
    response: {
      status: shown.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: shown.responseHeaders,
      content: {
        size: response ? response.text.length : 0,
        mimeType: mimeTypeOf(response),
        ...(response ? { text: response.text } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: response ? response.text.length : 0,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

export type HarEntry = ReturnType<typeof entryOf>;

/** One exchange as a HAR entry, redacted. */
export function harEntryOf(exchange: Exchange): HarEntry {
  return entryOf(exchangePresentationOf(exchange));
}

/** A whole HAR document around entries made by `harEntryOf`. */
export function harDocument(entries: readonly HarEntry[], creator: HarCreator): string {
  return `${JSON.stringify({ log: { version: '1.2', creator, entries } }, null, 2)}\n`;
}
