import type { Rule } from '../../lib/providers';
import { PLANTED } from '../credentials';
import {
  type Answer,
  type Call,
  type Draft,
  HOSTILE_MARKUP,
  JSON_HEADERS,
  messagesFor,
  type ProviderSandbox,
  ruleDraft,
} from '../scenario';

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

const signed = {
  ...JSON_HEADERS,
  'X-API-Key': PLANTED.payfieldApiKey,
  'X-Timestamp': String(Math.floor(Date.now() / 1000)),
  'X-Signature': PLANTED.payfieldSignature,
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
    card_number: PLANTED.cardNumber,
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

/** Lookups fail on reads; shop errors on pay-ins, as recorded; the rest on payouts. */
function callFor(status: number, message: string): Call {
  if (message.startsWith('PayIn')) return getPayin;
  if (message.startsWith('Shop')) return createPayin;
  return status === 404 ? getPayout : createPayout;
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

/** The top-level `message` and `code`, mirrored in `error`; `errors[]` when a field is named. */
function envelope(status: number, message: string): Answer {
  const code = CODE_OF_STATUS[status] ?? 'error';
  const field = status === 422 ? /^([a-z_]+) (?:is|must) /.exec(message)?.[1] : undefined;
  return {
    status,
    body: {
      message,
      code,
      ...(field ? { errors: [{ field, message }] } : {}),
      error: { code, message },
    },
  };
}

function drafts(rule: Rule): Draft[] {
  const messages = messagesFor(rule, DOCUMENTED_MESSAGES);
  if (messages.length === 0) {
    // A status row: the body carries a message the table does not list.
    const status = rule.when.status ?? 400;
    return [ruleDraft(rule, callFor(status, ''), envelope(status, rule.title))];
  }
  const status = rule.when.status ?? STATUS_OF_CATEGORY[rule.category] ?? 400;
  return messages.map((message) =>
    ruleDraft(rule, callFor(status, message), envelope(status, message), message),
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

export const payfieldSandbox: ProviderSandbox = {
  id: 'payfield',
  credentialsRejected: 'invalid-api-key',
  mainCall: createPayout,
  forRule: drafts,
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
        body: {
          message: `X-API-Key ${PLANTED.payfieldApiKey} may not pay out`,
          code: 'validation_error',
          errors: [
            { field: 'card_number', message: `${PLANTED.cardNumber} is not a wallet` },
            {
              field: `X-Signature ${PLANTED.payfieldSignature}`,
              message: `expected for ${PLANTED.payfieldApiKey}`,
            },
          ],
          error: { code: 'validation_error', message: `X-API-Key ${PLANTED.payfieldApiKey} may not pay out` },
        },
      },
      listed: true,
    },
    {
      name: 'hostile-message',
      label: 'Markup in the message and fields',
      call: createPayout,
      answer: {
        status: 422,
        body: {
          message: `callback_url must be a valid URL: ${HOSTILE_MARKUP}`,
          code: 'validation_error',
          errors: [{ field: HOSTILE_MARKUP, message: '<script>window.__xss=1</script>' }],
          error: { code: 'validation_error', message: `callback_url must be a valid URL: ${HOSTILE_MARKUP}` },
        },
      },
      listed: true,
    },
  ],
};
