import type { Category } from '../../types';
import type { Rule } from '../provider';
import {
  type Answer,
  type Call,
  HOSTILE_MARKUP,
  JSON_HEADERS,
  type ProviderExamples,
  type ProviderWire,
  ruleExample,
} from '../wire';

export type KiotapayCredentials = {
  apiKey: string;
  apiSecret: string;
  /** The bearer access token that POST /api/v1/get-token issues. */
  token: string;
  /** A card number, for the case that echoes it. */
  cardNumber: string;
};

/** Shaped like the real ones; the sandbox plants signed tokens instead. */
export const kiotapayExampleCredentials: KiotapayCredentials = {
  apiKey: 'kp_live_00000000000000000000000000000000',
  apiSecret: 'ks_live_000000000000000000000000000000000000000000000000',
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl',
  cardNumber: '4111111111111111',
};

/** The error envelope: `{error: {code, message, details}}`; some errors come without details. */
export function kiotapayError(code: string, message: string, details?: string) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** The success envelope: the status repeated, `Success`, and the resource under `data`. */
export function kiotapaySuccess(status: number, data: Record<string, unknown>) {
  return { status, message: 'Success', data };
}

/** A status row, with no code: the page's field table names a top-level `statusCode` and `message`. */
export function kiotapayStatus(status: number, message: string) {
  return { statusCode: String(status), message };
}

/** The HTTP status of each code, from the error tables (the catalog keeps the texts only). */
const STATUS_OF_CODE: Record<string, number> = {
  AUTH_INVALID_TOKEN: 401,
  AUTH_MISSING_TOKEN: 401,
  AUTH_FORBIDDEN: 403,
  REQ_BAD_REQUEST: 400,
  REQ_MISSING_FIELD: 400,
  REQ_INVALID_FIELD: 400,
  RESOURCE_NOT_FOUND: 404,
  RESOURCE_LOCKED: 423,
  PAYMENT_FAILED: 402,
  PAYMENT_LIMIT_EXCEEDED: 403,
  INSUFFICIENT_FUNDS: 402,
  SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT_ERROR: 504,
};

/** For codes added to the catalog later, a status that fits their category. */
const STATUS_OF_CATEGORY: Record<Category, number> = {
  auth: 401,
  validation: 400,
  payment: 402,
  'not-found': 404,
  conflict: 409,
  'rate-limit': 429,
  server: 500,
  pending: 202,
};

/** Expired tokens and unknown ids surface when reading a payment back; the rest on creation. */
function callFor(rule: Rule, status: number, calls: { createPayment: Call; paymentStatus: Call }): Call {
  return rule.when.code === 'AUTH_INVALID_TOKEN' || status === 404 || status === 423
    ? calls.paymentStatus
    : calls.createPayment;
}

function answerFor(rule: Rule): Answer {
  const { code, status } = rule.when;
  if (typeof code === 'string') {
    const httpStatus = STATUS_OF_CODE[code] ?? STATUS_OF_CATEGORY[rule.category];
    return {
      status: httpStatus,
      body: kiotapayError(code, rule.title, rule.meaning),
      ...(httpStatus === 401 ? { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } } : {}),
    };
  }
  const httpStatus = status ?? STATUS_OF_CATEGORY[rule.category];
  return { status: httpStatus, body: kiotapayStatus(httpStatus, rule.title) };
}

const insufficientFunds = kiotapayError(
  'INSUFFICIENT_FUNDS',
  'Insufficient funds',
  'The account has insufficient funds. Available balance: KES 820.00, requested: KES 1,500.00.',
);

