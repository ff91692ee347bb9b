/**
 * Generated traffic for the benchmarks: a realistic mix in which about nine requests in
 * ten are the page's own (scripts, images, the shop's API) and one in ten goes to a
 * provider, half of those failing. Provider requests carry what their integrations send
 * (credentials, timestamps, signatures, bodies with the merchant's keys) and their answers a
 * server Date, so that every kind of the session analyzer has its reading to do. Requests
 * start 50 ms apart. Deterministic, so runs compare.
 */
import { exchangeFromEntry } from '../lib/har-exchange';
import { alternativePaymentsError } from '../lib/providers/alternative-payments/examples';
import { apipayMessage } from '../lib/providers/apipay/examples';
import { kiotapayError, kiotapaySuccess } from '../lib/providers/kiotapay/examples';
import { payfieldError } from '../lib/providers/payfield/examples';
import { rebellResult } from '../lib/providers/rebell/examples';
import type { Exchange } from '../lib/types';

const STARTED_MS = Date.parse('2026-11-22T10:00:00.000Z');
const APART_MS = 50;
const JSON_HEADERS = [{ name: 'content-type', value: 'application/json' }];

type Header = { name: string; value: string };
type Case = Omit<Exchange, 'requestHeaders' | 'responseHeaders' | 'startedDateTime'> & {
  requestHeaders?: Header[];
  responseHeaders?: Header[];
};

