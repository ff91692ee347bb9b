import type { Rule } from '../provider';
import {
  type Answer,
  type Call,
  HOSTILE_MARKUP,
  JSON_HEADERS,
  messagesFor,
  type ProviderExamples,
  type ProviderWire,
  ruleExample,
  type WireExample,
} from '../wire';

export type PayfieldCredentials = {
  apiKey: string;
  /** `X-Signature`: the hex HMAC-SHA256 of the timestamp and the body. */
  signature: string;
  /** The card a payout is sent to. */
  cardNumber: string;
};

export const payfieldExampleCredentials: PayfieldCredentials = {
  apiKey: 'pf_live_0000000000000000000000000000000000000000',
  signature: '0000000000000000000000000000000000000000000000000000000000000000',
  cardNumber: '4111111111111111',
};

export interface PayfieldFieldError {
  field: string;
  message: string;
}

/** The top-level `message` and `code`, mirrored in `error`; `errors[]` when fields are named. */
export function payfieldError(code: string, message: string, errors?: readonly PayfieldFieldError[]) {
  return { message, code, ...(errors ? { errors } : {}), error: { code, message } };
}

/** The documented messages behind the catalog's patterns, with the values they carry. */
const DOCUMENTED_MESSAGES = [
  'Timestamp required',
  'Invalid timestamp format',
  'Timestamp window exceeded',
  'Shop currency mismatch. Expected KZT.',
  'Insufficient balance. Available: 1187500.00 KZT, requested: 5000000.00 KZT.',
  'Payout not found',
  'PayIn not found',
  "Shop with code 'SHOP-KZ-99' not found or inactive",
];

/** Lookups fail on reads; shop errors on pay-ins, as recorded; the rest on payouts. */
function endpoints(credentials: PayfieldCredentials, sentAt: Date) {
  const signed = {
    ...JSON_HEADERS,
    'X-API-Key': credentials.apiKey,
    'X-Timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'X-Signature': credentials.signature,
  };

  const createPayout: Call = {
    method: 'POST',
    path: '/api/v1/payouts',
    headers: signed,
    body: JSON.stringify({
      external_id: 'PO-SANDBOX-0007',
      shop_code: 'SHOP-KZ-01',
      amount: '5000.00',
      currency: 'KZT',
      card_number: credentials.cardNumber,
      callback_url: 'https://shop.test/api/webhooks/payfield',
    }),
  };
  const createPayin: Call = {
    method: 'POST',
    path: '/api/v1/payins',
    headers: signed,
    body: JSON.stringify({
      external_id: 'PI-SANDBOX-0042',
      shop_code: 'SHOP-KZ-01',
      amount: '49.90',
      currency: 'EUR',
      callback_url: 'https://shop.test/api/webhooks/payfield',
    }),
  };
  const getPayout: Call = { method: 'GET', path: '/api/v1/payouts/PO-SANDBOX-0007', headers: signed };
  const getPayin: Call = { method: 'GET', path: '/api/v1/payins/PI-SANDBOX-0042', headers: signed };

  function callFor(status: number, message: string): Call {
    if (message.startsWith('PayIn')) return getPayin;
    if (message.startsWith('Shop')) return createPayin;
    return status === 404 ? getPayout : createPayout;
  }
  return { createPayout, callFor };
}

const STATUS_OF_CATEGORY: Partial<Record<Rule['category'], number>> = {
  auth: 401,
  validation: 422,
  payment: 422,
  'not-found': 404,
  server: 500,
};
const CODE_OF_STATUS: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  422: 'validation_error',
  500: 'internal_error',
};

/** The error a status carries, with the field a 422's message names. */
function envelope(status: number, message: string): Answer {
  const code = CODE_OF_STATUS[status] ?? 'error';
  const field = status === 422 ? /^([a-z_]+) (?:is|must) /.exec(message)?.[1] : undefined;
  return { status, body: payfieldError(code, message, field ? [{ field, message }] : undefined) };
}

function examplesFor(rule: Rule, callFor: (status: number, message: string) => Call): WireExample[] {
  const messages = messagesFor(rule, DOCUMENTED_MESSAGES);
  if (messages.length === 0) {
    // A status row: the body carries a message the table does not list.
    const status = rule.when.status ?? 400;
    return [ruleExample(rule, callFor(status, ''), envelope(status, rule.title))];
  }
  const status = rule.when.status ?? STATUS_OF_CATEGORY[rule.category] ?? 400;
  return messages.map((message) =>
    ruleExample(rule, callFor(status, message), envelope(status, message), message),
  );
}

const payout = {
  external_id: 'PO-SANDBOX-0007',
  shop_code: 'SHOP-KZ-01',
  amount: '5000.00',
  currency: 'KZT',
  card_number: '411111******1111',
  status: 'pending',
  created_at: '2026-01-01T09:37:16Z',
};

export function payfieldExamples(credentials: PayfieldCredentials, sentAt: Date): ProviderExamples {
  const { createPayout, callFor } = endpoints(credentials, sentAt);
  return {
    credentialsRejected: 'invalid-api-key',
    mainCall: createPayout,
    forRule: (rule) => examplesFor(rule, callFor),
    extras: [
      {
        name: 'success',
        label: 'Payout created',
        call: createPayout,
        answer: { status: 201, body: payout },
        listed: false,
      },
      {
        name: 'already-exists',
        label: 'Payout already exists (idempotent)',
        call: createPayout,
        answer: { status: 200, body: { message: 'Payout already exists', ...payout } },
        listed: false,
      },
      {
        // Credentials repeated in the message and the field errors: PayLens must mask them.
        name: 'echoed-credentials',
        label: 'Credentials repeated in the field errors',
        call: createPayout,
        answer: {
          status: 422,
          body: payfieldError('validation_error', `X-API-Key ${credentials.apiKey} may not pay out`, [
            { field: 'card_number', message: `${credentials.cardNumber} is not a wallet` },
            { field: `X-Signature ${credentials.signature}`, message: `expected for ${credentials.apiKey}` },
          ]),
        },
        listed: true,
      },
      {
        name: 'hostile-message',
        label: 'Markup in the message and fields',
        call: createPayout,
        answer: {
          status: 422,
          body: payfieldError('validation_error', `callback_url must be a valid URL: ${HOSTILE_MARKUP}`, [
            { field: HOSTILE_MARKUP, message: '<script>window.__xss=1</script>' },
          ]),
        },
        listed: true,
      },
    ],
  };
}

export const payfieldWire: ProviderWire<PayfieldCredentials> = {
  exampleCredentials: payfieldExampleCredentials,
  examples: payfieldExamples,
};
