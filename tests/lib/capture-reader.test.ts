/**
 * The capture reader is the matcher then the session analyzer with one host lookup between
 * them, and a page's own requests turned away before either: it must answer exactly as the
 * two would, each with its own lookup, on every exchange.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSessionAnalyzer } from '../../lib/analyzer';
import { createCaptureReader } from '../../lib/capture-reader';
import { readHar } from '../../lib/har';
import { createMatcher, type MatcherOptions } from '../../lib/matcher';
import type { Exchange } from '../../lib/types';
import { call } from '../support/session';

async function exchangesOf(fixture: string): Promise<Exchange[]> {
  const text = readFileSync(new URL(`../fixtures/har/${fixture}`, import.meta.url), 'utf8');
  const exchanges: Exchange[] = [];
  for await (const item of readHar([text])) if ('exchange' in item) exchanges.push(item.exchange);
  return exchanges;
}

/** The same capture through the reader and through a matcher and an analyzer of their own. */
function bothWays(exchanges: Exchange[], options: MatcherOptions) {
  const secret = { secretKey: 'test key' };
  const reader = createCaptureReader({ ...options, ...secret });
  const diagnose = createMatcher(options);
  const analyzer = createSessionAnalyzer({ ...options, ...secret });
  const read = exchanges.map((exchange, index) => reader.read(exchange, index));
  const apart = exchanges.map((exchange, index) => {
    const diagnosis = diagnose(exchange);
    const analysis = analyzer.observe(exchange, index, diagnosis);
    return diagnosis ? { diagnosis, analysis } : null;
  });
  return { read, apart, warnings: [reader.warnings(), analyzer.warnings()] };
}

/** Page requests between provider calls, a relayed provider error, a custom host. */
const mixed: Exchange[] = [
  call({ method: 'GET', url: 'https://shop.example/assets/app.js', status: 200, body: '(()=>{})()' }),
  call({
    url: 'https://api.kiotapay.co/api/v1/payments',
    status: 401,
    request: { Authorization: 'Bearer undefined' },
    body: { status: 'error', code: 'AUTH_INVALID_TOKEN', message: 'Invalid authentication token' },
  }),
  call({
    url: 'https://shop.example/api/pay',
    status: 401,
    body: { status: 'error', code: 'AUTH_INVALID_TOKEN', message: 'Invalid authentication token' },
  }),
  call({
    url: 'https://pay.shop.example/v1/payouts',
    status: 422,
    body: { error: { type: 'validation_error', message: 'amount must be a positive decimal string' } },
  }),
  call({ method: 'OPTIONS', url: 'https://api.kiotapay.co/api/v1/payments', status: 204 }),
  call({ method: 'options', url: 'https://api.payfield.io/api/v1/payouts', status: 204 }),
  // A proxy's tunnel to the provider, which the proxy answered.
  call({ method: 'CONNECT', url: 'http://api.payfield.io:443', status: 502 }),
  // Unanswered (blocked, cancelled) and redirected requests to a provider.
  call({ url: 'https://api.payfield.io/api/v1/payouts', status: 0 }),
  call({ method: 'GET', url: 'https://api.payfield.io/api/v1/payouts/po_1', status: 302 }),
  // A success the analyzer learns from, and a failure it explains by it: a token issued,
  // then refused ten minutes later. A reader that dropped successes would call it foreign.
  call({
    url: 'https://api.kiotapay.co/api/v1/get-token',
    status: 200,
    at: 0,
    body: { status: 'success', data: { access_token: 'opaque-issued-token', expires_in: 300 } },
  }),
  call({
    url: 'https://api.kiotapay.co/api/v1/payments',
    status: 401,
    at: 600,
    request: { Authorization: 'Bearer opaque-issued-token' },
    body: { status: 'error', code: 'AUTH_INVALID_TOKEN', message: 'Invalid authentication token' },
  }),
];

describe('the capture reader', () => {
  it.each([
    ['session-insights.har', {}],
    ['session-traffic.har', {}],
    ['session-traffic.har', { anyHost: true }],
    ['relayed.har', { anyHost: true }],
  ] as const)('reads %s with %o as the matcher and the analyzer apart', async (fixture, options) => {
    const { read, apart, warnings } = bothWays(await exchangesOf(fixture), options);
    expect(read.some((finding) => finding !== null)).toBe(true);
    expect(read).toEqual(apart);
    expect(warnings[0]).toEqual(warnings[1]);
  });

  it.each([
    {},
    { anyHost: true },
    { hosts: { 'pay.shop.example': 'payfield' } },
    { providers: ['payfield'] },
  ])('turns away only what both would, with %o', (options) => {
    const { read, apart, warnings } = bothWays(mixed, options);
    expect(read).toEqual(apart);
    expect(warnings[0]).toEqual(warnings[1]);
  });

  it('explains a failure by a success before it', () => {
    const { read } = bothWays(mixed, {});
    const token = read.at(-1)?.analysis.insights.find((insight) => insight.kind === 'token');
    expect(token).toMatchObject({ figures: { problem: 'expired' }, related: [mixed.length - 2] });
  });
});
