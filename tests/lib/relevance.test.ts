import { describe, expect, it } from 'vitest';
import { createInterest, createRelevance, isJsonMimeType } from '../../lib/relevance';

const request = (url: string, overrides: { method?: string; status?: number; mimeType?: string } = {}) => ({
  method: overrides.method ?? 'POST',
  url,
  status: overrides.status ?? 400,
  mimeType: overrides.mimeType,
});

describe('createRelevance', () => {
  const relevant = createRelevance();

  it('reads provider hosts, successes included (Rebell fails inside HTTP 200)', () => {
    expect(relevant(request('https://api.kiotapay.co/api/v1/payments'))).toBe(true);
    expect(relevant(request('https://api.rebellapp.com/v1/payments/pay', { status: 200 }))).toBe(true);
  });

  it('never reads scripts, images or pages of other hosts', () => {
    expect(
      relevant(
        request('https://shop.example/app.js', { method: 'GET', status: 200, mimeType: 'text/javascript' }),
      ),
    ).toBe(false);
    expect(
      relevant(
        request('https://cdn.example/logo.png', { method: 'GET', status: 200, mimeType: 'image/png' }),
      ),
    ).toBe(false);
    expect(relevant(request('https://shop.example/api/pay', { mimeType: 'application/json' }))).toBe(false);
  });

  it('skips preflights, redirects and unfinished requests even on provider hosts', () => {
    expect(relevant(request('https://api.kiotapay.co/x', { method: 'OPTIONS', status: 204 }))).toBe(false);
    expect(relevant(request('https://api.kiotapay.co/x', { status: 302 }))).toBe(false);
    expect(relevant(request('https://api.kiotapay.co/x', { status: 0 }))).toBe(false);
  });

  it('reads the user’s own hosts, and only those of enabled providers', () => {
    const mine = createRelevance({ hosts: { '*.pay.example.com': 'kiotapay' } });
    expect(mine(request('https://eu.pay.example.com/v1'))).toBe(true);
    expect(mine(request('https://pay.example.com/v1'))).toBe(false);
    const onlyRebell = createRelevance({ providers: ['rebell'] });
    expect(onlyRebell(request('https://api.kiotapay.co/x'))).toBe(false);
    expect(onlyRebell(request('https://api.rebellapp.com/x'))).toBe(true);
  });

  it('with anyHost, also reads JSON responses of any host, and still no scripts', () => {
    const any = createRelevance({ anyHost: true });
    expect(any(request('https://backend.example/pay', { mimeType: 'application/json; charset=utf-8' }))).toBe(
      true,
    );
    expect(any(request('https://backend.example/pay', { mimeType: 'application/problem+json' }))).toBe(true);
    expect(any(request('https://shop.example/app.js', { status: 200, mimeType: 'text/javascript' }))).toBe(
      false,
    );
    expect(any(request('https://shop.example/page', { status: 500, mimeType: 'text/html' }))).toBe(false);
  });
});

describe('isJsonMimeType', () => {
  it('knows JSON from look-alikes', () => {
    expect(isJsonMimeType('application/json')).toBe(true);
    expect(isJsonMimeType('text/json')).toBe(true);
    expect(isJsonMimeType('application/vnd.api+json')).toBe(true);
    expect(isJsonMimeType('application/jsonp')).toBe(false);
    expect(isJsonMimeType('text/html')).toBe(false);
    expect(isJsonMimeType(undefined)).toBe(false);
  });
});

describe('createInterest', () => {
  const interest = createInterest();

  it('reads a token endpoint’s success whole: it issues the token that later expires', () => {
    expect(interest(request('https://api.kiotapay.co/api/v1/get-token', { status: 200 }))).toBe('body');
    expect(interest(request('https://api.kiotapay.co/api/sandbox/v1/get-token', { status: 200 }))).toBe(
      'body',
    );
    expect(interest(request('https://public-api.alternativepayments.io/oauth/token', { status: 200 }))).toBe(
      'body',
    );
  });

  it('reads the JSON successes of a provider with two environments: they return the ids the other does not find', () => {
    const created = { status: 201, mimeType: 'application/json; charset=utf-8' };
    expect(interest(request('https://public-api.demo.alternativepayments.io/payment/request', created))).toBe(
      'body',
    );
    expect(interest(request('https://api.kiotapay.co/api/sandbox/v1/payments', created))).toBe('body');
    // A capture that states no type may still hold JSON.
    expect(interest(request('https://api.kiotapay.co/api/v1/payments', { method: 'GET', status: 200 }))).toBe(
      'body',
    );
    expect(
      interest(
        request('https://public-api.alternativepayments.io/checkout', { status: 200, mimeType: 'text/html' }),
      ),
    ).toBe('headers');
  });

  it('keeps the headers of a provider’s other successes, for their clocks, and reads no body', () => {
    expect(interest(request('https://api.payfield.io/api/v1/payouts', { status: 201 }))).toBe('headers');
    expect(
      interest(
        request('https://api.apipay.kz/api/v1/invoices', { status: 200, mimeType: 'application/json' }),
      ),
    ).toBe('headers');
  });

  it('keeps nothing of other hosts’ traffic, preflights or redirects', () => {
    expect(interest(request('https://shop.example/api/pay', { status: 200 }))).toBeNull();
    expect(interest(request('https://api.payfield.io/x', { method: 'OPTIONS', status: 204 }))).toBeNull();
    expect(interest(request('https://api.payfield.io/x', { status: 302 }))).toBeNull();
  });
});
