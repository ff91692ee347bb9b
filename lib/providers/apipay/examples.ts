import type { Rule } from '../provider';
import {
  type Answer,
  type Call,
  JSON_HEADERS,
  messagesFor,
  type ProviderExamples,
  type ProviderWire,
  ruleExample,
} from '../wire';

export type ApipayCredentials = { apiKey: string };

export const apipayExampleCredentials: ApipayCredentials = {
  apiKey: 'apk_0000000000000000000000000000000000000000',
};

/**
 * Laravel's error body: `message`, the failing fields under `errors` when validation failed,
 * and `retry_after` (seconds) when rate limited.
 */
export function apipayMessage(
  message: string,
  { errors, retryAfter }: { errors?: Readonly<Record<string, readonly string[]>>; retryAfter?: number } = {},
) {
  return {
    message,
    ...(errors ? { errors } : {}),
    ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}),
  };
}

/** The newer generation's business error: `{error, error_code, message}`. */
export function apipayBusinessError(error: string, errorCode: string, message: string) {
  return { error, error_code: errorCode, message };
}

/** The message behind the catalog's 429 pattern, as the page shows it. */
const DOCUMENTED_MESSAGES = ['Too many requests. Please retry after 60 seconds.'];

/** Statuses of the newer generation's business codes, which the page does not give. */
const STATUS_OF_CODE: Record<string, number> = { kaspi_session_invalid: 503, tariff_limit_reached: 429 };

const RETRY_AFTER_SECONDS = 60;

/** The documented example of a failed validation. */
const FIELD_ERRORS = {
  phone_number: ['Phone number must be in format 8XXXXXXXXXX'],
  amount: ['Amount must be between 0.01 and 99999999.99'],
};

function headersFor(status: number): Record<string, string> {
  const limited = status === 429;
  return {
    'Cache-Control': 'no-cache, private',
    'X-RateLimit-Limit': '60',
    'X-RateLimit-Remaining': limited ? '0' : '59',
    // Newer versions add the header to the body's retry_after.
    ...(limited ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {}),
  };
}

/** Laravel style `{message, errors, retry_after}`, or the newer `{error, error_code, message}`. */
function answerFor(rule: Rule, message?: string): Answer {
  const { code } = rule.when;
  if (typeof code === 'string') {
    const status = STATUS_OF_CODE[code] ?? 400;
    const wait = status === 429 ? { retry_after_seconds: RETRY_AFTER_SECONDS } : {};
    return {
      status,
      headers: headersFor(status),
      body: { ...apipayBusinessError(rule.title, code, rule.meaning), ...wait },
    };
  }
  const status = rule.when.status ?? 400;
  const text = message ?? rule.title;
  return {
    status,
    headers: headersFor(status),
    body: apipayMessage(text, {
      ...(text === 'Validation failed' ? { errors: FIELD_ERRORS } : {}),
      ...(status === 429 ? { retryAfter: RETRY_AFTER_SECONDS } : {}),
    }),
  };
}

export function apipayExamples({ apiKey }: ApipayCredentials): ProviderExamples {
  const withKey = { ...JSON_HEADERS, 'X-API-Key': apiKey };

  const createInvoice: Call = {
    method: 'POST',
    path: '/api/v1/invoices',
    headers: withKey,
    body: JSON.stringify({
      phone_number: '87012345678',
      amount: 24990,
      description: 'Order ORD-SANDBOX-0042',
      external_id: 'ORD-SANDBOX-0042',
    }),
  };
  const getInvoice: Call = { method: 'GET', path: '/api/v1/invoices/1042', headers: withKey };

  /** Expired and unknown resources are read back; everything else fails on invoice creation. */
  const callFor = (status: number) => (status === 404 || status === 410 ? getInvoice : createInvoice);

  return {
    credentialsRejected: 'invalid-api-key',
    mainCall: createInvoice,
    forRule(rule) {
      const messages = messagesFor(rule, DOCUMENTED_MESSAGES);
      return (messages.length > 0 ? messages : [undefined]).map((message) => {
        const answer = answerFor(rule, message);
        return ruleExample(rule, callFor(answer.status), answer, message);
      });
    },
    extras: [
      {
        name: 'success',
        label: 'Invoice created',
        call: createInvoice,
        answer: {
          status: 201,
          headers: headersFor(201),
          body: {
            id: 1042,
            external_id: 'ORD-SANDBOX-0042',
            amount: '24990.00',
            status: 'pending',
            phone_number: '87012345678',
            created_at: '2026-01-01T09:38:00Z',
          },
        },
        listed: false,
      },
    ],
  };
}

export const apipayWire: ProviderWire<ApipayCredentials> = {
  exampleCredentials: apipayExampleCredentials,
  examples: apipayExamples,
};
