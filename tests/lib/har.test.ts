import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnoseHar } from '../../lib/diagnose-har';
import { HarError, type HarItem, readHar } from '../../lib/har';
import { exchangeFromEntry } from '../../lib/har-exchange';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/har/${name}`, import.meta.url), 'utf8');

/** Feeds text in small chunks, as a file stream would, splitting tokens across chunks. */
async function* chunked(text: string, size = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function readAll(text: string, size?: number): Promise<HarItem[]> {
  const items: HarItem[] = [];
  for await (const item of readHar(chunked(text, size))) items.push(item);
  return items;
}

describe('readHar', () => {
  it('yields every entry in order with its index, whatever the chunking', async () => {
    const text = fixture('chrome-export.har');
    const count = JSON.parse(text).log.entries.length;
    for (const size of [1, 7, 4096, text.length]) {
      const items = await readAll(text, size);
      expect(items.map((item) => item.index)).toEqual([...Array(count).keys()]);
    }
  });

  it('reads bytes as well as strings, multi-byte characters split across chunks', async () => {
    const har = JSON.stringify({
      log: {
        version: '1.2',
        entries: [{ request: { method: 'GET', url: 'https://x.test/ü€' }, response: { status: 500 } }],
      },
    });
    const bytes = new TextEncoder().encode(har);
    async function* byteChunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.slice(i, i + 3);
    }
    const items: HarItem[] = [];
    for await (const item of readHar(byteChunks())) items.push(item);
    expect(items).toMatchObject([{ index: 0, exchange: { url: 'https://x.test/ü€', status: 500 } }]);
  });

  it('finds the ends of strings whose quotes and backslashes are split across chunks', async () => {
    const tricky = ['a\\', 'b\\\\', 'c\\"d', '\\"\\\\"', '{"nested":"\\"}"}', ']},{'];
    const entries = tricky.map((text) => ({
      request: { method: 'GET', url: `https://x.test/${text}` },
      response: { status: 500, content: { text } },
    }));
    const har = JSON.stringify({ log: { version: '1.2', entries } });
    for (const size of [1, 2, 3, 5, 7, 11]) {
      const items = await readAll(har, size);
      expect(items.map((item) => ('exchange' in item ? item.exchange.responseBody : item.invalid))).toEqual(
        tricky,
      );
    }
  });

  it('reports unusable entries with a reason and keeps going', async () => {
    const items = await readAll(fixture('bad-entries.har'));
    const invalid = items.filter((item) => 'invalid' in item);
    expect(items).toHaveLength(10);
    expect(invalid.map((item) => item.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(invalid[0]).toEqual({ index: 1, invalid: 'no request' });
  });

  it('accepts a HAR whose entries are empty', async () => {
    expect(await readAll(fixture('empty-entries.har'))).toEqual([]);
  });

  it.each([
    ['not-json.har', /not valid JSON \(unexpected "h"\)/],
    ['not-a-har.json', /not a HAR file/],
    ['truncated.har', /^it ends inside entry #2$/],
  ])('rejects %s with one clear line', async (name, message) => {
    const error = await readAll(fixture(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it.each([
    ['a log without entries', '{"log":{"version":"1.2"}}'],
    ['entries that are not an array', '{"log":{"version":1.2,"entries":{}}}'],
    ['an entries key left from another object', '{"a":{"entries":1},"log":["x",[{"request":{}}]]}'],
  ])('rejects %s as not a HAR', async (_, text) => {
    await expect(readAll(text)).rejects.toThrow(/not a HAR file/);
  });

  it('does not echo an entry’s text when it is not valid JSON', async () => {
    const text = '{"log":{"entries":[{"x":Bearer_sk_live_secret}]}}';
    const error = await readAll(text).catch((e: unknown) => e);
    expect((error as Error).message).toBe('it is not valid JSON (entry 0 is not valid JSON)');
  });

  it.each([
    ['an empty input', ''],
    ['whitespace only', ' \n\t\r\n'],
    ['a BOM only', '\uFEFF'],
  ])('rejects %s as empty', async (_, text) => {
    await expect(readAll(text)).rejects.toThrow(/^the file is empty$/);
  });

  it.each([
    ['a token out of place', '{"log" "entries"}', 'it is not valid JSON (unexpected string)'],
    ['a number out of place', '{"log":{"version" 1.2}}', 'it is not valid JSON (unexpected number)'],
    ['extra data', '{"log":{"entries":[]}} ,{"request":{}}', 'extra data after the HAR at byte 23'],
    ['a cut inside an entry', '{"log":{"entries":[{"a":1},{"request":{"me', 'it ends inside entry #1'],
  ])('names %s without quoting the file', async (_, text, message) => {
    for (const size of [1, 5, text.length]) {
      await expect(readAll(text, size)).rejects.toThrow(new HarError(message));
    }
  });

  it.each([
    ['gzip', [0x1f, 0x8b, 0x08, 0x00, 0x00]],
    ['zlib', [0x78, 0x9c, 0xab, 0x56, 0xca]],
  ])('says a %s-compressed HAR is compressed rather than that it is not JSON', async (compression, bytes) => {
    const consume = async () => {
      for await (const _ of readHar([new Uint8Array(bytes)])) {
        // reading is the test
      }
    };
    await expect(consume()).rejects.toThrow(
      new HarError(`it is ${compression}-compressed: decompress it first`),
    );
  });

  it('reads UTF-16 and a UTF-8 BOM whatever the chunking', async () => {
    const har =
      '{"log":{"entries":[{"request":{"method":"GET","url":"https://x.test/€"},"response":{"status":500}}]}}';
    const encodings = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(har)]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(har, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(har, 'utf16le').swap16()]),
    ];
    for (const bytes of encodings) {
      for (const size of [1, 2, 3, 64]) {
        const chunks = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const items: HarItem[] = [];
        for await (const item of readHar(chunks)) items.push(item);
        expect(items).toMatchObject([{ index: 0, exchange: { url: 'https://x.test/€' } }]);
      }
    }
  });

  it('reads HARP, a HAR inside a JSONP callback as HAR viewers load it, whatever the chunking', async () => {
    const har = fixture('chrome-export.har');
    const count = JSON.parse(har).log.entries.length;
    for (const wrapped of [
      `onInputData(${har});`,
      `onInputData(${har})`,
      `\n window.har.load ( ${har} ) ;\n`,
    ]) {
      for (const size of [1, 7, 70, wrapped.length]) {
        const items = await readAll(wrapped, size);
        expect(items.map((item) => item.index)).toEqual([...Array(count).keys()]);
      }
    }
  });

  it('passes leading white space on as it comes, however much of it', async () => {
    const har =
      '{"log":{"entries":[{"request":{"method":"GET","url":"https://x.test/"},"response":{"status":500}}]}}';
    for (const text of [`${' '.repeat(5000)}${har}`, `${'\n'.repeat(5000)}f(${har});`]) {
      for (const size of [1, 300, text.length]) {
        expect(await readAll(text, size)).toMatchObject([{ index: 0, exchange: { url: 'https://x.test/' } }]);
      }
    }
  });

  it.each([
    [
      'a JSONP opening never closed',
      `onInputData(${'{"log":{"entries":[]}}'}`,
      'it opens as JSONP (a callback\'s name and "(") but does not close with ")"',
    ],
    [
      'something after the closing',
      'onInputData({"log":{"entries":[]}}); more',
      'it opens as JSONP (a callback\'s name and "(") but does not close with ")"',
    ],
    [
      'a word that opens no callback',
      'onInputData {"log":{"entries":[]}}',
      'it is not valid JSON (unexpected "o")',
    ],
    ['two wrapped values', 'f({"log":{"entries":[]}}, 1)', 'extra data after the HAR at byte 24'],
  ])('names %s', async (_, text, message) => {
    for (const size of [1, 5, text.length]) {
      await expect(readAll(text, size)).rejects.toThrow(new HarError(message));
    }
  });

  it('passes a failing source’s own error through', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield '{"log":';
      throw new Error('disk on fire');
    }
    const consume = async () => {
      for await (const _ of readHar(failing())) {
        // reading is the test
      }
    };
    await expect(consume()).rejects.toThrow('disk on fire');
  });
});

