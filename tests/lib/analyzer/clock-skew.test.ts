import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../lib/analyzer';
import { analyse, call, httpDate, iso, T0 } from '../../support/session';

// Payfield's documented envelope: message and code, mirrored in `error`.
const payfieldError = (message: string) => ({
  message,
  code: 'unauthorized',
  error: { code: 'unauthorized', message },
});
const PAYOUTS = 'https://api.payfield.io/api/v1/payouts';
const unixSeconds = (ms: number) => String(Math.floor(ms / 1000));

/** A Payfield request (a success when `message` is null), answered by a server whose Date is T0 unless given. */
function payfield(message: string | null, timestamp: string | undefined, date: string | null = httpDate(T0)) {
  return call({
    url: PAYOUTS,
    status: message === null ? 201 : 401,
    body: message === null ? { data: { id: 'po_1' } } : payfieldError(message),
    request: {
      'X-API-Key': 'pk_live_abc',
      ...(timestamp === undefined ? {} : { 'X-Timestamp': timestamp }),
      'X-Signature': 'f00d',
    },
    response: date === null ? {} : { Date: date },
  });
}

const clockOf = (result: { insights: Insight[] } | undefined) =>
  result?.insights.filter((insight) => insight.kind === 'clock-skew') ?? [];

describe('clock skew on timestamp errors', () => {
  it('measures a client clock behind the server, timestamp in UNIX seconds', () => {
    const { results } = analyse([payfield('Timestamp window exceeded', unixSeconds(T0 - 400_000))]);
    const [insight] = clockOf(results[0]);
    expect(insight).toMatchObject({
      kind: 'clock-skew',
      related: [],
      figures: { header: 'X-Timestamp', problem: 'skew', skewSeconds: -400 },
    });
    expect(insight).toHaveProperty('text', expect.stringContaining('400 s behind'));
  });

  it('measures a client clock ahead of the server, timestamp in ISO-8601', () => {
    const { results } = analyse([payfield('Timestamp window exceeded.', iso(T0 + 305_000))]);
    expect(clockOf(results[0])[0]).toMatchObject({
      figures: { problem: 'skew', skewSeconds: 305 },
      text: expect.stringContaining('305 s ahead of'),
    });
  });

  it('reads ISO-8601 offsets, and a time without one as UTC wherever the analysis runs', () => {
    const withOffset = analyse([payfield('Timestamp window exceeded', '2026-11-22T15:10:00+05:00')]);
    expect(clockOf(withOffset.results[0])[0]?.figures).toMatchObject({ skewSeconds: 600 });
    const withoutOffset = analyse([payfield('Timestamp window exceeded', '2026-11-22T09:58:00')]);
    expect(clockOf(withoutOffset.results[0])[0]?.figures).toMatchObject({ skewSeconds: -120 });
  });

  it('reads ISO-8601 in its basic format, without separators', () => {
    for (const [value, skewSeconds] of [
      ['20261122T100700Z', 420],
      ['20261122T095300.250Z', -420],
      ['20261122T150700+0500', 420],
      ['20261122T1007', 420],
    ] as const) {
      const { results } = analyse([payfield('Timestamp window exceeded', value)]);
      expect(clockOf(results[0])[0]?.figures, value).toMatchObject({ problem: 'skew', skewSeconds });
    }
    // Separators in the date but not the time are neither format.
    const mixed = analyse([payfield('Timestamp window exceeded', '2026-11-22T100700Z')]);
    expect(clockOf(mixed.results[0])[0]?.figures).toMatchObject({ problem: 'unparseable' });
  });

  it('says so when the clocks agree and the window is not the cause', () => {
    const { results } = analyse([payfield('Invalid timestamp format', unixSeconds(T0 + 2_000))]);
    expect(clockOf(results[0])[0]).toMatchObject({
      figures: { problem: 'skew', skewSeconds: 2 },
      text: expect.stringMatching(/agree .*not the cause/),
    });
  });

  it('names a 13-digit UNIX time in milliseconds', () => {
    const { results } = analyse([payfield('Invalid timestamp format', String(T0))]);
    expect(clockOf(results[0])).toEqual([
      {
        kind: 'clock-skew',
        text: 'X-Timestamp is a 13-digit UNIX time in milliseconds where Payfield expects seconds.',
        related: [],
        figures: { header: 'X-Timestamp', problem: 'milliseconds' },
      },
    ]);
  });

  it('names a timestamp in none of the accepted formats', () => {
    for (const value of [
      'Sun, 22 Nov 2026 10:00:00 GMT',
      'yesterday',
      '2026-13-40T10:00:00Z',
      '1764000000000000',
    ]) {
      const { results } = analyse([payfield('Invalid timestamp format', value)]);
      expect(clockOf(results[0])[0], value).toMatchObject({
        figures: { problem: 'unparseable' },
        text: expect.stringContaining('(ISO-8601 or UNIX seconds)'),
      });
    }
  });

  it('adds nothing to "Timestamp required" without the header: no problem of the contract fits', () => {
    const { results } = analyse([payfield('Timestamp required', undefined)]);
    expect(results[0]?.diagnosis).not.toBeNull();
    expect(clockOf(results[0])).toEqual([]);
  });

  it('reads Rebell Request-Time as RFC 3339 and gives the documented window', () => {
    const rebell = (requestTime: string) =>
      call({
        url: 'https://api.rebellapp.com/v1/payments/createQROrder',
        status: 200,
        body: {
          result: {
            resultStatus: 'F',
            resultCode: 'REQUEST_TIME_INVALID',
            resultMessage: 'Request timestamp out of range',
          },
        },
        request: { 'Client-Id': 'client', 'Request-Time': requestTime },
        response: { Date: httpDate(T0) },
      });
    const { results } = analyse([
      rebell('2026-11-22T18:06:40+08:00'),
      rebell('2026-11-22T10:00:00'),
      rebell(unixSeconds(T0)),
      rebell('2026-11-22T10:01:30Z'),
      rebell('20261122T100130Z'),
    ]);
    expect(clockOf(results[0])[0]).toMatchObject({
      figures: { header: 'Request-Time', problem: 'skew', skewSeconds: 400 },
    });
    // RFC 3339 requires an offset, and Rebell takes no UNIX time.
    expect(clockOf(results[1])[0]?.figures).toMatchObject({ problem: 'unparseable' });
    expect(clockOf(results[2])[0]?.figures).toMatchObject({ problem: 'unparseable' });
    expect(clockOf(results[3])[0]).toMatchObject({
      figures: { skewSeconds: 90 },
      text: "Request-Time is 90 s ahead of the server's Date header, inside Rebell OpenAPI's window of about 300 s.",
    });
    // ISO-8601's basic format is not RFC 3339.
    expect(clockOf(results[4])[0]?.figures).toMatchObject({ problem: 'unparseable' });
  });
});