export function kiotapayExamples(credentials: KiotapayCredentials): ProviderExamples {
  const authorized = { ...JSON_HEADERS, Authorization: `Bearer ${credentials.token}` };

  const createPayment: Call = {
    method: 'POST',
    path: '/api/v1/payments',
    headers: authorized,
    body: JSON.stringify({
      amount: 1500,
      currency: 'KES',
      phoneNumber: '254712345678',
      reference: 'ORD-SANDBOX-0042-K1',
      description: 'Order ORD-SANDBOX-0042',
      callbackUrl: 'https://shop.test/api/webhooks/kiotapay',
    }),
  };

  const paymentStatus: Call = { method: 'GET', path: '/api/v1/payments/KTP-9F2C41D7', headers: authorized };

  const getToken: Call = {
    method: 'POST',
    path: '/api/v1/get-token',
    headers: JSON_HEADERS,
    body: JSON.stringify({ apiKey: credentials.apiKey, apiSecret: credentials.apiSecret }),
  };

  return {
    credentialsRejected: 'AUTH_INVALID_TOKEN',
    mainCall: createPayment,
    forRule(rule) {
      const answer = answerFor(rule);
      return [ruleExample(rule, callFor(rule, answer.status, { createPayment, paymentStatus }), answer)];
    },
    extras: [
      {
        name: 'success',
        label: 'Payment created',
        call: createPayment,
        answer: {
          status: 201,
          body: kiotapaySuccess(201, {
            transactionId: 'KTP-9F2C41D7',
            reference: 'ORD-SANDBOX-0042-K1',
            amount: 1500,
            currency: 'KES',
            phoneNumber: '254712345678',
            status: 'PENDING',
            createdAt: '2026-01-01T09:30:12.642Z',
          }),
        },
        listed: false,
      },
      {
        name: 'token',
        label: 'Token issued',
        call: getToken,
        answer: {
          status: 200,
          // As the provider's token page shows it.
          body: {
            status: '200 OK',
            data: {
              access_token: credentials.token,
              refresh_token: 'rt_sandbox_d29a0dfcc82816f2cd4da208cecddb8d',
              expires_in: 300,
              refresh_expires_in: 1800,
            },
          },
        },
        listed: false,
      },
      {
        // The API key in the path, the query and the code, the token and the body's secrets in the message.
        name: 'echoed-credentials',
        label: 'Credentials repeated in the code and message',
        call: {
          method: 'POST',
          path: `/api/v1/keys/${credentials.apiKey}/payments?api_key=${credentials.apiKey}`,
          headers: authorized,
          body: JSON.stringify({
            amount: 1500,
            currency: 'KES',
            card_number: credentials.cardNumber,
            apiSecret: credentials.apiSecret,
          }),
        },
        answer: {
          status: 401,
          body: kiotapayError(
            `KEY_${credentials.apiKey}_REVOKED`,
            `Token ${credentials.token} and apiSecret ${credentials.apiSecret} refused for card ${credentials.cardNumber}`,
            `Key ${credentials.apiKey} was revoked`,
          ),
        },
        listed: true,
      },
      {
        name: 'hostile-message',
        label: 'Markup in the message',
        call: createPayment,
        answer: {
          status: 400,
          body: kiotapayError(
            'REQ_INVALID_FIELD',
            `Invalid field value: ${HOSTILE_MARKUP}`,
            'description must not contain <script>window.__xss=1</script>',
          ),
        },
        listed: true,
      },
      {
        // Served as bytes, DevTools hands this JSON over base64-encoded: PayLens must decode it.
        name: 'octet-json',
        label: 'JSON sent as octet-stream',
        call: createPayment,
        answer: {
          status: 402,
          contentType: 'application/octet-stream',
          body: new TextEncoder().encode(JSON.stringify(insufficientFunds)),
        },
        listed: true,
      },
      {
        name: 'binary-body',
        label: 'Binary body',
        call: createPayment,
        answer: {
          status: 500,
          contentType: 'application/octet-stream',
          body: Uint8Array.from([
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x01, 0xff, 0xfe,
          ]),
        },
        listed: true,
      },
    ],
  };
}

export const kiotapayWire: ProviderWire<KiotapayCredentials> = {
  exampleCredentials: kiotapayExampleCredentials,
  examples: kiotapayExamples,
};
