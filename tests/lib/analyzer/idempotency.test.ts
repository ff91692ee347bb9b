import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../lib/analyzer';
import { analyse, call } from '../../support/session';

const REBELL_PAY = 'https://api.rebellapp.com/v1/payments/retailPay';
const PAYOUTS = 'https://api.payfield.io/api/v1/payouts';

const rebellPay = (sent: unknown, code: string, status: 'S' | 'F', at: number) =>
  call({
    url: REBELL_PAY,
    status: 200,
    at,
    sent,
    body: { result: { resultStatus: status, resultCode: code, resultMessage: code } },
  });

const PAYMENT = {
  paymentRequestId: 'pr-20261122-0042',
  paymentAmount: { currency: 'EUR', value: '1990' },
  order: { orderDescription: 'Cotton scarf', buyer: { referenceBuyerId: 'b-7' } },
};

const payout = (amount: string, status: number, at: number, cardNumber = '4111111111111111') =>
  call({
    url: PAYOUTS,
    status,
    at,
    sent: {
      external_id: 'PO-20261122-0007',
      shop_code: 'SHOP-KZ-01',
      amount,
      currency: 'KZT',
      card_number: cardNumber,
    },
    body:
      status === 200
        ? {
            message: 'Payout already exists',
            external_id: 'PO-20261122-0007',
            amount: '5000.00',
            status: 'pending',
          }
        : { external_id: 'PO-20261122-0007', amount, status: 'pending' },
  });

const idempotencyOf = (result: { insights: Insight[] } | undefined) =>
  result?.insights.filter((insight) => insight.kind === 'idempotency') ?? [];

describe('Rebell REPEAT_REQ_INCONSISTENT', () => {
  it('names the first request with the same paymentRequestId and the paths that differ, never their values', () => {
    const changed = {
      ...PAYMENT,
      paymentAmount: { currency: 'EUR', value: '2490' },
      order: { orderDescription: 'Wool scarf', buyer: { referenceBuyerId: 'b-7' } },
      settlementStrategy: { settlementCurrency: 'EUR' },
    };
    const { results } = analyse([
      rebellPay(PAYMENT, 'SUCCESS', 'S', 0),
      rebellPay(changed, 'REPEAT_REQ_INCONSISTENT', 'F', 30),
    ]);
    const [insight] = idempotencyOf(results[1]);
    expect(insight).toEqual({
      kind: 'idempotency',
      text: "This paymentRequestId was first sent with other values in paymentAmount.value, order.orderDescription, settlementStrategy.settlementCurrency (values not shown): resend the first request's parameters unchanged, or use a new paymentRequestId.",
      related: [0],
      figures: {
        key: 'paymentRequestId',
        differing: ['paymentAmount.value', 'order.orderDescription', 'settlementStrategy.settlementCurrency'],
      },
    });
    expect(JSON.stringify(insight)).not.toMatch(/2490|1990|Wool|Cotton/);
  });

  it('keys refunds by refundRequestId, and names a field the repeat left out', () => {
    const refund = {
      refundRequestId: 'rr-1',
      paymentId: 'p-1',
      refundAmount: { currency: 'EUR', value: '500' },
    };
    const { results } = analyse([
      call({
        url: 'https://api.rebellapp.com/v1/payments/refund',
        status: 200,
        sent: refund,
        body: { result: { resultStatus: 'S', resultCode: 'SUCCESS' } },
      }),
      call({
        url: 'https://api.rebellapp.com/v1/payments/refund',
        status: 200,
        at: 3,
        sent: { refundRequestId: 'rr-1', paymentId: 'p-1' },
        body: { result: { resultStatus: 'F', resultCode: 'REPEAT_REQ_INCONSISTENT' } },
      }),
    ]);
    expect(idempotencyOf(results[1])[0]?.figures).toEqual({
      key: 'refundRequestId',
      differing: ['refundAmount.currency', 'refundAmount.value'],
    });
  });

  it('says nothing without an earlier request of that key, or after one refused before processing', () => {
    const { results } = analyse([
      rebellPay({ ...PAYMENT, paymentRequestId: 'pr-other' }, 'SUCCESS', 'S', 0),
      rebellPay({ ...PAYMENT, paymentAmount: 'x' }, 'PARAM_ILLEGAL', 'F', 1),
      rebellPay(PAYMENT, 'REPEAT_REQ_INCONSISTENT', 'F', 2),
    ]);
    expect(idempotencyOf(results[2])).toEqual([]);
  });

  it('compares with the first create, not a status query that named the same paymentRequestId', () => {
    const inquiry = call({
      url: 'https://api.rebellapp.com/v1/payments/inquiryPayment',
      status: 200,
      at: 0,
      sent: { paymentRequestId: PAYMENT.paymentRequestId },
      body: { result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'Success' } },
    });
    const changed = { ...PAYMENT, paymentAmount: { currency: 'EUR', value: '5990' } };
    const { results } = analyse([
      inquiry,
      rebellPay(PAYMENT, 'SUCCESS', 'S', 1),
      rebellPay(changed, 'REPEAT_REQ_INCONSISTENT', 'F', 2),
    ]);
    expect(idempotencyOf(results[2])).toEqual([
      expect.objectContaining({
        related: [1],
        figures: { key: 'paymentRequestId', differing: ['paymentAmount.value'] },
      }),
    ]);
  });
});

