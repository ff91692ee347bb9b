import { describe, expect, it } from 'vitest';
import { createMatcher, diagnose, providerScope } from '../../lib/matcher';
import { alternativePaymentsError } from '../../lib/providers/alternative-payments/examples';
import { apipayBusinessError, apipayMessage } from '../../lib/providers/apipay/examples';
import { kiotapayError, kiotapaySuccess } from '../../lib/providers/kiotapay/examples';
import { payfieldError } from '../../lib/providers/payfield/examples';
import { rebellResult } from '../../lib/providers/rebell/examples';
import { exchange } from '../support/exchange';

const KIOTAPAY = 'https://api.kiotapay.co/api/v1/payments';
const REBELL = 'https://api.rebellapp.com/v1/payments/pay';
const PAYFIELD = 'https://api.payfield.io/api/v1/payouts';
const APIPAY = 'https://api.apipay.kz/api/v1/invoices';
const ALTPAY = 'https://public-api.alternativepayments.io';

describe('host matching', () => {
  it('matches catalog hosts exactly and case-insensitively', () => {
    const body = kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token');
    expect(diagnose(exchange('https://API.KiotaPay.co/api/v1/x', 401, body))).toMatchObject({
      provider: 'kiotapay',
      match: 'host',
    });
    expect(diagnose(exchange('https://api.kiotapay.co:443/api/sandbox/v1/x', 401, body))?.provider).toBe(
      'kiotapay',
    );
  });

  it('does not take look-alike hosts for the provider', () => {
    const body = kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token');
    for (const url of [
      'https://api.kiotapay.co.evil.example/api/v1/x',
      'https://evil-api.kiotapay.co/x',
      'https://kiotapay.co/x',
      'https://shop.example/?next=https://api.kiotapay.co/x',
      'https://api.kiotapay.co@evil.example/x',
    ]) {
      expect(diagnose(exchange(url, 401, body)), url).toBeNull();
    }
  });

  it('knows every host of every provider, sandboxes included', () => {
    const hosts = {
      'sandbox-api.rebellapp.com': 'rebell',
      'bpapi.bazarbay.site': 'apipay',
      'qr.apipay.kz': 'apipay',
      'public-api.demo.alternativepayments.io': 'alternative-payments',
    };
    for (const [host, provider] of Object.entries(hosts)) {
      expect(diagnose(exchange(`https://${host}/x`, 500, ''))?.provider, host).toBe(provider);
    }
  });
});

