import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../lib/analyzer';
import { analyse, call } from '../../support/session';

const INQUIRY = 'https://api.rebellapp.com/v1/payments/inquiryRefund';
const APIPAY = 'https://api.apipay.kz/api/v1/invoices';

const kiotapayInvalid = (at: number, amount = '-5') =>
  call({
    url: 'https://api.kiotapay.co/api/v1/payments',
    status: 400,
    at,
    sent: { amount, currency: 'KES', phone: '254700000000' },
    body: { error: { code: 'REQ_INVALID_FIELD', message: 'Invalid field value', details: 'amount' } },
  });

const refundInquiry = (at: number, code: 'REFUND_IN_PROCESS' | 'SUCCESS' = 'REFUND_IN_PROCESS') =>
  call({
    url: INQUIRY,
    status: 200,
    at,
    sent: { refundRequestId: 'rr-1', paymentId: 'p-1' },
    body: {
      result:
        code === 'SUCCESS'
          ? { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'Success' }
          : { resultStatus: 'U', resultCode: code, resultMessage: 'Refund being processed' },
    },
  });

const tooManyRequests = (at: number, retryAfter = 60) =>
  call({
    url: APIPAY,
    status: 429,
    at,
    sent: { phone_number: '87012345678', amount: 24990 },
    body: {
      message: `Too many requests. Please retry after ${retryAfter} seconds.`,
      retry_after: retryAfter,
    },
  });

const altpayServerError = (at: number) =>
  call({
    url: 'https://public-api.alternativepayments.io/payment/request',
    status: 500,
    at,
    sent: { amount: 2500, currency: 'USD', redirect_url: 'https://shop.example/done' },
    body: { error: { message: 'Unexpected internal condition' } },
  });

const repeatedOf = (result: { insights: Insight[] } | undefined) =>
  result?.insights.filter((insight) => insight.kind === 'repeated') ?? [];

describe('the same request sent again', () => {
  it('after an answer whose advice is not to retry: on the latest attempt, related to the others', () => {
    const { results } = analyse([kiotapayInvalid(0), kiotapayInvalid(2), kiotapayInvalid(4.5)]);
    expect(repeatedOf(results[0])).toEqual([]);
    expect(repeatedOf(results[2])).toEqual([
      {
        kind: 'repeated',
        text: "The same request was sent 3 times in 4.5 s, though Kiotapay's earlier answer means it cannot succeed unchanged: fix the request or account first.",
        related: [0, 1],
        figures: { problem: 'retried-no-retry', count: 3, spanSeconds: 4.5 },
      },
    ]);
  });

  it('is another request when the body changed', () => {
    const { results } = analyse([kiotapayInvalid(0), kiotapayInvalid(2, '500')]);
    expect(repeatedOf(results[1])).toEqual([]);
  });

  it('before the wait an answer asked for', () => {
    const { results } = analyse([tooManyRequests(0), tooManyRequests(12)]);
    expect(results[0]?.diagnosis?.retry).toEqual({ advice: 'after', afterSeconds: 60 });
    expect(repeatedOf(results[1])).toEqual([
      {
        kind: 'repeated',
        text: 'The same request was sent again 12 s after an answer that asked to wait 60 s (attempt 2 in 12 s): wait the stated time before retrying.',
        related: [0],
        figures: {
          problem: 'retried-too-soon',
          count: 2,
          spanSeconds: 12,
          waitedSeconds: 12,
          askedSeconds: 60,
        },
      },
    ]);
  });

  it('says nothing once the stated wait has passed, nor for backoff retries with growing gaps', () => {
    expect(repeatedOf(analyse([tooManyRequests(0), tooManyRequests(61)]).results[1])).toEqual([]);
    const { results } = analyse([0, 1, 3, 7, 15].map(altpayServerError));
    expect(results.every((result) => result.diagnosis?.retry.advice === 'backoff')).toBe(true);
    expect(results.flatMap(repeatedOf)).toEqual([]);
  });
});

describe('polling', () => {
  it('counts the status queries for the operation, successes between them included, and says when they come under a second apart', () => {
    const { results } = analyse([
      refundInquiry(0),
      refundInquiry(0.4, 'SUCCESS'),
      refundInquiry(0.8),
      refundInquiry(1.2),
    ]);
    expect(results[1]?.diagnosis).toBeNull();
    expect(repeatedOf(results[3])).toEqual([
      {
        kind: 'repeated',
        text: 'This is status query 4 for the same operation in 1.2 s, less than a second apart: query less often, as the operation needs time to finish.',
        related: [0, 1, 2],
        figures: { problem: 'polling', count: 4, spanSeconds: 1.2 },
      },
    ]);
  });

  it('states the count and span of a calm poll without the warning words', () => {
    const { results } = analyse([refundInquiry(0), refundInquiry(4), refundInquiry(8)]);
    expect(repeatedOf(results[2])).toEqual([
      expect.objectContaining({
        text: 'This is status query 3 for the same operation in 8 s.',
        figures: { problem: 'polling', count: 3, spanSeconds: 8 },
      }),
    ]);
  });
});