describe('Payfield "already exists"', () => {
  it('warns when a create reuses an external_id with another body, relating both creates', () => {
    const { results, warnings } = analyse([payout('5000.00', 201, 0), payout('7500.00', 200, 60)]);
    expect(results[1]?.diagnosis).toBeNull();
    expect(warnings).toEqual([
      {
        kind: 'idempotency',
        provider: 'payfield',
        text: 'A create reused an earlier external_id with other values in amount (values not shown): Payfield answered 200 with the first operation, so the new values were ignored.',
        related: [0, 1],
        figures: { key: 'external_id', differing: ['amount'] },
      },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('4111');
  });

  it('compares with the create that was processed, not one refused as invalid', () => {
    const { warnings } = analyse([
      call({
        url: PAYOUTS,
        status: 422,
        sent: {
          external_id: 'PO-20261122-0007',
          shop_code: 'SHOP-KZ-01',
          amount: 5000,
          currency: 'KZT',
          card_number: '4111111111111111',
        },
        body: { message: 'amount must be a positive decimal string', code: 'validation_error' },
      }),
      payout('5000.00', 201, 5),
      payout('5000.00', 200, 6),
    ]);
    expect(warnings).toEqual([]);
  });

  it('raises nothing for an identical idempotent retry', () => {
    const { warnings } = analyse([
      payout('5000.00', 201, 0),
      payout('5000.00', 200, 2),
      payout('5000.00', 200, 4),
    ]);
    expect(warnings).toEqual([]);
  });
});

describe('the bodies compared', () => {
  it('finds no difference between identical bodies whose paths repeat (a key "a.b" beside a.b)', () => {
    const sent = { ...PAYMENT, 'order.orderDescription': 'Wool scarf', 'items[0]': 'y', items: ['x'] };
    const { results } = analyse([
      rebellPay(sent, 'SUCCESS', 'S', 0),
      rebellPay(sent, 'REPEAT_REQ_INCONSISTENT', 'F', 30),
    ]);
    expect(results[1]?.diagnosis).not.toBeNull();
    expect(idempotencyOf(results[1])).toEqual([]);
  });

  it('reads only the body’s own fields, whatever a polluted prototype adds', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.paymentRequestId = 'pr-polluted';
    try {
      const unkeyed = { paymentAmount: { currency: 'EUR', value: '1990' } };
      const { results } = analyse([
        rebellPay(unkeyed, 'SUCCESS', 'S', 0),
        rebellPay({ paymentAmount: { currency: 'EUR', value: '2490' } }, 'REPEAT_REQ_INCONSISTENT', 'F', 30),
      ]);
      expect(idempotencyOf(results[1])).toEqual([]);
    } finally {
      delete prototype.paymentRequestId;
    }
  });

  it('compares a number too large for a double as its JSON does: null', () => {
    const first = { paymentRequestId: 'pr-9', limit: null };
    const again = '{"paymentRequestId":"pr-9","limit":1e400}';
    const { results } = analyse([
      rebellPay(first, 'SUCCESS', 'S', 0),
      rebellPay(again, 'REPEAT_REQ_INCONSISTENT', 'F', 30),
    ]);
    expect(idempotencyOf(results[1])).toEqual([]);
  });
});
