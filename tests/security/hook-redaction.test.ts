/**
 * The redaction audit, through the Node hook: every planted exchange is really sent by
 * this process while it serves a page request, and no secret appears on stderr, in the
 * PAYLENS_HAR recording or in the PayLens-Diagnoses header.
 */
import dns from 'node:dns';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_HEADER } from '../../lib/backend-header';
import type { Exchange } from '../../lib/types';
import { startHook } from '../../node/hook';
import { FORBIDDEN, plantedExchanges } from './corpus';

const ENTRY_HEADER = 'x-audit-entry';
const planted = plantedExchanges();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function collect(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    response.on('data', (chunk) => (text += chunk));
    response.on('end', () => resolve(text));
  });
}

/** Sends a planted exchange's request as it was, to the provider host mapped to `port`. */
function send(exchange: Exchange, index: number, port: number): Promise<string> {
  const url = new URL(exchange.url);
  url.protocol = 'http:';
  url.port = String(port);
  url.hash = '';
  const headers = Object.fromEntries(exchange.requestHeaders.map(({ name, value }) => [name, value]));
  return new Promise((resolve, reject) => {
    request(url, { method: exchange.method, headers: { ...headers, [ENTRY_HEADER]: String(index) } }, (res) =>
      collect(res).then(resolve),
    )
      .on('error', reject)
      .end(exchange.requestBody);
  });
}

let stderr = '';
let har = '';
const headerValues: string[] = [];
const lookup = dns.lookup;
const servers: Server[] = [];
let stop = () => {};

beforeAll(async () => {
  // The providers: each answers its planted response.
  const providers = createServer((incoming, response) => {
    const exchange = planted[Number(incoming.headers[ENTRY_HEADER])];
    incoming.resume();
    incoming.on('end', () => {
      for (const { name, value } of exchange?.responseHeaders ?? []) response.setHeader(name, value);
      response.writeHead(exchange?.status ?? 500).end(exchange?.responseBody ?? '');
    });
  });
  const providerPort = await listen(providers);
  Object.assign(dns, {
    lookup: (_host: string, options: unknown, callback: unknown) =>
      (lookup as (...args: unknown[]) => void)('127.0.0.1', options, callback),
  });
  // The shop's backend: each page request makes one planted provider call.
  const shop = createServer(async (incoming, response) => {
    await send(
      planted[Number(incoming.url?.slice(1))] as Exchange,
      Number(incoming.url?.slice(1)),
      providerPort,
    );
    response.end('done');
  });
  const shopPort = await listen(shop);
  servers.push(providers, shop);

  const dir = mkdtempSync(join(tmpdir(), 'paylens-audit-hook-'));
  stop = startHook({
    env: { PAYLENS_HAR: 'audit.har', PAYLENS_HEADER: '1' },
    cwd: dir,
    stderr: (text) => (stderr += text),
  });
  for (const index of planted.keys()) {
    const value = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port: shopPort, path: `/${index}` }, (response) => {
        response.resume();
        resolve(String(response.headers[BACKEND_HEADER.toLowerCase()] ?? ''));
      })
        .on('error', reject)
        .end();
    });
    headerValues.push(value);
  }
  har = readFileSync(join(dir, 'audit.har'), 'utf8');
});

afterAll(() => {
  stop();
  Object.assign(dns, { lookup });
  for (const server of servers) server.close();
});

describe('the redaction audit of the Node hook', () => {
  it('diagnoses every planted exchange on every surface', () => {
    // A masked card in a URL reads `[CARD …1881]`, with a space.
    expect(stderr.match(/^\S+ http:\/\/.+ → \d{3}$/gm)).toHaveLength(planted.length);
    expect(JSON.parse(har).log.entries).toHaveLength(planted.length);
    expect(headerValues.every((value) => value.length > 0)).toBe(true);
    expect(stderr + har).toContain('[REDACTED]');
  });

  describe.each(FORBIDDEN)('does not leak %s', (_, secret) => {
    it('on stderr', () => expect(stderr).not.toContain(secret));
    it('in the PAYLENS_HAR recording', () => expect(har).not.toContain(secret));
    it('in the PayLens-Diagnoses header', () => {
      for (const value of headerValues) {
        expect(value).not.toContain(secret);
        expect(Buffer.from(value, 'base64url').toString()).not.toContain(secret);
      }
    });
  });
});
