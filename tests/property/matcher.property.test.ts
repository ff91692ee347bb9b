import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formats } from '../../lib/format';
import { HarError, type HarItem, readHar } from '../../lib/har';
import { exchangeFromEntry } from '../../lib/har-exchange';
import { createMatcher } from '../../lib/matcher';
import { providers } from '../../lib/providers';
import type { Exchange } from '../../lib/types';

/** Generated cases over all properties of this file, when FUZZ_RUNS does not say. */
const BASE_TOTAL = 5_300;
/**
 * FUZZ_RUNS=<total cases> scales every property, and the time each may take with it.
 * Locally the default stays quick; CI runs the full hundred thousand.
 */
const total = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 100_000 : 10_000));
const scale = Math.max(0.1, total / BASE_TOTAL);
const runs = (base: number) => Math.max(1, Math.round(base * scale));
vi.setConfig({ testTimeout: 10_000 * Math.max(1, scale) });

const matchers = [createMatcher(), createMatcher({ anyHost: true })];

const example = JSON.parse(
  readFileSync(new URL('../../examples/checkout-session.har', import.meta.url), 'utf8'),
);
const fixtureBodies: string[] = example.log.entries
  .map((entry: { response: { content: { text?: string } } }) => entry.response.content.text)
  .filter((text: unknown): text is string => typeof text === 'string');

const hosts = [...providers.flatMap((p) => p.hosts), 'shop.example', 'api.kiotapay.co.evil.example'];

/** JSON shaped like provider bodies, with keys drawn from the ones the readers look at. */
const providerishJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom(
        'error',
        'code',
        'message',
        'errors',
        'result',
        'resultStatus',
        'resultCode',
        'errorCode',
        'error_code',
        'retry_after',
        'field',
        '__proto__',
        'constructor',
        'prototype',
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

/** A fixture body with a slice cut out or replaced: truncation and corruption. */
const mutatedFixtureBody = fc
  .tuple(fc.constantFrom(...fixtureBodies), fc.nat(), fc.nat(), fc.string())
  .map(([body, a, b, insert]) => {
    const start = a % (body.length + 1);
    const end = start + (b % 20);
    return body.slice(0, start) + insert + body.slice(end);
  });

const body = fc.oneof(
  providerishJson.map((value) => JSON.stringify(value)),
  mutatedFixtureBody,
  fc.string(),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

const exchangeArbitrary: fc.Arbitrary<Exchange> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'OPTIONS', 'put', ''),
  url: fc.oneof(
    fc.tuple(fc.constantFrom(...hosts), fc.string()).map(([host, path]) => `https://${host}/${path}`),
    fc.string(),
  ),
  status: fc.oneof(
    fc.constantFrom(0, 200, 201, 204, 302, 400, 401, 403, 404, 422, 429, 500, 502, 503),
    fc.integer(),
    fc.double(),
  ),
  requestHeaders: fc.array(fc.record({ name: fc.string(), value: fc.string() }), { maxLength: 3 }),
  responseHeaders: fc.array(
    fc.record({ name: fc.constantFrom('Retry-After', 'Content-Type', 'x'), value: fc.string() }),
    { maxLength: 3 },
  ),
  responseBody: body,
  responseEncoding: fc.constantFrom(undefined, 'base64', 'utf-8'),
  startedDateTime: fc.oneof(fc.constant('2026-11-22T10:00:00Z'), fc.string()),
}) as fc.Arbitrary<Exchange>;

