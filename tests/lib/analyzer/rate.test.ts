import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../lib/analyzer';
import { analyse, call } from '../../support/session';

const APIPAY = 'https://api.apipay.kz/api/v1/invoices';
const ALTPAY = 'https://public-api.alternativepayments.io/payment/request';
const KEY = 'ak_live_5f2c9e0b7d1a4c3e8f6b';

const invoice = (at: number, key = KEY, status = 201) =>
  call({
    method: 'GET',
    url: `${APIPAY}/${Math.round(at * 10)}`,
    status,
    at,
    request: key === '' ? {} : { 'X-API-Key': key },
    body:
      status === 429
        ? { message: 'Too many requests. Please retry after 60 seconds.', retry_after: 60 }
        : { id: Math.round(at * 10), status: 'pending' },
  });

const altpay = (at: number, status = 200) =>
  call({
    method: 'GET',
    url: `${ALTPAY}/${Math.round(at * 100)}`,
    status,
    at,
    request: { Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0' },
    body: status === 429 ? { error: { message: 'Too Many Requests' } } : { id: 'r', status: 'pending' },
  });

const rateOf = (result: { insights: Insight[] } | undefined) =>
  result?.insights.filter((insight) => insight.kind === 'rate') ?? [];

describe('rate', () => {
  it('counts the same key’s requests in the window ending at the 429', () => {
    const burst = Array.from({ length: 61 }, (_, i) => invoice(i * 0.5));
    const { results } = analyse([invoice(-90), ...burst, invoice(30.5, KEY, 429)]);
    const [insight] = rateOf(results.at(-1));
    expect(insight).toMatchObject({
      kind: 'rate',
      text: "62 requests to ApiPay.kz with the same key in the 60 s ending here, over ApiPay.kz's documented 60 per 60 s per API key: space them out.",
      figures: { observed: 62, limit: 60, windowSeconds: 60 },
    });
    expect(insight?.related).toHaveLength(10);
    expect(insight?.related).not.toContain(0);
    expect(JSON.stringify(insight)).not.toContain(KEY);
  });

  it('leaves out other keys, and says when the limit was not reached', () => {
    const others = Array.from({ length: 40 }, (_, i) => invoice(i, 'ak_live_other'));
    const { results } = analyse([...others, invoice(41), invoice(42, KEY, 429)]);
    expect(rateOf(results.at(-1))[0]).toMatchObject({
      text: "2 requests to ApiPay.kz with the same key in the 60 s ending here, within ApiPay.kz's documented 60 per 60 s per API key: other clients may be sending with the same key.",
      figures: { observed: 2 },
    });
  });

  it('compares a 429 that shows no key with all the provider’s requests', () => {
    const { results } = analyse([invoice(0, 'a'), invoice(1, 'b'), invoice(2, '', 429)]);
    expect(rateOf(results[2])[0]?.figures).toEqual({ observed: 3, limit: 60, windowSeconds: 60 });
  });

  it('reads Alternative Payments’ limit per second', () => {
    const { results } = analyse([0, 0.2, 0.4, 0.6, 0.8].map((at) => altpay(at)).concat(altpay(0.9, 429)));
    expect(rateOf(results[5])[0]).toMatchObject({
      text: "6 requests to Alternative Payments with the same key in the 1 s ending here, over Alternative Payments' documented 5 per second per API key: space them out.",
      figures: { observed: 6, limit: 5, windowSeconds: 1 },
    });
  });
});

describe('the rate warning', () => {
  it('comes once per burst that reaches 80% of the limit before any 429', () => {
    const first = Array.from({ length: 50 }, (_, i) => invoice(i));
    const second = Array.from({ length: 50 }, (_, i) => invoice(200 + i));
    const { warnings } = analyse([...first, ...second]);
    expect(warnings).toEqual([
      {
        kind: 'rate',
        provider: 'apipay',
        text: '48 requests to ApiPay.kz with the same key within 60 s reached 80% of the documented 60 per 60 s per API key, before any 429: slow down before it refuses requests.',
        related: [47, 97],
        figures: { observed: 48, limit: 60, windowSeconds: 60 },
      },
    ]);
  });

  it('stays silent for a burst below 80%, and after a 429', () => {
    expect(analyse(Array.from({ length: 47 }, (_, i) => invoice(i))).warnings).toEqual([]);
    const { warnings } = analyse([
      invoice(0, KEY, 429),
      ...Array.from({ length: 50 }, (_, i) => invoice(1 + i)),
    ]);
    expect(warnings).toEqual([]);
  });
});
