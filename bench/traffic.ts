/**
 * Generated traffic for the benchmarks: a realistic mix in which about nine requests in
 * ten are the page's own (scripts, images, the shop's API) and one in ten goes to a
 * provider, half of those failing. Deterministic, so runs compare.
 */
import { exchangeFromEntry } from '../lib/har-exchange';
import { alternativePaymentsError } from '../lib/providers/alternative-payments/examples';
import { apipayMessage } from '../lib/providers/apipay/examples';
import { kiotapayError, kiotapaySuccess } from '../lib/providers/kiotapay/examples';
import { payfieldError } from '../lib/providers/payfield/examples';
import { rebellResult } from '../lib/providers/rebell/examples';
import type { Exchange } from '../lib/types';

const STARTED = '2026-11-22T10:00:00.000Z';
const JSON_HEADERS = [{ name: 'content-type', value: 'application/json' }];

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
    created_at: STARTED,
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

const providerCases: Array<
  (seed: number) => Omit<Exchange, 'requestHeaders' | 'responseHeaders' | 'startedDateTime'>
> = [
  (seed) => ({
    method: 'POST',
    url: 'https://api.kiotapay.co/api/v1/payments',
    status: 201,
    responseBody: JSON.stringify(kiotapaySuccess(201, payload(seed))),
  }),
  (seed) => ({
    method: 'POST',
    url: `https://api.kiotapay.co/api/v1/payments/${seed}`,
    status: 401,
    responseBody: JSON.stringify(
      kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token', 'Token expired'),
    ),
  }),
  (seed) => ({
    method: 'POST',
    url: 'https://api.rebellapp.com/v1/payments/pay',
    status: 200,
    responseBody: JSON.stringify({ ...rebellResult('S', 'SUCCESS', 'Success'), payment: payload(seed) }),
  }),
  (seed) => ({
    method: 'POST',
    url: 'https://api.rebellapp.com/v1/payments/pay',
    status: 200,
    responseBody: JSON.stringify({
      ...rebellResult('F', 'RISK_REJECT', 'Rejected by risk system'),
      paymentRequestId: `pr_${seed}`,
    }),
  }),
  (seed) => ({
    method: 'POST',
    url: 'https://api.payfield.io/api/v1/payouts',
    status: 201,
    responseBody: JSON.stringify({ data: payload(seed) }),
  }),
  () => ({
    method: 'POST',
    url: 'https://api.payfield.io/api/v1/payouts',
    status: 422,
    responseBody: JSON.stringify(
      payfieldError('validation_error', 'amount must be a positive decimal string', [
        { field: 'amount', message: 'amount must be a positive decimal string' },
      ]),
    ),
  }),
  (seed) => ({
    method: 'POST',
    url: 'https://api.apipay.kz/api/v1/invoices',
    status: 201,
    responseBody: JSON.stringify({ data: payload(seed) }),
  }),
  () => ({
    method: 'POST',
    url: 'https://api.apipay.kz/api/v1/invoices',
    status: 422,
    responseBody: JSON.stringify(
      apipayMessage('Validation failed', {
        errors: {
          phone_number: ['Phone number must be in format 8XXXXXXXXXX'],
          amount: ['Amount must be between 0.01 and 99999999.99'],
        },
      }),
    ),
  }),
  (seed) => ({
    method: 'GET',
    url: `https://public-api.alternativepayments.io/payment/request/${seed}`,
    status: 200,
    responseBody: JSON.stringify(payload(seed)),
  }),
  (seed) => ({
    method: 'GET',
    url: `https://public-api.alternativepayments.io/payment/request/${seed}`,
    status: 404,
    responseBody: JSON.stringify(alternativePaymentsError(`Payment request ${seed} not found`)),
  }),
];

const pageCases: Array<
  (seed: number) => Omit<Exchange, 'requestHeaders' | 'responseHeaders' | 'startedDateTime'>
> = [
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

/**
 * `count` exchanges, about one in ten to a provider, built from HAR entries by the same
 * exchangeFromEntry the panel's capture and the CLI use, so they have the real shape.
 */
export function generateTraffic(count: number): Exchange[] {
  const traffic: Exchange[] = [];
  for (let i = 0; i < count; i++) {
    const make = (
      i % 10 === 0 ? providerCases[(i / 10) % providerCases.length] : pageCases[i % pageCases.length]
    ) as (typeof providerCases)[number];
    const { method, url, status, responseBody, responseEncoding, mimeType } = make(i);
    // Entries arrive deserialized, from DevTools' protocol or a file: built by JSON.parse,
    // their strings are flat, as the matcher meets them in use.
    const entry = JSON.stringify({
      startedDateTime: STARTED,
      request: { method, url, headers: [] },
      response: {
        status,
        headers: JSON_HEADERS,
        content: { text: responseBody, encoding: responseEncoding, mimeType: mimeType ?? 'application/json' },
      },
    });
    const exchange = exchangeFromEntry(JSON.parse(entry));
    if (typeof exchange === 'string') throw new Error(`generated an unusable entry: ${exchange}`);
    traffic.push(exchange);
  }
  return traffic;
}
