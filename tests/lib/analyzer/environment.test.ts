import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../lib/analyzer';
import {
  environmentOf as environmentOfUrl,
  IDS_KEPT_PER_ENVIRONMENT,
} from '../../../lib/analyzer/environment';
import { providerById } from '../../../lib/providers';
import { analyse, call } from '../../support/session';

const ALTPAY_PRODUCTION = 'https://public-api.alternativepayments.io';
const ALTPAY_SANDBOX = 'https://public-api.demo.alternativepayments.io';
const REBELL_PRODUCTION = 'https://api.rebellapp.com';
const REBELL_SANDBOX = 'https://sandbox-api.rebellapp.com';
const PAYMENT_ID = '3f0c9a52-6d1e-4c8b-9f2a-5b7e1d4c8a90';

/** A payment request as the sandbox creates it: the reply holds its UUID. */
const altpayCreate = (base: string, id: string, at = 0) =>
  call({
    url: `${base}/payment/request`,
    status: 201,
    at,
    sent: { amount: 2500, currency: 'USD', redirect_url: 'https://shop.example/done' },
    body: { id, status: 'pending', amount: 2500, currency: 'USD', checkout_url: `https://pay.example/${id}` },
  });

const altpayGet = (base: string, id: string, at = 10) =>
  call({
    method: 'GET',
    url: `${base}/payment/request/${id}`,
    status: 404,
    at,
    body: { error: { message: `Payment request ${id} not found` } },
  });

const rebellNotFound = (base: string, sent: unknown, code = 'ORDER_NOT_EXIST') =>
  call({
    url: `${base}/v1/payments/inquiryPayment`,
    status: 200,
    at: 20,
    sent,
    body: { result: { resultStatus: 'F', resultCode: code, resultMessage: 'Payment/order not found' } },
  });

const environmentOf = (result: { insights: Insight[] } | undefined) =>
  result?.insights.filter((insight) => insight.kind === 'environment') ?? [];

describe('an id asked for in the other environment', () => {
  it('relates an Alternative Payments 404 in production to the sandbox create that returned the id', () => {
    const { results, warnings } = analyse([
      altpayCreate(ALTPAY_SANDBOX, PAYMENT_ID),
      altpayGet(ALTPAY_PRODUCTION, PAYMENT_ID),
    ]);
    expect(results[1]?.diagnosis?.category).toBe('not-found');
    expect(environmentOf(results[1])).toEqual([
      {
        kind: 'environment',
        text: "This id was returned by a success on Alternative Payments' sandbox (public-api.demo.alternativepayments.io) but was asked for on production (public-api.alternativepayments.io): use the sandbox base URL, or an id created in production.",
        related: [0],
        figures: {
          createdOn: 'public-api.demo.alternativepayments.io',
          requestedOn: 'public-api.alternativepayments.io',
          environment: 'sandbox',
        },
      },
    ]);
    expect(warnings).toEqual([
      {
        kind: 'environment',
        provider: 'alternative-payments',
        text: "This capture talks to both Alternative Payments' sandbox (public-api.demo.alternativepayments.io) and production (public-api.alternativepayments.io): an id created in one is not found in the other.",
        related: [0, 1],
        figures: { environments: ['sandbox', 'production'] },
      },
    ]);
  });

  it("reads Rebell's ids from the request body, refunds too, in either direction", () => {
    const created = call({
      url: `${REBELL_PRODUCTION}/v1/payments/retailPay`,
      status: 200,
      sent: { paymentRequestId: 'pr-20261122-0042', paymentAmount: { currency: 'EUR', value: '1990' } },
      body: {
        result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'Success' },
        paymentId: '20261122114010800100188820200000042',
        refundId: 'rf-881',
      },
    });
    const { results } = analyse([
      created,
      rebellNotFound(REBELL_SANDBOX, { paymentId: '20261122114010800100188820200000042' }),
      rebellNotFound(REBELL_SANDBOX, { refundId: 'rf-881' }, 'REFUND_NOT_EXIST'),
    ]);
    for (const result of results.slice(1)) {
      expect(environmentOf(result)).toEqual([
        expect.objectContaining({
          related: [0],
          figures: {
            createdOn: 'api.rebellapp.com',
            requestedOn: 'sandbox-api.rebellapp.com',
            environment: 'production',
          },
        }),
      ]);
    }
  });

  it('tells Kiotapay environments apart by path on one host', () => {
    const { results, warnings } = analyse([
      call({
        url: 'https://api.kiotapay.co/api/sandbox/v1/payments',
        status: 201,
        body: { status: 201, message: 'Success', data: { id: 'pay_7Hq2', status: 'PENDING' } },
      }),
      call({
        method: 'GET',
        url: 'https://api.kiotapay.co/api/v1/payments/pay_7Hq2',
        status: 404,
        at: 5,
        body: { error: { code: 'RESOURCE_NOT_FOUND', message: 'Resource not found', details: '' } },
      }),
    ]);
    expect(environmentOf(results[1])[0]).toMatchObject({
      figures: {
        createdOn: 'api.kiotapay.co/api/sandbox/v1',
        requestedOn: 'api.kiotapay.co/api/v1',
        environment: 'sandbox',
      },
    });
    expect(warnings.map(({ kind, figures }) => ({ kind, figures }))).toEqual([
      { kind: 'environment', figures: { environments: ['sandbox', 'production'] } },
    ]);
  });

  it('says nothing for a different id, an id the environment itself returned, or a capture in one environment', () => {
    const other = analyse([
      altpayCreate(ALTPAY_SANDBOX, PAYMENT_ID),
      altpayGet(ALTPAY_PRODUCTION, '9b1d2e3f-0000-4000-8000-000000000001'),
    ]);
    expect(environmentOf(other.results[1])).toEqual([]);
    expect(other.warnings.map(({ kind }) => kind)).toEqual(['environment']);

    const both = analyse([
      altpayCreate(ALTPAY_SANDBOX, PAYMENT_ID),
      altpayCreate(ALTPAY_PRODUCTION, PAYMENT_ID, 1),
      altpayGet(ALTPAY_PRODUCTION, PAYMENT_ID),
    ]);
    expect(environmentOf(both.results[2])).toEqual([]);

    const single = analyse([
      altpayCreate(ALTPAY_PRODUCTION, PAYMENT_ID),
      altpayGet(ALTPAY_PRODUCTION, 'nope'),
    ]);
    expect(environmentOf(single.results[1])).toEqual([]);
    expect(single.warnings).toEqual([]);
  });

  it('forgets the oldest ids past its bound', () => {
    const creates = Array.from({ length: IDS_KEPT_PER_ENVIRONMENT + 1 }, (_, i) =>
      altpayCreate(ALTPAY_SANDBOX, `id-${i}`, i),
    );
    const { results } = analyse([
      ...creates,
      altpayGet(ALTPAY_PRODUCTION, 'id-0', 999),
      altpayGet(ALTPAY_PRODUCTION, 'id-1', 999),
    ]);
    expect(environmentOf(results.at(-2))).toEqual([]);
    expect(environmentOf(results.at(-1))).toHaveLength(1);
  });
});

