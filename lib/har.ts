/**
 * Reads HAR files as a stream of entries, so a capture larger than a string can hold is
 * read with flat memory, and turns each entry into an Exchange. Pure: the CLI feeds it a
 * file stream and the panel a dropped File's stream.
 */
import { JSONParser } from '@streamparser/json';
import { EntrySplitter } from './har-entries';
import { get, isObject, str } from './json';
import type { Exchange, Header } from './types';

/** A file that cannot be read as a HAR at all; its message is one line for the user. */
export class HarError extends Error {
  override name = 'HarError';
}

/** A file's content in pieces, as a stream yields them (or an array of them). */
export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export type HarItem = { index: number; exchange: Exchange } | { index: number; invalid: string };

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

/** One HAR entry as an Exchange, or why it is not a usable entry. */
export function exchangeFromEntry(entry: unknown): Exchange | string {
  if (!isObject(entry)) return 'the entry is not an object';
  const request = get(entry, 'request');
  const response = get(entry, 'response');
  if (!isObject(request)) return 'the entry has no request';
  if (!isObject(response)) return 'the entry has no response';
  const method = str(get(request, 'method'));
  const url = str(get(request, 'url'));
  const status = get(response, 'status');
  if (method === null) return 'the request has no method';
  if (url === null) return 'the request has no URL';
  if (typeof status !== 'number' || !Number.isFinite(status)) return 'the response has no numeric status';

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

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/ended in (mid-parsing|the middle)|unexpected end/i.test(message)) {
    return 'the file ends before the HAR does (truncated?)';
  }
  // The streaming parser counts bytes of the skeleton, not of the file: name the character only.
  const unexpected = /Unexpected "(.*)" at /s.exec(message);
  if (unexpected) return `it is not valid JSON (unexpected ${JSON.stringify(unexpected[1])})`;
  return `it is not valid JSON (${message.split('\n')[0]})`;
}

/**
 * Yields every entry of `log.entries` in order, as an Exchange or as the reason it is
 * unusable. Throws HarError when the input is not JSON, is truncated, or is not a HAR.
 * Memory stays flat: only one entry is held at a time.
 */
export async function* readHar(chunks: Chunks): AsyncGenerator<HarItem> {
  // The skeleton around the entries goes through a real streaming JSON parser, which
  // checks the document is JSON; the entries are parsed one by one below.
  const skeleton = new JSONParser({ paths: ['$'], keepStack: false });
  skeleton.onValue = () => {
    // Only its checking is wanted.
  };
  const decoder = new TextDecoder();
  const ready: HarItem[] = [];
  let count = 0;
  const splitter = new EntrySplitter({
    skeleton: (bytes) => skeleton.write(bytes),
    entry: (bytes) => {
      const index = count++;
      let value: unknown;
      try {
        value = JSON.parse(decoder.decode(bytes));
      } catch {
        // V8's message quotes the entry's text, which may hold a token: not for a terminal.
        throw new SyntaxError(`entry ${index} is not valid JSON`);
      }
      const exchange = exchangeFromEntry(value);
      ready.push(typeof exchange === 'string' ? { index, invalid: exchange } : { index, exchange });
    },
  });
  let sawInput = false;

  /** Only parsing complaints are about the HAR; a failing source is rethrown as is. */
  const parse = (feed: () => void) => {
    try {
      feed();
    } catch (error) {
      throw new HarError(describeParseError(error));
    }
  };
  const encoder = new TextEncoder();
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    sawInput = true;
    parse(() => splitter.write(typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
    yield* ready.splice(0);
  }
  if (!sawInput) throw new HarError('the file is empty');
  parse(() => {
    if (!skeleton.isEnded) skeleton.end();
  });
  if (!splitter.foundEntries) throw new HarError('it is not a HAR file: there is no log.entries array');
}