/** What each provider's integration sends, by the documents (providers.md), at `startMs`. */
const sent = {
  kiotapay: (): Header[] => [{ name: 'Authorization', value: 'Bearer kp_3f9a1c2e7b5d4a6f8e0c1b2a3d4e5f60' }],
  rebell: (startMs: number): Header[] => [
    { name: 'Client-Id', value: '2022091234567890' },
    { name: 'Request-Time', value: new Date(startMs).toISOString().replace('.000Z', 'Z') },
    {
      name: 'Signature',
      value: 'algorithm=RSA256, keyVersion=1, signature=c2lnbmF0dXJlLW9mLXRoZS1yZXF1ZXN0',
    },
  ],
  payfield: (startMs: number): Header[] => [
    { name: 'X-API-Key', value: 'pk_live_5b1e2d3c4a5f6e7d8c9b' },
    { name: 'X-Timestamp', value: String(Math.floor(startMs / 1000)) },
    { name: 'X-Signature', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
  ],
  apipay: (): Header[] => [{ name: 'X-API-Key', value: 'ak_live_0c1d2e3f4a5b6c7d8e9f' }],
  alternativePayments: (): Header[] => [
    {
      name: 'Authorization',
      value: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaG9wIiwiZXhwIjoxNzk1MDAwMDAwfQ.c2ln',
    },
  ],
};

/** A server's answer headers: its Date, and a request id most providers add. */
function answered(startMs: number, seed: number): Header[] {
  return [
    ...JSON_HEADERS,
    { name: 'date', value: new Date(startMs + 40).toUTCString() },
    { name: 'x-request-id', value: `req_${seed.toString(36)}` },
  ];
}

function pad(text: string, bytes: number): string {
  return text.length >= bytes ? text : text + ' '.repeat(bytes - text.length);
}

/** A provider success with a realistic payload of about one kilobyte. */
function payload(seed: number) {
  return {
    id: `op_${seed.toString(36)}`,
    amount: String(1000 + (seed % 9000)),
    currency: 'KZT',
    status: 'PENDING',
    created_at: '2026-11-22T10:00:00.000Z',
    customer: { phone: '87071234567', email: `buyer${seed}@example.com`, name: 'Aigerim Bekova' },
    items: Array.from({ length: 6 }, (_, i) => ({
      sku: `SKU-${seed}-${i}`,
      title: 'Cotton scarf, blue',
      qty: 1 + (i % 3),
      price: '1990.00',
    })),
    metadata: { order: `ORD-${seed}`, channel: 'web', campaign: 'winter-sale' },
  };
}

/** A request body of the provider's kind, with the merchant's key for the operation. */
const bodies = {
  kiotapay: (seed: number) => ({
    amount: '1990.00',
    currency: 'KES',
    phone: '254712345678',
    reference: `ORD-${seed}`,
  }),
  rebell: (seed: number) => ({
    paymentRequestId: `pr_${seed}`,
    paymentAmount: { currency: 'EUR', value: '1990' },
    order: { orderDescription: 'Cotton scarf, blue' },
  }),
  payfield: (seed: number) => ({
    external_id: `ext_${seed}`,
    amount: '1500.00',
    currency: 'KZT',
    card_number: '4111111111111111',
  }),
  apipay: (seed: number) => ({ amount: 1990, phone_number: '87071234567', description: `ORD-${seed}` }),
};

const providerCases: Array<(seed: number, startMs: number) => Case> = [
  (seed, startMs) => ({
    method: 'POST',
    url: 'https://api.kiotapay.co/api/v1/payments',
    status: 201,
    requestHeaders: sent.kiotapay(),
    requestBody: JSON.stringify(bodies.kiotapay(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify(kiotapaySuccess(201, payload(seed))),
  }),
  (seed, startMs) => ({
    method: 'POST',
    url: `https://api.kiotapay.co/api/v1/payments/${seed}`,
    status: 401,
    requestHeaders: sent.kiotapay(),
    requestBody: JSON.stringify(bodies.kiotapay(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify(
      kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token', 'Token expired'),
    ),
  }),
  (seed, startMs) => ({
    method: 'POST',
    url: 'https://api.rebellapp.com/v1/payments/pay',
    status: 200,
    requestHeaders: sent.rebell(startMs),
    requestBody: JSON.stringify(bodies.rebell(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify({ ...rebellResult('S', 'SUCCESS', 'Success'), payment: payload(seed) }),
  }),
  (seed, startMs) => ({
    method: 'POST',
    url: 'https://api.rebellapp.com/v1/payments/pay',
    status: 200,
    requestHeaders: sent.rebell(startMs),
    requestBody: JSON.stringify(bodies.rebell(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify({
      ...rebellResult('F', 'RISK_REJECT', 'Rejected by risk system'),
      paymentRequestId: `pr_${seed}`,
    }),
  }),
  (seed, startMs) => ({
    method: 'POST',
    url: 'https://api.payfield.io/api/v1/payouts',
    status: 201,
    requestHeaders: sent.payfield(startMs),
    requestBody: JSON.stringify(bodies.payfield(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify({ data: payload(seed) }),
  }),
  (seed, startMs) => ({
    method: 'POST',
    url: 'https://api.payfield.io/api/v1/payouts',
    status: 422,
    requestHeaders: sent.payfield(startMs),
    requestBody: JSON.stringify(bodies.payfield(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify(
      payfieldError('validation_error', 'amount must be a positive decimal string', [
        { field: 'amount', message: 'amount must be a positive decimal string' },
      ]),
    ),
  }),
  (seed, startMs) => ({
    method: 'POST',
    url: 'https://api.apipay.kz/api/v1/invoices',
    status: 201,
    requestHeaders: sent.apipay(),
    requestBody: JSON.stringify(bodies.apipay(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify({ data: payload(seed) }),
  }),
  (seed, startMs) => ({
    method: 'POST',
    url: 'https://api.apipay.kz/api/v1/invoices',
    status: 422,
    requestHeaders: sent.apipay(),
    requestBody: JSON.stringify(bodies.apipay(seed)),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify(
      apipayMessage('Validation failed', {
        errors: {
          phone_number: ['Phone number must be in format 8XXXXXXXXXX'],
          amount: ['Amount must be between 0.01 and 99999999.99'],
        },
      }),
    ),
  }),
  (seed, startMs) => ({
    method: 'GET',
    url: `https://public-api.alternativepayments.io/payment/request/${seed}`,
    status: 200,
    requestHeaders: sent.alternativePayments(),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify(payload(seed)),
  }),
  (seed, startMs) => ({
    method: 'GET',
    url: `https://public-api.alternativepayments.io/payment/request/${seed}`,
    status: 404,
    requestHeaders: sent.alternativePayments(),
    responseHeaders: answered(startMs, seed),
    responseBody: JSON.stringify(alternativePaymentsError(`Payment request ${seed} not found`)),
  }),
];

const pageCases: Array<(seed: number) => Case> = [
  (seed) => ({
    method: 'GET',
    url: `https://shop.example/assets/app.${seed % 50}.js`,
    status: 200,
    mimeType: 'application/javascript',
    responseBody: pad('(()=>{})();', 2000),
  }),
  (seed) => ({
    method: 'GET',
    url: `https://cdn.shop.example/img/product-${seed % 300}.png`,
    status: 200,
    mimeType: 'image/png',
    responseBody:
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    responseEncoding: 'base64',
  }),
  (seed) => ({
    method: 'GET',
    url: `https://shop.example/api/cart?session=${seed}`,
    status: 200,
    mimeType: 'application/json',
    responseBody: JSON.stringify({ items: seed % 5, total: '5990.00' }),
  }),
  () => ({ method: 'POST', url: 'https://analytics.example/collect', status: 204, responseBody: '' }),
  (seed) => ({
    method: 'GET',
    url: `https://shop.example/api/products/${seed}`,
    status: 404,
    mimeType: 'application/json',
    responseBody: JSON.stringify({ message: 'Not found' }),
  }),
  () => ({
    method: 'OPTIONS',
    url: 'https://api.kiotapay.co/api/v1/payments',
    status: 204,
    responseBody: '',
  }),
];

/** The preflight among the page's cases: a provider's host, but the browser's request. */
const PREFLIGHT_CASE = pageCases.findIndex((make) => make(0).method === 'OPTIONS');

/** Which case makes exchange `i`: with `providersFail`, each provider success and preflight is a failure. */
function caseOf(i: number, providersFail: boolean): (seed: number, startMs: number) => Case {
  if (i % 10 === 0) {
    const index = (i / 10) % providerCases.length;
    // The cases come in pairs, a success then a failure of the same provider.
    return providerCases[providersFail ? index | 1 : index] as (typeof providerCases)[number];
  }
  const index = i % pageCases.length;
  if (providersFail && index === PREFLIGHT_CASE) return providerCases[1] as (typeof providerCases)[number];
  return pageCases[index] as (typeof pageCases)[number];
}

/**
 * `count` exchanges from the `from`-th on, about one in ten to a provider, built from HAR
 * entries by the same exchangeFromEntry the panel's capture and the CLI use, so they have the
 * real shape. Each has its own seed and start time, so a file written in blocks never repeats.
 */
export function generateTraffic(
  count: number,
  { from = 0, providersFail = false }: { from?: number; providersFail?: boolean } = {},
): Exchange[] {
  const traffic: Exchange[] = [];
  for (let i = from; i < from + count; i++) {
    const make = caseOf(i, providersFail);
    const startMs = STARTED_MS + i * APART_MS;
    const made = make(i, startMs);
    // Entries arrive deserialized, from DevTools' protocol or a file: built by JSON.parse,
    // their strings are flat, as the matcher meets them in use.
    const entry = JSON.stringify({
      startedDateTime: new Date(startMs).toISOString(),
      request: {
        method: made.method,
        url: made.url,
        headers: made.requestHeaders ?? [{ name: 'accept', value: '*/*' }],
        ...(made.requestBody === undefined
          ? {}
          : { postData: { mimeType: 'application/json', text: made.requestBody } }),
      },
      response: {
        status: made.status,
        headers: made.responseHeaders ?? JSON_HEADERS,
        content: {
          text: made.responseBody,
          encoding: made.responseEncoding,
          mimeType: made.mimeType ?? 'application/json',
        },
      },
    });
    const exchange = exchangeFromEntry(JSON.parse(entry));
    if (typeof exchange === 'string') throw new Error(`generated an unusable entry: ${exchange}`);
    traffic.push(exchange);
  }
  return traffic;
}
