import type { Rule } from '../provider';
import {
  type Answer,
  type Call,
  JSON_HEADERS,
  type ProviderExamples,
  type ProviderWire,
  ruleExample,
} from '../wire';

export type RebellCredentials = {
  /** The `Signature` header: `algorithm=SHA256withRSA, keyVersion=1, signature=<url-encoded base64>`. */
  signature: string;
};

export const rebellExampleCredentials: RebellCredentials = {
  signature: 'algorithm=SHA256withRSA, keyVersion=1, signature=ZXhhbXBsZQ%3D%3D',
};

/** The merchant's client id, sent as `Client-Id` and answered back. */
export const REBELL_CLIENT_ID = '2188120031882940';

/** Business outcomes travel in `result`, in the body of an HTTP 200. */
export function rebellResult(resultStatus: string, resultCode: string, resultMessage: string) {
  return { result: { resultStatus, resultCode, resultMessage } };
}

/** Rebell's times: ISO 8601 to the second, with the offset written out. */
export function rebellTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** The codes the tables give result status U; the catalog keeps the texts only. */
const UNKNOWN_RESULT = new Set([
  'REQUEST_TRAFFIC_EXCEED_LIMIT',
  'SYSTEM_BUSY',
  'UNKNOWN_EXCEPTION',
  'SERVICE_UNAVAILABLE',
  'PAYMENT_IN_PROCESS',
  'REFUND_IN_PROCESS',
  'VOID_IN_PROCESS',
  'CAPTURE_IN_PROCESS',
  'SENDING',
]);

const PAYMENT_ID = '20260101194010800100188820294613251';

/** The endpoints the examples call, signed with `credentials`. */
function endpoints({ signature }: RebellCredentials, sentAt: Date) {
  const call = (path: string, body: Record<string, unknown>): Call => ({
    method: 'POST',
    path,
    headers: {
      ...JSON_HEADERS,
      'Client-Id': REBELL_CLIENT_ID,
      'Request-Time': sentAt.toISOString(),
      Signature: signature,
    },
    body: JSON.stringify(body),
  });

  const pay = call('/v1/payments/pay', {
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId: 'PRQ-ORD-SANDBOX-0042-1',
    paymentAmount: { currency: 'EUR', value: '4990' },
    order: { referenceOrderId: 'ORD-SANDBOX-0042', orderAmount: { currency: 'EUR', value: '4990' } },
    paymentRedirectUrl: 'https://shop.test/checkout/return',
  });
  const inquiry = call('/v1/payments/inquiryPayment', { paymentRequestId: 'PRQ-ORD-SANDBOX-0042-1' });

  /** Each table's codes on the endpoint they come from; the rest on payment creation. */
  const byCode: Array<[codes: RegExp, call: Call]> = [
    [/^PAYMENT_IN_PROCESS$/, inquiry],
    [
      /^REFUND_/,
      call('/v1/payments/refund', {
        paymentId: PAYMENT_ID,
        refundRequestId: 'RFD-SANDBOX-0042-1',
        refundAmount: { currency: 'EUR', value: '4990' },
      }),
    ],
    [/^(VOID_|ORDER_ALREADY_SETTLED$)/, call('/v1/payments/cancel', { paymentId: PAYMENT_ID })],
    [
      /^(CAPTURE_|AUTHORIZATION_EXPIRED$)/,
      call('/v1/payments/capture', {
        paymentId: PAYMENT_ID,
        captureRequestId: 'CPT-SANDBOX-0042-1',
        captureAmount: { currency: 'EUR', value: '4990' },
      }),
    ],
    [
      /^(INVALID_AUTH_CLIENT|INVALID_CODE$|EXPIRED_CODE$|USED_CODE$|\w+_REFRESH_TOKEN$|AUTH_CLIENT_)/,
      call('/v1/authorizations/applyToken', { grantType: 'AUTHORIZATION_CODE', authCode: 'ac_0f3b9d2e7a' }),
    ],
    [
      /^(USER_NOT_SUBSCRIBED|MESSAGE_CONTENT_INVALID|SENDING)$/,
      call('/v1/messages/sendInbox', { userId: '2160120000000001', content: 'Your order has shipped' }),
    ],
  ];

  const all = [pay, ...byCode.map(([, endpoint]) => endpoint)];
  function callFor(rule: Rule): Call {
    const { code, path } = rule.when;
    if (path) return all.find((candidate) => path.test(candidate.path)) ?? pay;
    const named = typeof code === 'string' ? byCode.find(([codes]) => codes.test(code)) : undefined;
    return named?.[1] ?? pay;
  }
  return { pay, inquiry, callFor };
}

/** Codes no table lists, for the rules that read the result status alone. */
const UNLISTED_CODE = { failed: 'MERCHANT_NOT_REGISTERED', unknown: 'REQUEST_IN_PROCESS' } as const;

/** Business outcomes travel in the body of an HTTP 200. */
function answerFor(rule: Rule, responseHeaders: Record<string, string>): Answer {
  const { code, outcome, status } = rule.when;
  if (typeof code === 'string') {
    const resultStatus = UNKNOWN_RESULT.has(code) ? 'U' : 'F';
    return { status: 200, headers: responseHeaders, body: rebellResult(resultStatus, code, rule.meaning) };
  }
  if (outcome) {
    const resultStatus = outcome === 'unknown' ? 'U' : 'F';
    return {
      status: 200,
      headers: responseHeaders,
      body: rebellResult(resultStatus, UNLISTED_CODE[outcome], rule.meaning),
    };
  }
  // The gateway in front of the platform rejects before any result exists.
  return { status: status ?? 400, headers: responseHeaders, body: {} };
}

export function rebellExamples(credentials: RebellCredentials, sentAt: Date): ProviderExamples {
  const { pay, inquiry, callFor } = endpoints(credentials, sentAt);
  const responseHeaders = { 'Client-Id': REBELL_CLIENT_ID, 'Response-Time': sentAt.toISOString() };
  return {
    credentialsRejected: 'INVALID_SIGNATURE',
    mainCall: pay,
    forRule: (rule) => [ruleExample(rule, callFor(rule), answerFor(rule, responseHeaders))],
    extras: [
      {
        name: 'success',
        label: 'Payment succeeded (S)',
        call: inquiry,
        answer: {
          status: 200,
          headers: responseHeaders,
          body: {
            ...rebellResult('S', 'SUCCESS', 'Success'),
            paymentRequestId: 'PRQ-ORD-SANDBOX-0042-1',
            paymentId: PAYMENT_ID,
            paymentStatus: 'SUCCESS',
            paymentAmount: { currency: 'EUR', value: '4990' },
          },
        },
        listed: false,
      },
      {
        name: 'accepted',
        label: 'Payment accepted (A)',
        call: pay,
        answer: {
          status: 200,
          headers: responseHeaders,
          body: {
            ...rebellResult('A', 'ACCEPT', 'Request accepted, processing asynchronously'),
            paymentRequestId: 'PRQ-ORD-SANDBOX-0042-1',
            paymentId: PAYMENT_ID,
            normalUrl: `https://pay.rebellapp.com/cashier?paymentId=${PAYMENT_ID}`,
          },
        },
        listed: false,
      },
    ],
  };
}

export const rebellWire: ProviderWire<RebellCredentials> = {
  exampleCredentials: rebellExampleCredentials,
  examples: rebellExamples,
};