describe('exchangeFromEntry', () => {
  it('keeps what the matcher and formatters need, base64 and post data included', () => {
    const entry = {
      startedDateTime: '2026-11-22T10:00:00.000Z',
      request: {
        method: 'POST',
        url: 'https://api.payfield.io/api/v1/payouts',
        headers: [{ name: 'X-API-Key', value: 'k' }, { name: 42 }, null],
        postData: { mimeType: 'application/json', text: '{"card_number":"4111111111111111"}' },
      },
      response: {
        status: 422,
        headers: [],
        content: { mimeType: 'application/json', text: 'e30=', encoding: 'base64' },
      },
    };
    expect(exchangeFromEntry(entry)).toEqual({
      method: 'POST',
      url: 'https://api.payfield.io/api/v1/payouts',
      status: 422,
      requestHeaders: [{ name: 'X-API-Key', value: 'k' }],
      responseHeaders: [],
      startedDateTime: '2026-11-22T10:00:00.000Z',
      requestBody: '{"card_number":"4111111111111111"}',
      responseBody: 'e30=',
      responseEncoding: 'base64',
      mimeType: 'application/json',
    });
  });

  it.each([
    [null, 'not an object'],
    [{ response: { status: 200 } }, 'no request'],
    [{ request: { method: 'GET', url: 'https://x.test' }, response: 'oops' }, 'no response'],
    [{ request: { method: 'GET', url: 'https://x.test' } }, 'no response'],
    [{ request: { url: 'https://x.test' }, response: { status: 200 } }, 'no method'],
    [
      { request: { method: '', url: 'data:image/png;base64,AA==' }, response: { status: 200 } },
      'empty method',
    ],
    [{ request: { method: 'GET', url: 'DATA:text/plain,hi' }, response: { status: 200 } }, 'a data: URL'],
    [{ request: { method: 'GET', url: 'blob:https://x.test/1' }, response: { status: 0 } }, 'a blob: URL'],
    [{ request: { method: 'GET' }, response: { status: 200 } }, 'no URL'],
    [{ request: { method: 'GET', url: 'https://x.test' }, response: { status: '500' } }, 'no numeric status'],
  ])('says why %j is unusable', (entry, reason) => {
    expect(exchangeFromEntry(entry)).toBe(reason);
  });
});