describe('the environment of a URL', () => {
  const named = (id: string, url: string) => {
    const provider = providerById(id);
    if (!provider) throw new Error(`no provider ${id}`);
    return environmentOfUrl(provider, url)?.name;
  };

  it.each([
    ['rebell', 'https://api.rebellapp.com/v1/payments/pay', 'production'],
    ['rebell', 'https://sandbox-api.rebellapp.com/v1/payments/pay', 'sandbox'],
    ['rebell', 'https://SANDBOX-API.RebellApp.com/v1/payments/pay', 'sandbox'],
    ['rebell', 'https://sandbox-api.rebellapp.com:443/v1/x', 'sandbox'],
    ['rebell', 'https://user@sandbox-api.rebellapp.com/v1/x', 'sandbox'],
    ['rebell', 'https://sandbox-api.rebellapp.com./v1/x', 'sandbox'],
    ['rebell', 'https://sandbox-api.rebellapp.com?x=1', 'sandbox'],
    ['kiotapay', 'https://api.kiotapay.co/api/v1/payments', 'production'],
    ['kiotapay', 'https://api.kiotapay.co/api/sandbox/v1/payments', 'sandbox'],
    ['kiotapay', 'https://API.KIOTAPAY.CO/api/sandbox/v1/payments', 'sandbox'],
    ['kiotapay', 'https://api.kiotapay.co:8443/api/v1/payments', 'production'],
    ['kiotapay', 'https://api.kiotapay.co/other/v1/payments', undefined],
    ['kiotapay', 'https://api.kiotapay.co?/api/v1/', undefined],
    ['alternative-payments', 'https://public-api.demo.alternativepayments.io/payment/request', 'sandbox'],
    ['alternative-payments', 'https://public-api.alternativepayments.io.evil.example/x', undefined],
    ['payfield', 'https://api.payfield.io/api/v1/payouts', undefined],
  ])('%s %s → %s', (id, url, environment) => {
    expect(named(id, url)).toBe(environment);
  });
});