describe('what is a failure', () => {
  it('never diagnoses preflights, tunnels, redirects, unfinished requests or plain successes', () => {
    expect(diagnose(exchange(KIOTAPAY, 204, '', { method: 'OPTIONS' }))).toBeNull();
    expect(diagnose(exchange(KIOTAPAY, 403, '', { method: 'options' }))).toBeNull();
    // A proxy's recording: its CONNECT to the provider's port 443, refused by the proxy itself.
    expect(diagnose(exchange('http://api.payfield.io:443', 502, '', { method: 'CONNECT' }))).toBeNull();
    expect(diagnose(exchange('https://api.kiotapay.co:443', 407, '', { method: 'connect' }))).toBeNull();
    expect(diagnose(exchange(KIOTAPAY, 302, ''))).toBeNull();
    expect(diagnose(exchange(KIOTAPAY, 0, ''))).toBeNull();
    expect(diagnose(exchange(KIOTAPAY, 201, kiotapaySuccess(201, { status: 'PENDING' })))).toBeNull();
    expect(
      diagnose(exchange(PAYFIELD, 200, { message: 'Payout already exists', code: 'already_exists' })),
    ).toBeNull();
  });

  it('reads Rebell bodies on 2xx: F fails, U is unknown, S and A are not diagnoses', () => {
    expect(diagnose(exchange(REBELL, 200, rebellResult('F', 'RISK_REJECT', 'message')))).toMatchObject({
      outcome: 'failed',
      code: 'RISK_REJECT',
      category: 'payment',
      documented: true,
    });
    expect(diagnose(exchange(REBELL, 200, rebellResult('U', 'PAYMENT_IN_PROCESS', 'message')))).toMatchObject(
      {
        outcome: 'unknown',
        category: 'pending',
        retry: { advice: 'poll' },
      },
    );
    expect(diagnose(exchange(REBELL, 200, rebellResult('S', 'SUCCESS', 'message')))).toBeNull();
    expect(diagnose(exchange(REBELL, 202, rebellResult('A', 'ACCEPT', 'message')))).toBeNull();
  });

  it('reads a 2xx Rebell status however the JSON spells it, in base64 too', () => {
    const escaped = '{"result":{"resultStatus":"\\u0046","resultCode":"RISK_REJECT"}}';
    expect(diagnose(exchange(REBELL, 200, escaped))?.outcome).toBe('failed');
    const spaced = '{ "result" : { "resultStatus" : "U" } }';
    expect(diagnose(exchange(REBELL, 200, spaced))?.outcome).toBe('unknown');
    const encoded = Buffer.from(JSON.stringify(rebellResult('F', 'RISK_REJECT', 'message'))).toString(
      'base64',
    );
    expect(diagnose(exchange(REBELL, 200, encoded, { responseEncoding: 'base64' }))?.outcome).toBe('failed');
  });

  it('explains Rebell’s HTTP statuses by status, and a body’s result before them', () => {
    expect(diagnose(exchange(REBELL, 401, ''))).toMatchObject({
      title: 'Unauthorized',
      meaning: 'Request signature validation failed',
      documented: true,
    });
    expect(diagnose(exchange(REBELL, 429, ''))).toMatchObject({
      category: 'rate-limit',
      retry: { advice: 'backoff' },
    });
    expect(
      diagnose(exchange(REBELL, 429, rebellResult('U', 'REQUEST_TRAFFIC_EXCEED_LIMIT', 'message'))),
    ).toMatchObject({
      outcome: 'unknown',
      meaning: 'Rate limit exceeded',
    });
    expect(diagnose(exchange(REBELL, 500, rebellResult('F', 'BRAND_NEW', 'message')))).toMatchObject({
      title: 'Failed',
      documented: false,
    });
  });

  it('accepts INVALID_CODE for INVALID_AUTH_CODE on payment endpoints only', () => {
    expect(diagnose(exchange(REBELL, 200, rebellResult('F', 'INVALID_CODE', 'message')))?.meaning).toBe(
      'Payment auth code invalid/expired',
    );
    const oauth = 'https://api.rebellapp.com/v1/authorizations/applyToken';
    expect(diagnose(exchange(oauth, 200, rebellResult('F', 'INVALID_CODE', 'message')))?.meaning).toBe(
      'Authorization code invalid',
    );
  });
});

describe('codes the catalog does not know', () => {
  it('uses the provider’s status meaning and says it is undocumented', () => {
    const result = diagnose(exchange(KIOTAPAY, 401, kiotapayError('AUTH_NEW_THING', 'Something new')));
    expect(result).toMatchObject({
      code: 'AUTH_NEW_THING',
      documented: false,
      meaning: 'Unauthorized - Authentication is required.',
    });
  });

  it('falls back to the generic HTTP meaning when the provider documents no such status', () => {
    const result = diagnose(exchange(KIOTAPAY, 418, kiotapayError('TEAPOT', 'I am a teapot')));
    expect(result).toMatchObject({ documented: false, category: 'validation', title: 'Client Error' });
    expect(diagnose(exchange(KIOTAPAY, 502, ''))).toMatchObject({ documented: false, title: 'Bad Gateway' });
  });

  it('uses the result-status row for an unknown Rebell code', () => {
    expect(diagnose(exchange(REBELL, 200, rebellResult('F', 'BRAND_NEW', 'message')))).toMatchObject({
      documented: false,
      title: 'Failed',
      meaning: 'Request failed, check resultCode for details',
    });
  });

  it('marks an unknown Payfield message as undocumented', () => {
    const body = payfieldError('validation_error', 'Something else');
    expect(diagnose(exchange(PAYFIELD, 422, body))).toMatchObject({
      documented: false,
      meaning: 'Unprocessable Entity. Validation or business rule error.',
    });
  });

  it('keeps a status-only diagnosis documented when the body names nothing', () => {
    expect(diagnose(exchange(KIOTAPAY, 503, ''))).toMatchObject({
      documented: true,
      meaning: 'Service Unavailable - The server is temporarily unavailable.',
    });
  });
});

