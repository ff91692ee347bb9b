import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSessionAnalyzer } from '../../../lib/analyzer';
import { createKeyedDigest, createQuickDigest } from '../../../lib/analyzer/keyed-hash';
import { readHar } from '../../../lib/har';
import { createMatcher } from '../../../lib/matcher';
import type { Exchange } from '../../../lib/types';
import { analyse, call, httpDate, T0 } from '../../support/session';

const KIOTAPAY_ERROR = { error: { code: 'AUTH_INVALID_TOKEN', message: 'Invalid authentication token' } };

describe('support ids', () => {
  it('collects the documented headers and body fields, once each', () => {
    const { results } = analyse([
      call({
        url: 'https://api.kiotapay.co/api/v1/payments',
        status: 500,
        body: {
          error: { code: 'SERVER_ERROR', message: 'An unexpected error occurred', requestId: 'req_42' },
          requestId: 'req_42',
          trace_id: 7781,
          traceId: { nested: true },
        },
        response: {
          'x-request-id': ' a1b2c3 ',
          'CF-RAY': '8e4f1c2d3a4b5c6d-FRA',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          'X-Amzn-Trace-Id': 'x'.repeat(201),
          'X-Correlation-Id': '',
        },
      }),
    ]);
    expect(results[0]?.supportIds).toEqual([
      { name: 'X-Request-Id', value: 'a1b2c3' },
      { name: 'CF-Ray', value: '8e4f1c2d3a4b5c6d-FRA' },
      { name: 'traceparent', value: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      { name: 'requestId', value: 'req_42' },
      { name: 'trace_id', value: '7781' },
    ]);
  });

  it('reads a base64-recorded body too', () => {
    const exchange = call({ url: 'https://api.rebellapp.com/v1/payments/pay', status: 500 });
    exchange.responseBody = Buffer.from(JSON.stringify({ request_id: 'r-9' })).toString('base64');
    exchange.responseEncoding = 'base64';
    const { results } = analyse([exchange]);
    expect(results[0]?.supportIds).toEqual([{ name: 'request_id', value: 'r-9' }]);
  });

  it('is an empty array when there are none', () => {
    const { results } = analyse([
      call({ url: 'https://api.payfield.io/api/v1/payouts', status: 500, body: {} }),
    ]);
    expect(results[0]).toMatchObject({ insights: [], supportIds: [] });
  });
});

describe('the analyzer', () => {
  it('answers every exchange that is no diagnosis with the same empty analysis, which cannot be changed', () => {
    const analyzer = createSessionAnalyzer();
    const page = analyzer.observe(call({ url: 'https://shop.example/api/cart', status: 200 }), 0, null);
    const success = analyzer.observe(
      call({ url: 'https://api.apipay.kz/api/v1/invoices', status: 201, body: {} }),
      1,
      null,
    );
    expect(page).toEqual({ insights: [], supportIds: [] });
    expect(success).toBe(page);
    expect(Object.isFrozen(page.insights) && Object.isFrozen(page.supportIds)).toBe(true);
  });

  it('learns from successes only on hosts the matcher attributes, custom hosts included', () => {
    const issue = (url: string) =>
      call({ url, status: 200, body: { data: { access_token: 'opaque', expires_in: 300 } } });
    const failure = call({
      url: 'https://pay.shop.example/api/v1/payments',
      status: 401,
      at: 400,
      body: KIOTAPAY_ERROR,
      request: { Authorization: 'Bearer opaque' },
    });
    const hosts = { 'pay.shop.example': 'kiotapay' };
    const matcher = createMatcher({ hosts });
    const diagnosis = matcher(failure);
    expect(diagnosis?.provider).toBe('kiotapay');

    const withHost = createSessionAnalyzer({ hosts });
    withHost.observe(issue('https://pay.shop.example/api/v1/get-token'), 0, null);
    expect(withHost.observe(failure, 1, diagnosis).insights[0]?.figures).toMatchObject({
      problem: 'expired',
    });

    const withoutHost = createSessionAnalyzer();
    withoutHost.observe(issue('https://pay.shop.example/api/v1/get-token'), 0, null);
    expect(withoutHost.observe(failure, 1, diagnosis).insights[0]?.figures).toMatchObject({
      problem: 'not-issued-here',
    });
  });

  it('returns copies of its warnings', () => {
    const analyzer = createSessionAnalyzer();
    const signed = call({
      url: 'https://api.payfield.io/api/v1/payouts',
      status: 201,
      request: { 'X-Timestamp': String(T0 / 1000 + 200) },
      response: { Date: httpDate(T0) },
    });
    analyzer.observe(signed, 3, null);
    const [first] = analyzer.warnings();
    first?.related.push(99);
    expect(analyzer.warnings()[0]?.related).toEqual([3]);
  });

  it('returns copies of the lists in its warnings’ figures', () => {
    const payout = (amount: string, status: number) =>
      call({
        url: 'https://api.payfield.io/api/v1/payouts',
        status,
        sent: { external_id: 'PO-1', amount, currency: 'KZT' },
        body: {},
      });
    const analyzer = createSessionAnalyzer();
    analyzer.observe(payout('5000.00', 201), 0, null);
    analyzer.observe(payout('7500.00', 200), 1, null);
    const differing = analyzer.warnings()[0]?.figures.differing;
    expect(Array.isArray(differing)).toBe(true);
    (differing as string[]).push('currency');
    expect(analyzer.warnings()[0]?.figures.differing).toEqual(['amount']);
  });

  it('never throws on hostile exchanges', () => {
    const analyzer = createSessionAnalyzer();
    const diagnose = createMatcher();
    const hostile = [
      { ...call({ url: 'https://api.kiotapay.co/api/v1/get-token', status: 200 }), responseBody: 42 },
      {
        ...call({ url: 'https://api.kiotapay.co/api/v1/x', status: 401, body: KIOTAPAY_ERROR }),
        requestHeaders: null,
      },
      {
        ...call({ url: 'https://api.payfield.io/api/v1/payouts', status: 201 }),
        requestHeaders: [null, { name: 'X-Timestamp', value: 5 }, { name: 7 }],
        responseHeaders: 'Date',
        startedDateTime: undefined,
      },
      {
        ...call({ url: 'https://api.kiotapay.co/api/v1/x', status: 401, body: KIOTAPAY_ERROR }),
        startedDateTime: 3,
      },
      call({
        url: 'https://api.kiotapay.co/api/v1/x',
        status: 401,
        body: KIOTAPAY_ERROR,
        request: { Authorization: `Bearer ${'a'.repeat(9000)}.${'b'.repeat(9000)}.c` },
      }),
      call({
        url: 'https://api.kiotapay.co/api/v1/x',
        status: 401,
        body: KIOTAPAY_ERROR,
        request: { Authorization: 'Bearer eyJ.@@@.x' },
      }),
      { ...call({ url: 'https://api.payfield.io/api/v1/payouts', status: 201 }), url: 17, method: null },
      // What the kinds that compare requests read: bodies, keys, times.
      { ...call({ url: 'https://api.payfield.io/api/v1/payouts', status: 200 }), requestBody: 42 },
      call({
        url: 'https://api.payfield.io/api/v1/payouts',
        status: 200,
        sent: '{"external_id": {"a": [1]}',
      }),
      call({
        url: 'https://api.payfield.io/api/v1/payouts',
        status: 200,
        sent: `{"external_id":"x","a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      }),
      {
        ...call({ url: 'https://api.apipay.kz/api/v1/invoices', status: 429, body: { retry_after: 60 } }),
        requestHeaders: [{ name: 'X-API-Key', value: { key: 1 } }],
        startedDateTime: 'yesterday',
      },
      call({
        url: 'https://public-api.demo.alternativepayments.io/payment/request',
        status: 201,
        body: `{"id":"${'\\'.repeat(300)}","id":"a"b","id": 1e999, "xid":"`,
      }),
      call({
        method: 'GET',
        url: 'https://public-api.alternativepayments.io/payment/request/%E0%A4%A',
        status: 404,
        sent: '{"paymentId":',
      }),
    ] as unknown as Exchange[];
    hostile.forEach((exchange, index) => {
      let diagnosis = null;
      try {
        diagnosis = diagnose(exchange);
      } catch {
        // The matcher's own robustness is not under test here.
      }
      expect(() => analyzer.observe(exchange, index, diagnosis)).not.toThrow();
    });
    expect(() => analyzer.warnings()).not.toThrow();
  });
});

describe('keyed digests', () => {
  it('depend on the key, so a digest is useless without it', () => {
    const a = createKeyedDigest('key a');
    const b = createKeyedDigest('key b');
    expect(a('token')).toBe(a('token'));
    expect(a('token')).not.toBe(b('token'));
    expect(a('token')).not.toBe(a('tokeN'));
  });

  it('digest parts as their join with NUL, so where one part ends matters', () => {
    const quick = createQuickDigest('key a');
    expect(quick('GET', 'https://x/1', '')).toBe(quick('GET\u0000https://x/1\u0000'));
    expect(quick('ab', 'c')).not.toBe(quick('a', 'bc'));
    expect(quick('ab', 'c')).not.toBe(createQuickDigest('key b')('ab', 'c'));
  });
});

describe('a capture read from a HAR file', () => {
  it('explains an expired Kiotapay token and a Payfield clock behind, with entry indexes', async () => {
    const text = readFileSync(new URL('../../fixtures/har/session-insights.har', import.meta.url), 'utf8');
    const diagnose = createMatcher();
    const analyzer = createSessionAnalyzer();
    const found = [];
    for await (const item of readHar([text])) {
      if ('invalid' in item) continue;
      const diagnosis = diagnose(item.exchange);
      const analysis = analyzer.observe(item.exchange, item.index, diagnosis);
      if (diagnosis)
        found.push({ index: item.index, code: diagnosis.code, message: diagnosis.message, ...analysis });
    }
    expect(found).toEqual([
      {
        index: 3,
        code: 'AUTH_INVALID_TOKEN',
        message: 'Invalid authentication token',
        insights: [
          expect.objectContaining({
            kind: 'token',
            related: [1],
            figures: {
              problem: 'expired',
              ageSeconds: 330,
              lifetimeSeconds: 300,
              expiredAgoSeconds: 30,
            },
          }),
        ],
        supportIds: [],
      },
      {
        index: 5,
        code: 'unauthorized',
        message: 'Timestamp window exceeded',
        insights: [
          expect.objectContaining({
            kind: 'clock-skew',
            figures: { header: 'X-Timestamp', problem: 'skew', skewSeconds: -425 },
          }),
        ],
        supportIds: [{ name: 'X-Request-Id', value: 'pf-7c1e' }],
      },
    ]);
    expect(analyzer.warnings()).toEqual([
      expect.objectContaining({
        kind: 'clock-skew',
        provider: 'payfield',
        related: [4],
        figures: expect.objectContaining({ skewSeconds: -180 }),
      }),
    ]);
  });
});