describe('diagnoseHar', () => {
  it('diagnoses the good entries of a HAR with bad ones and counts the skipped', async () => {
    const result = await diagnoseHar(chunked(fixture('bad-entries.har')));
    expect(result.entries).toBe(10);
    expect(result.skipped).toHaveLength(7);
    expect(result.findings.map((f) => [f.entryIndex, f.diagnosis.provider])).toEqual([
      [0, 'kiotapay'],
      [9, 'apipay'],
    ]);
  });

  it('finds errors from all five providers in the example session', async () => {
    const text = readFileSync(new URL('../../examples/checkout-session.har', import.meta.url), 'utf8');
    const { findings, entries } = await diagnoseHar(chunked(text, 65536));
    expect(entries).toBe(JSON.parse(text).log.entries.length);
    expect(new Set(findings.map((f) => f.diagnosis.provider))).toEqual(
      new Set(['kiotapay', 'rebell', 'payfield', 'apipay', 'alternative-payments']),
    );
    // Preflights and successes among them are not diagnoses.
    expect(
      findings.every(
        (f) =>
          f.exchange.method !== 'OPTIONS' && (f.exchange.status >= 400 || f.diagnosis.provider === 'rebell'),
      ),
    ).toBe(true);
  });

  it('applies the matcher options', async () => {
    const relayed = fixture('relayed.har');
    expect((await diagnoseHar(chunked(relayed))).findings).toEqual([]);
    const { findings } = await diagnoseHar(chunked(relayed), { anyHost: true });
    expect(findings.map((f) => [f.entryIndex, f.diagnosis.provider, f.diagnosis.match])).toEqual([
      [0, 'rebell', 'fingerprint'],
      [1, 'payfield', 'fingerprint'],
      [2, 'apipay', 'fingerprint'],
      [7, 'kiotapay', 'fingerprint'],
    ]);
  });
});

describe('strings in entries, long and escaped, cut anywhere', () => {
  /** Plain runs around the scanner's 48-byte look-ahead, and escapes where it stops. */
  const piece = fc.oneof(
    fc.integer({ min: 0, max: 120 }).map((length) => 'a'.repeat(length)),
    fc.constantFrom('"', '\\', '\\"', '"\\', 'é', '\u2028', '{"x":1}'),
  );

  it('reads every body whole, whatever its length, escapes and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join('')),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: 1, max: 300 }),
        async (bodies, size) => {
          const entries = bodies.map((text) => ({
            request: { method: 'GET', url: 'https://shop.example/' },
            response: { status: 500, content: { text } },
          }));
          const har = new TextEncoder().encode(JSON.stringify({ log: { version: '1.2', entries } }));
          async function* chunks() {
            for (let at = 0; at < har.length; at += size) yield har.slice(at, at + size);
          }
          const read: unknown[] = [];
          for await (const item of readHar(chunks()))
            if ('exchange' in item) read.push(item.exchange.responseBody);
          expect(read).toEqual(bodies);
        },
      ),
      { numRuns: 500 },
    );
  });
});