describe('bodies that cannot be read', () => {
  it('falls back to the status for HTML gateway pages and says why', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    expect(diagnose(exchange(KIOTAPAY, 503, html))).toMatchObject({
      code: null,
      meaning: 'Service Unavailable - The server is temporarily unavailable.',
      bodyNote: expect.stringMatching(/HTML page/),
    });
  });

  it('falls back to the status for truncated JSON', () => {
    expect(diagnose(exchange(KIOTAPAY, 401, '{"error":{"code":"AUTH_INVA'))).toMatchObject({
      code: null,
      title: 'Unauthorized',
      bodyNote: expect.stringMatching(/not valid JSON/),
    });
  });

  it('calls a body binary, not broken JSON, when it opens like JSON', () => {
    expect(diagnose(exchange(KIOTAPAY, 500, '{"error":"\u0000"}'))?.bodyNote).toMatch(/binary/);
    expect(diagnose(exchange(KIOTAPAY, 500, '[\u0001\u0002\u0003\u0004]'))?.bodyNote).toMatch(/binary/);
    expect(diagnose(exchange(KIOTAPAY, 500, ' \n{"error":\u0001}'))?.bodyNote).toMatch(/not valid JSON/);
  });

  it('decodes base64 bodies, and says when they are not base64 or not text', () => {
    const body = Buffer.from(
      JSON.stringify(kiotapayError('INSUFFICIENT_FUNDS', 'Insufficient funds')),
    ).toString('base64');
    expect(diagnose(exchange(KIOTAPAY, 402, body, { responseEncoding: 'base64' }))?.code).toBe(
      'INSUFFICIENT_FUNDS',
    );
    expect(
      diagnose(exchange(KIOTAPAY, 500, '%%%not base64', { responseEncoding: 'base64' }))?.bodyNote,
    ).toMatch(/not valid base64/);
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]).toString('base64');
    expect(diagnose(exchange(KIOTAPAY, 500, binary, { responseEncoding: 'base64' }))?.bodyNote).toMatch(
      /binary/,
    );
  });

  it('does not parse bodies above the limit', () => {
    const huge = JSON.stringify(kiotapayError('SERVER_ERROR', 'x'.repeat(1_100_000)));
    expect(diagnose(exchange(KIOTAPAY, 500, huge))).toMatchObject({
      code: null,
      title: 'Internal Server Error',
      bodyNote: expect.stringMatching(/larger than 1 MB/),
    });
  });

  it('reads JSON that starts with a byte-order mark', () => {
    const body = `\ufeff${JSON.stringify(kiotapayError('INSUFFICIENT_FUNDS', 'Insufficient funds'))}`;
    expect(diagnose(exchange(KIOTAPAY, 402, body))?.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('diagnoses empty bodies by status', () => {
    expect(diagnose(exchange(KIOTAPAY, 404, ''))?.title).toBe('Not Found');
    expect(diagnose(exchange(KIOTAPAY, 404))?.title).toBe('Not Found');
  });
});

describe('what the body says', () => {
  it('reads Kiotapay’s top-level errorCode shape too', () => {
    expect(
      diagnose(
        exchange(KIOTAPAY, 400, {
          errorCode: 'REQ_MISSING_FIELD',
          message: 'Missing required field',
          statusCode: '400',
        }),
      ),
    ).toMatchObject({
      code: 'REQ_MISSING_FIELD',
      documented: true,
      meaning: 'A required field is missing in the request.',
    });
  });

  it('lists field errors from Payfield errors[] and ApiPay errors{}', () => {
    const payfield = payfieldError('validation_error', 'amount must be a positive decimal string', [
      { field: 'amount', message: 'amount must be a positive decimal string' },
    ]);
    expect(diagnose(exchange(PAYFIELD, 422, payfield))?.fields).toEqual([
      { field: 'amount', message: 'amount must be a positive decimal string' },
    ]);
    const apipay = apipayMessage('Validation failed', {
      errors: {
        phone_number: ['Phone number must be in format 8XXXXXXXXXX'],
        amount: ['Amount must be between 0.01 and 99999999.99'],
      },
    });
    expect(diagnose(exchange(APIPAY, 422, apipay))?.fields).toEqual([
      { field: 'phone_number', message: 'Phone number must be in format 8XXXXXXXXXX' },
      { field: 'amount', message: 'Amount must be between 0.01 and 99999999.99' },
    ]);
  });

  it('matches messages that carry a value by pattern', () => {
    const mismatch = (message: string) => payfieldError('validation_error', message);
    for (const message of [
      'Shop currency mismatch. Expected KZT.',
      'Shop currency mismatch. Expected USD.',
    ]) {
      expect(diagnose(exchange(PAYFIELD, 422, mismatch(message))), message).toMatchObject({
        documented: true,
        remedy: 'Use the shop currency.',
        message,
      });
    }
    expect(
      diagnose(exchange(PAYFIELD, 422, mismatch('Insufficient balance. Available: 10.00 KZT')))?.remedy,
    ).toBe('Top up balance or reduce amount.');
    expect(
      diagnose(exchange(PAYFIELD, 404, mismatch("Shop with code 'X' not found or inactive")))?.category,
    ).toBe('not-found');
  });

  it('matches Alternative Payments rows on method and path as well as status', () => {
    expect(
      diagnose(exchange(`${ALTPAY}/oauth/token`, 403, alternativePaymentsError('forbidden')))?.meaning,
    ).toBe('Wrong client_id / client_secret or bad Basic Auth header');
    expect(diagnose(exchange(`${ALTPAY}/payment/request/abc`, 403, '', { method: 'GET' }))).toMatchObject({
      documented: false,
      title: 'Forbidden',
    });
    expect(
      diagnose(exchange(`${ALTPAY}/payment/request/pr_123?x=1`, 404, '', { method: 'GET' }))?.remedy,
    ).toBe('Confirm the ID and that you are using the correct base URL (sandbox vs. production)');
    expect(
      diagnose(exchange(`${ALTPAY}/payment/request/pr_123`, 404, '', { method: 'DELETE' }))?.documented,
    ).toBe(false);
    expect(
      diagnose(exchange(`${ALTPAY}/anything`, 401, alternativePaymentsError('Token expired'))),
    ).toMatchObject({
      message: 'Token expired',
      documented: true,
      category: 'auth',
    });
  });

  it('gives the stated wait when the response states one', () => {
    const limited = apipayMessage('Too many requests. Please retry after 60 seconds.', { retryAfter: 60 });
    expect(diagnose(exchange(APIPAY, 429, limited))?.retry).toEqual({ advice: 'after', afterSeconds: 60 });
    const newer = {
      ...apipayBusinessError('Tariff limit reached', 'tariff_limit_reached', 'Limit'),
      retry_after_seconds: 3600,
    };
    expect(diagnose(exchange(APIPAY, 429, newer))?.retry).toEqual({ advice: 'after', afterSeconds: 3600 });
    const header = exchange(`${ALTPAY}/x`, 429, '', {
      responseHeaders: [{ name: 'retry-after', value: '7' }],
    });
    expect(diagnose(header)?.retry).toEqual({ advice: 'after', afterSeconds: 7 });
    const date = exchange(`${ALTPAY}/x`, 503, '', {
      responseHeaders: [{ name: 'Retry-After', value: 'Sun, 22 Nov 2026 10:00:30 GMT' }],
    });
    expect(diagnose(date)?.retry).toEqual({ advice: 'after', afterSeconds: 30 });
    expect(diagnose(exchange(APIPAY, 429, { message: 'Too many requests.' }))?.retry).toEqual({
      advice: 'backoff',
    });
  });

  it('does not advise retrying an expired Kaspi session, whatever the headers say', () => {
    const response = exchange(
      APIPAY,
      503,
      { message: 'Kaspi session expired' },
      {
        responseHeaders: [{ name: 'Retry-After', value: '30' }],
      },
    );
    expect(diagnose(response)).toMatchObject({
      retry: { advice: 'no' },
      remedy: 'Contact support to reconnect Kaspi Business session.',
    });
    expect(diagnose(exchange(APIPAY, 502, { message: 'Kaspi API error' }))?.retry.advice).toBe('backoff');
  });

  it('shortens huge messages instead of carrying them whole', () => {
    const message = 'm'.repeat(50_000);
    const result = diagnose(exchange(KIOTAPAY, 400, kiotapayError('REQ_BAD_REQUEST', message)));
    expect(result?.message?.length).toBeLessThan(2_100);
    expect(result?.documented).toBe(true);
  });
});

describe('relayed errors (anyHost)', () => {
  const relay = 'https://shop.example/api/checkout';
  const anyHost = createMatcher({ anyHost: true });

  it('is off by default', () => {
    expect(diagnose(exchange(relay, 200, rebellResult('F', 'RISK_REJECT', 'message')))).toBeNull();
  });

  it('labels precise provider shapes on any host as fingerprint matches', () => {
    expect(anyHost(exchange(relay, 200, rebellResult('F', 'RISK_REJECT', 'message')))).toMatchObject({
      provider: 'rebell',
      match: 'fingerprint',
    });
    const payfield = payfieldError('unauthorized', 'Invalid API key');
    expect(anyHost(exchange(relay, 502, payfield))).toMatchObject({
      provider: 'payfield',
      match: 'fingerprint',
    });
    const apipay = apipayBusinessError('Kaspi session', 'kaspi_session_invalid', 'Kaspi session is invalid');
    expect(anyHost(exchange(relay, 500, apipay))).toMatchObject({ provider: 'apipay', match: 'fingerprint' });
    expect(
      anyHost(exchange(relay, 401, kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token'))),
    ).toMatchObject({
      provider: 'kiotapay',
      match: 'fingerprint',
    });
  });

  it('never labels generic error bodies', () => {
    for (const body of [
      { code: 'ERR' },
      { errorCode: 'E1' },
      { error: { code: 'boom' } },
      { code: 'ERR', error: 'x' },
      { error: 'boom' },
      { message: 'Server Error' },
      { message: 'Invalid API key' },
      { error: { code: 'SERVER_ERROR', message: 'Something broke' } },
      { error: { message: 'Bad request' } },
      { message: 'Validation failed', errors: { email: ['required'] } },
      { result: { resultStatus: 'X', resultCode: 'Y' } },
    ]) {
      expect(anyHost(exchange(relay, 500, body)), JSON.stringify(body)).toBeNull();
    }
  });
});

describe('options', () => {
  it('limits diagnoses to the chosen providers', () => {
    const onlyRebell = createMatcher({ providers: ['rebell'] });
    expect(onlyRebell(exchange(KIOTAPAY, 500, ''))).toBeNull();
    expect(onlyRebell(exchange(REBELL, 429, ''))?.provider).toBe('rebell');
  });

  it('matches the user’s own hosts like catalog hosts, wildcards only below their parent', () => {
    const matcher = createMatcher({
      hosts: { 'pay.mycompany.test': 'kiotapay', '*.sandbox.example': 'payfield' },
    });
    expect(matcher(exchange('https://pay.mycompany.test/x', 500, ''))).toMatchObject({
      provider: 'kiotapay',
      match: 'host',
    });
    expect(matcher(exchange('https://eu.sandbox.example/x', 500, ''))?.provider).toBe('payfield');
    expect(matcher(exchange('https://a.b.sandbox.example/x', 500, ''))?.provider).toBe('payfield');
    expect(matcher(exchange('https://sandbox.example/x', 500, ''))).toBeNull();
    expect(matcher(exchange('https://evilsandbox.example/x', 500, ''))).toBeNull();
  });

  it('answers a URL asked again as it did: the matcher and the analyzer ask in turn', () => {
    const { lookup } = providerScope({ hosts: { 'pay.mycompany.test': 'kiotapay' } });
    for (const url of [
      'https://pay.mycompany.test/a',
      'https://pay.mycompany.test/a',
      'https://shop.example/',
    ]) {
      const first = lookup(url);
      expect(lookup(url)).toBe(first);
    }
    expect(lookup('https://pay.mycompany.test/a')?.id).toBe('kiotapay');
    expect(lookup('https://shop.example/')).toBeUndefined();
  });
});

describe('bounds', () => {
  it('lists at most 200 field errors and says how many more the body holds', () => {
    const errors = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`field_${i}`, ['bad']]));
    const fields = diagnose(exchange(APIPAY, 422, { message: 'Validation failed', errors }))?.fields ?? [];
    expect(fields).toHaveLength(201);
    expect(fields[200]).toEqual({ field: '…', message: '800 more field errors in the response body' });
  });
});
