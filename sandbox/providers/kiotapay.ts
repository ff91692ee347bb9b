import type { Rule } from '../../lib/providers';
import type { Category } from '../../lib/types';
import { PLANTED } from '../credentials';
import {
  type Answer,
  type Call,
  HOSTILE_MARKUP,
  JSON_HEADERS,
  type ProviderSandbox,
  ruleDraft,
} from '../scenario';

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

const authorized = { ...JSON_HEADERS, Authorization: `Bearer ${PLANTED.kiotapayToken}` };

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
  body: JSON.stringify({ apiKey: PLANTED.kiotapayApiKey, apiSecret: PLANTED.kiotapayApiSecret }),
};

/** Expired tokens and unknown ids surface when reading a payment back; the rest on creation. */
function callFor(rule: Rule, status: number): Call {
  return rule.when.code === 'AUTH_INVALID_TOKEN' || status === 404 || status === 423
    ? paymentStatus
    : createPayment;
}

function answerFor(rule: Rule): Answer {
  const { code, status } = rule.when;
  if (typeof code === 'string') {
    const httpStatus = STATUS_OF_CODE[code] ?? STATUS_OF_CATEGORY[rule.category];
    return {
      status: httpStatus,
      body: { error: { code, message: rule.title, details: rule.meaning } },
      ...(httpStatus === 401 ? { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } } : {}),
    };
  }
  // No code: the page's field table names a top-level `statusCode` and `message`.
  const httpStatus = status ?? STATUS_OF_CATEGORY[rule.category];
  return { status: httpStatus, body: { statusCode: String(httpStatus), message: rule.title } };
}

const insufficientFunds = {
  error: {
    code: 'INSUFFICIENT_FUNDS',
    message: 'Insufficient funds',
    details: 'The account has insufficient funds. Available balance: KES 820.00, requested: KES 1,500.00.',
  },
};

export const kiotapaySandbox: ProviderSandbox = {
  id: 'kiotapay',
  credentialsRejected: 'AUTH_INVALID_TOKEN',
  mainCall: createPayment,
  forRule(rule) {
    const answer = answerFor(rule);
    return [ruleDraft(rule, callFor(rule, answer.status), answer)];
  },
  extras: [
    {
      name: 'success',
      label: 'Payment created',
      call: createPayment,
      answer: {
        status: 201,
        body: {
          status: 201,
          message: 'Success',
          data: {
            transactionId: 'KTP-9F2C41D7',
            reference: 'ORD-SANDBOX-0042-K1',
            amount: 1500,
            currency: 'KES',
            phoneNumber: '254712345678',
            status: 'PENDING',
            createdAt: '2026-01-01T09:30:12.642Z',
          },
        },
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
            access_token: PLANTED.kiotapayToken,
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
        path: `/api/v1/keys/${PLANTED.kiotapayApiKey}/payments?api_key=${PLANTED.kiotapayApiKey}`,
        headers: authorized,
        body: JSON.stringify({
          amount: 1500,
          currency: 'KES',
          card_number: PLANTED.cardNumber,
          apiSecret: PLANTED.kiotapayApiSecret,
        }),
      },
      answer: {
        status: 401,
        body: {
          error: {
            code: `KEY_${PLANTED.kiotapayApiKey}_REVOKED`,
            message: `Token ${PLANTED.kiotapayToken} and apiSecret ${PLANTED.kiotapayApiSecret} refused for card ${PLANTED.cardNumber}`,
            details: `Key ${PLANTED.kiotapayApiKey} was revoked`,
          },
        },
      },
      listed: true,
    },
    {
      name: 'hostile-message',
      label: 'Markup in the message',
      call: createPayment,
      answer: {
        status: 400,
        body: {
          error: {
            code: 'REQ_INVALID_FIELD',
            message: `Invalid field value: ${HOSTILE_MARKUP}`,
            details: 'description must not contain <script>window.__xss=1</script>',
          },
        },
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
        body: Buffer.from(JSON.stringify(insufficientFunds)),
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
        body: Buffer.from([
          0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x01, 0xff, 0xfe,
        ]),
      },
      listed: true,
    },
  ],
};