describe('the matcher on arbitrary traffic', () => {
  it('never throws, answers the same twice, and its findings format', () => {
    let diagnosed = 0;
    fc.assert(
      fc.property(exchangeArbitrary, (exchange) => {
        for (const diagnose of matchers) {
          const first = diagnose(exchange);
          expect(diagnose(exchange)).toEqual(first);
          if (first) {
            diagnosed++;
            for (const format of Object.values(formats))
              format([{ exchange, diagnosis: first }], { entries: 1 });
          }
        }
      }),
      { numRuns: runs(3000) },
    );
    // The generator must reach the interesting path, not only traffic the matcher ignores.
    expect(diagnosed).toBeGreaterThan(runs(3000) / 10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the matcher on exchanges of the wrong shape', () => {
  // A buggy adapter or a hand-made HAR can hand over anything; nothing may throw.
  const anything = fc.anything({ withNullPrototype: true, withObjectString: true });
  const malformed = fc.record({
    method: fc.oneof(fc.constantFrom('GET', 'POST'), anything),
    url: fc.oneof(
      fc.constantFrom(...hosts).map((host) => `https://${host}/x`),
      anything,
    ),
    status: fc.oneof(fc.constantFrom(200, 401, 500), anything),
    requestHeaders: anything,
    responseHeaders: anything,
    responseBody: fc.oneof(body, anything),
    responseEncoding: anything,
    startedDateTime: anything,
  }) as unknown as fc.Arbitrary<Exchange>;

  it('never throws, and what it diagnoses can be formatted', () => {
    fc.assert(
      fc.property(malformed, (exchange) => {
        for (const diagnose of matchers) {
          const diagnosis = diagnose(exchange);
          if (diagnosis)
            for (const format of Object.values(formats)) format([{ exchange, diagnosis }], { entries: 1 });
        }
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('the HAR reader on arbitrary input', () => {
  const entry = fc.record(
    {
      startedDateTime: fc.string(),
      request: fc.oneof(
        fc.record({ method: fc.string(), url: fc.string(), headers: fc.anything() }, { requiredKeys: [] }),
        fc.anything(),
      ),
      response: fc.oneof(
        fc.record(
          {
            status: fc.oneof(fc.integer(), fc.string()),
            content: fc.record({ text: body }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );

  it('reads every entry of arbitrary HARs or rejects the file with a HarError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(entry, fc.anything()), { maxLength: 6 }),
        fc.integer({ min: 1, max: 50 }),
        async (entries, size) => {
          const text = JSON.stringify({ log: { version: '1.2', entries } });
          const items = [];
          async function* chunks() {
            for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
          }
          for await (const item of readHar(chunks())) {
            items.push(item);
            if ('exchange' in item) for (const diagnose of matchers) diagnose(item.exchange);
          }
          expect(items.map((item) => item.index)).toEqual(entries.map((_, index) => index));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  /** A whole fixture HAR with a slice cut out or replaced. */
  const harTexts = ['chrome-export.har', 'bad-entries.har', 'relayed.har'].map((name) =>
    readFileSync(new URL(`../fixtures/har/${name}`, import.meta.url), 'utf8'),
  );
  const mutatedHar = fc
    .tuple(fc.constantFrom(...harTexts), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 4 }))
    .map(([text, at, cut, insert]) => {
      const start = at % (text.length + 1);
      return text.slice(0, start) + insert + text.slice(start + cut);
    });

  it('accepts exactly what JSON.parse accepts, with the same entries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutatedHar, fc.string(), fc.json()),
        fc.integer({ min: 1, max: 64 }),
        async (text, size) => {
          let expected: unknown;
          try {
            expected = JSON.parse(text);
          } catch {
            expected = undefined;
          }
          const items: HarItem[] = [];
          let error: unknown;
          try {
            const chunks = function* () {
              for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
            };
            for await (const item of readHar(chunks())) items.push(item);
          } catch (caught) {
            error = caught;
          }
          if (error !== undefined) expect(error).toBeInstanceOf(HarError);
          if (expected === undefined) {
            expect(error).toBeDefined();
            return;
          }
          const entries = (expected as { log?: { entries?: unknown } })?.log?.entries;
          if (Array.isArray(entries)) {
            expect(error).toBeUndefined();
            expect(items).toEqual(
              entries.map((entry, index) => {
                const exchange = exchangeFromEntry(entry);
                return typeof exchange === 'string' ? { index, invalid: exchange } : { index, exchange };
              }),
            );
          }
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});
