/**
 * Writes a HAR of a given size to disk as a stream, a block of entries at a time, so
 * generating a gigabyte needs no more memory than one block. The mix is a browsing session's:
 * assets with their bodies, the shop's API, and one request in ten to a payment provider,
 * each entry with its own ids and start time; with `providersFail`, every exchange to a
 * provider's host that is not a failure already, preflights included, is one, so about a
 * quarter of the entries are diagnoses.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { providerScope } from '../lib/matcher';
import type { Exchange } from '../lib/types';
import { generateTraffic } from './traffic';

const { lookup } = providerScope({});
const isProviderRequest = (exchange: Exchange) =>
  lookup(exchange.url) !== undefined && exchange.method !== 'OPTIONS';

const SCRIPT = `/* bundle */${'function f(a,b){return a+b}'.repeat(300)}`;

function entry(exchange: Exchange): string {
  const body = exchange.mimeType === 'application/javascript' ? SCRIPT : (exchange.responseBody ?? '');
  return JSON.stringify({
    startedDateTime: exchange.startedDateTime,
    time: 42.5,
    request: {
      method: exchange.method,
      url: exchange.url,
      httpVersion: 'h2',
      headers: [
        { name: ':authority', value: new URL(exchange.url).host },
        { name: 'accept', value: '*/*' },
        {
          name: 'user-agent',
          value:
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
        },
        // A provider request's own (credentials, timestamps, signatures), or the shop's session.
        ...(isProviderRequest(exchange)
          ? exchange.requestHeaders
          : [
              {
                name: 'authorization',
                value: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaG9wIn0.c2lnbmF0dXJl',
              },
            ]),
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: exchange.requestBody?.length ?? 0,
      ...(exchange.requestBody === undefined
        ? {}
        : { postData: { mimeType: 'application/json', text: exchange.requestBody } }),
    },
    response: {
      status: exchange.status,
      statusText: '',
      httpVersion: 'h2',
      headers: exchange.responseHeaders,
      cookies: [],
      content: {
        size: body.length,
        mimeType: exchange.mimeType ?? 'application/json',
        text: body,
        ...(exchange.responseEncoding ? { encoding: exchange.responseEncoding } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: body.length,
    },
    cache: {},
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 40, receive: 1.3 },
    _resourceType: exchange.mimeType === 'image/png' ? 'image' : 'fetch',
  });
}

/** Entries are made a block at a time, each block with the next seeds and start times. */
const BLOCK = 1000;

/** Writes about `bytes` bytes of HAR to `path`; returns the number of entries. */
export async function writeHar(path: string, bytes: number, { providersFail = false } = {}): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let count = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '{"log":{"version":"1.2","creator":{"name":"PayLens bench","version":"1"},"pages":[],"entries":[',
  );
  let block: string[] = [];
  while (written < bytes) {
    if (count % BLOCK === 0) block = generateTraffic(BLOCK, { from: count, providersFail }).map(entry);
    await write(`${count === 0 ? '' : ','}${block[count % BLOCK]}`);
    count++;
  }
  await write(']}}');
  out.end();
  await once(out, 'finish');
  return count;
}
