/**
 * Traffic built to hurt: deep nesting, huge strings, broken encodings, prototype keys and
 * values of the wrong type, through the matcher, every format and the HAR reader. Each
 * must answer (the test timeout bounds it) and leave Object.prototype as it was.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseHar } from '../../lib/diagnose-har';
import { formats } from '../../lib/format';
import { createMatcher } from '../../lib/matcher';
import type { Exchange } from '../../lib/types';

const matchers = [createMatcher(), createMatcher({ anyHost: true })];
const PROVIDER = 'https://api.kiotapay.co/api/v1/payments';
const RELAY = 'https://shop.example/api/checkout';

const nested = (depth: number, open: string, close: string, inner: string) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

const hostileBodies: Array<[name: string, body: string, encoding?: string]> = [
  ['10,000 nested arrays', nested(10_000, '[', ']', '1')],
  ['10,000 nested objects', nested(10_000, '{"error":', '}', '{"code":"SERVER_ERROR","message":"x"}')],
  [
    '10,000 nested results',
    nested(10_000, '{"result":', '}', '{"resultStatus":"F","resultCode":"RISK_REJECT"}'),
  ],
  ['a 10 MB string', JSON.stringify({ error: { code: 'SERVER_ERROR', message: 'x'.repeat(10_000_000) } })],
  [
    'a 900 KB message under the body limit',
    JSON.stringify({ error: { code: 'REQ_BAD_REQUEST', message: 'ab'.repeat(450_000) } }),
  ],
  [
    'a 900 KB field list',
    JSON.stringify({
      message: 'Validation failed',
      errors: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`field_${i}`, ['bad']])),
    }),
  ],
  ['invalid base64', '!!!not*base64***', 'base64'],
  [
    'base64 of invalid UTF-8',
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]).toString('base64'),
    'base64',
  ],
  [
    'base64 of random bytes',
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('base64'),
    'base64',
  ],
  ['lone surrogates', JSON.stringify({ error: { code: '\ud800', message: '\udfff\ud800' } })],
  [
    'prototype keys',
    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"error":{"__proto__":{"code":"X"},"code":"SERVER_ERROR","message":"m"}}',
  ],
  [
    'prototype keys in results',
    '{"result":{"__proto__":{"resultStatus":"F"},"resultCode":"constructor","resultStatus":"F"}}',
  ],
  [
    'wrong types everywhere',
    '{"error":{"code":42,"message":["a"],"details":{}},"errors":"x","retry_after":"soon","result":[]}',
  ],
  ['numbers of every kind', '{"retry_after":1e309,"retry_after_seconds":-1,"error":{"code":1e-400}}'],
];

function exchange(url: string, status: number, body: string, encoding?: string): Exchange {
  return {
    method: 'POST',
    url,
    status,
    requestHeaders: [{ name: 'Authorization', value: 'Bearer 9f8e7d6c5b4a3f2e1d0c' }],
    responseHeaders: [{ name: 'Retry-After', value: 'Wed, 21 Oct 2015 07:28:00 GMT' }],
    responseBody: body,
    ...(encoding ? { responseEncoding: encoding } : {}),
    startedDateTime: '2026-11-22T10:00:00.000Z',
  };
}

describe.each(hostileBodies)('a body with %s', (_, body, encoding) => {
  // Generous: a hostile body costs real work, linear in its size, and the suite runs in parallel.
  it('is diagnosed from a provider host, formatted, and leaves Object.prototype alone', {
    timeout: 30_000,
  }, () => {
    for (const status of [200, 401, 500]) {
      for (const diagnose of matchers) {
        const ex = exchange(PROVIDER, status, body, encoding);
        const diagnosis = diagnose(ex);
        if (status >= 400) expect(diagnosis?.provider).toBe('kiotapay');
        if (diagnosis)
          for (const format of Object.values(formats))
            expect(format([{ exchange: ex, diagnosis }], { entries: 1 }).length).toBeGreaterThan(0);
        diagnose(exchange(RELAY, status, body, encoding));
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('the HAR reader', () => {
  it('reads a HAR whose entries carry every hostile body', async () => {
    const entries = hostileBodies.map(([, body, encoding]) => ({
      request: { method: 'POST', url: PROVIDER, headers: [] },
      response: { status: 500, headers: [], content: { text: body, ...(encoding ? { encoding } : {}) } },
    }));
    const {
      findings,
      entries: count,
      skipped,
    } = await diagnoseHar([JSON.stringify({ log: { version: '1.2', entries } })]);
    expect(count).toBe(hostileBodies.length);
    expect(skipped).toEqual([]);
    expect(findings).toHaveLength(hostileBodies.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a HAR nested 10,000 levels deep inside an entry', async () => {
    const entry = `{"request":{"method":"GET","url":"${PROVIDER}"},"response":{"status":500},"x":${nested(10_000, '[', ']', '0')}}`;
    const { findings } = await diagnoseHar([`{"log":{"version":"1.2","entries":[${entry}]}}`]);
    expect(findings).toHaveLength(1);
  });
});