describe('clock skew on other diagnoses', () => {
  it('is attached from a minute apart, and not below', () => {
    const { results } = analyse([
      payfield('Invalid signature', unixSeconds(T0 - 90_000)),
      payfield('Invalid signature', unixSeconds(T0 - 59_000)),
    ]);
    expect(clockOf(results[0])[0]?.figures).toEqual({
      header: 'X-Timestamp',
      problem: 'skew',
      skewSeconds: -90,
    });
    expect(clockOf(results[1])).toEqual([]);
  });

  it('says nothing of a malformed timestamp outside timestamp errors', () => {
    const { results } = analyse([payfield('Invalid signature', String(T0))]);
    expect(clockOf(results[0])).toEqual([]);
  });
});

describe('no skew is claimed without both clocks', () => {
  it('stays silent without a Date header', () => {
    const { results, warnings } = analyse([
      payfield('Timestamp window exceeded', unixSeconds(T0 - 400_000), null),
      payfield('Invalid signature', unixSeconds(T0 - 400_000), null),
      payfield(null, unixSeconds(T0 - 400_000), null),
    ]);
    expect(results.map(clockOf)).toEqual([[], [], []]);
    expect(warnings).toEqual([]);
  });

  it('ignores a Date header that is not an HTTP date', () => {
    const { results } = analyse([payfield('Timestamp window exceeded', unixSeconds(T0), '1764000000')]);
    expect(clockOf(results[0])).toEqual([]);
  });

  it('has nothing to say for providers without a timestamp header', () => {
    const { results } = analyse([
      call({
        url: 'https://api.apipay.kz/api/v1/invoices',
        status: 500,
        body: { message: 'Server error' },
        request: { 'X-Timestamp': unixSeconds(T0 - 400_000) },
        response: { Date: httpDate(T0) },
      }),
    ]);
    expect(results[0]?.diagnosis).not.toBeNull();
    expect(results[0]?.insights).toEqual([]);
  });
});

describe('the clock-skew session warning', () => {
  it('is raised once when successful signed requests are two minutes off, listing them', () => {
    const { results, warnings } = analyse([
      payfield(null, unixSeconds(T0 + 100_000)),
      payfield(null, unixSeconds(T0 + 150_000)),
      payfield(null, iso(T0 + 160_000)),
      payfield('Timestamp window exceeded', unixSeconds(T0 + 400_000)),
    ]);
    expect(results.slice(0, 3).map((result) => result.insights)).toEqual([[], [], []]);
    expect(warnings).toEqual([
      {
        kind: 'clock-skew',
        provider: 'payfield',
        text: "Successful Payfield requests already send X-Timestamp 150 s ahead of the server's Date header: signed requests will fail once past the window.",
        related: [1, 2],
        figures: { header: 'X-Timestamp', problem: 'skew', skewSeconds: 150 },
      },
    ]);
  });

  it('is not raised by successes within two minutes, nor by failures', () => {
    const { warnings } = analyse([
      payfield(null, unixSeconds(T0 - 119_000)),
      payfield('Invalid signature', unixSeconds(T0 - 400_000)),
    ]);
    expect(warnings).toEqual([]);
  });
});
