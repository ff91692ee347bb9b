import { get, isObject, seconds, str } from '../../json';
import type { FieldError } from '../../types';
import { knownCodes, type Provider, type ReportedError, type Rule } from '../provider';

const RATE_LIMIT_NOTE =
  'The limit is 60 requests per minute per API key; X-RateLimit-Remaining shows what is left.';
const KASPI_SESSION_REMEDY = 'Contact support to reconnect Kaspi Business session.';

const rules: Rule[] = [
  // Common Errors: a status with the message the page shows for it.
  {
    when: { status: 401, message: 'Invalid API key' },
    table: 'Common Errors',
    title: 'Invalid API key',
    meaning: 'Invalid, missing, or expired API key',
    remedy: 'Check your API key in dashboard Settings → Connection.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { status: 403, message: 'Organization not verified' },
    table: 'Common Errors',
    title: 'Organization not verified',
    meaning: 'Organization not verified or access denied',
    remedy: 'Contact support via WhatsApp to connect your organization.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { status: 422, message: 'Validation failed' },
    table: 'Common Errors',
    title: 'Validation failed',
    meaning: 'Invalid field values',
    remedy: 'Correct each field listed in errors and resend.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { status: 429, message: /^Too many requests/ },
    table: 'Common Errors',
    title: 'Too many requests',
    meaning: 'Rate limit exceeded',
    remedy: 'Wait the retry_after seconds the response gives, then retry.',
    category: 'rate-limit',
    retry: 'after',
    note: RATE_LIMIT_NOTE,
  },
  {
    when: { status: 502, message: 'Kaspi API error' },
    table: 'Common Errors',
    title: 'Kaspi API error',
    meaning: 'Kaspi API error',
    remedy: 'Retry after a short delay. If persistent, contact support.',
    category: 'server',
    retry: 'backoff',
  },
  {
    when: { status: 503, message: 'Kaspi session expired' },
    table: 'Common Errors',
    title: 'Kaspi session expired',
    meaning: 'Kaspi session expired',
    remedy: KASPI_SESSION_REMEDY,
    category: 'server',
    retry: 'no',
    note: 'Retrying does not help: the Kaspi Business session must be reconnected first.',
  },
  // Business errors of newer API versions: `{error, error_code, message}`.
  {
    when: { code: 'kaspi_session_invalid' },
    table: 'Business errors',
    title: 'Kaspi session invalid',
    meaning: 'Kaspi session expired',
    remedy: KASPI_SESSION_REMEDY,
    category: 'server',
    retry: 'no',
    note: 'Retrying does not help: the Kaspi Business session must be reconnected first.',
  },
  {
    when: { code: 'tariff_limit_reached' },
    table: 'Business errors',
    title: 'Tariff limit reached',
    meaning: 'The organization has used the requests its tariff allows.',
    remedy: 'Wait the retry_after_seconds the response gives, or move to a larger tariff.',
    category: 'rate-limit',
    retry: 'after',
  },
  // HTTP Status Codes. Remedies come from the Common Errors where the page gives one.
  {
    when: { status: 400 },
    table: 'HTTP Status Codes',
    title: 'Bad Request',
    meaning: 'Invalid request format',
    remedy: 'Send a well-formed JSON body with the documented fields.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { status: 401 },
    table: 'HTTP Status Codes',
    title: 'Unauthorized',
    meaning: 'Invalid, missing, or expired API key',
    remedy: 'Check your API key in dashboard Settings → Connection.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { status: 403 },
    table: 'HTTP Status Codes',
    title: 'Forbidden',
    meaning: 'Organization not verified or access denied',
    remedy: 'Contact support via WhatsApp to connect your organization.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { status: 404 },
    table: 'HTTP Status Codes',
    title: 'Not Found',
    meaning: 'Resource not found',
    remedy: 'Check the identifier in the URL.',
    category: 'not-found',
    retry: 'no',
  },
  {
    when: { status: 410 },
    table: 'HTTP Status Codes',
    title: 'Gone',
    meaning: 'Resource expired (e.g., verification timeout)',
    remedy: 'Start the operation again; the expired resource cannot be reused.',
    category: 'not-found',
    retry: 'no',
  },
  {
    when: { status: 422 },
    table: 'HTTP Status Codes',
    title: 'Validation Error',
    meaning: 'Invalid field values',
    remedy: 'Correct each field listed in errors and resend.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { status: 429 },
    table: 'HTTP Status Codes',
    title: 'Too Many Requests',
    meaning: 'Rate limit exceeded',
    remedy: 'Wait the retry_after seconds the response gives, then retry.',
    category: 'rate-limit',
    retry: 'after',
    note: RATE_LIMIT_NOTE,
  },
  {
    when: { status: 500 },
    table: 'HTTP Status Codes',
    title: 'Server Error',
    meaning: 'Internal server error',
    remedy: 'Retry after a short delay. If persistent, contact support.',
    category: 'server',
    retry: 'backoff',
  },
  {
    when: { status: 502 },
    table: 'HTTP Status Codes',
    title: 'Bad Gateway',
    meaning: 'Kaspi API error',
    remedy: 'Retry after a short delay. If persistent, contact support.',
    category: 'server',
    retry: 'backoff',
  },
  {
    when: { status: 503 },
    table: 'HTTP Status Codes',
    title: 'Service Unavailable',
    meaning: 'Kaspi session expired',
    remedy: KASPI_SESSION_REMEDY,
    category: 'server',
    retry: 'no',
    note: 'Retrying does not help: the Kaspi Business session must be reconnected first.',
  },
];

/** Laravel style `errors: {field: ["detail", ...]}`. */
function fieldErrors(value: unknown): FieldError[] {
  if (!isObject(value)) return [];
  // Loops, not chained array methods: every failing ApiPay response is read through here.
  const fields: FieldError[] = [];
  for (const [field, details] of Object.entries(value)) {
    for (const detail of Array.isArray(details) ? details : [details]) {
      const message = str(detail);
      if (message !== null) fields.push({ field, message });
    }
  }
  return fields;
}

/** Both generations: `{message, errors, retry_after}` and `{error, error_code, message}`. */
function readError(body: unknown): ReportedError {
  const wait = seconds(get(body, 'retry_after')) ?? seconds(get(body, 'retry_after_seconds'));
  const reported: ReportedError = {
    code: str(get(body, 'error_code')),
    message: str(get(body, 'message')) ?? str(get(body, 'error')),
    fields: fieldErrors(get(body, 'errors')),
  };
  // Set, not spread in: every failing ApiPay response is read through here.
  if (wait !== null) reported.retryAfterSeconds = wait;
  return reported;
}

const codes = knownCodes(rules);
/** Messages no other API is likely to send word for word. */
const distinctiveMessages = new Set([
  'Kaspi API error',
  'Kaspi session expired',
  'Organization not verified',
]);

export const apipay: Provider = {
  id: 'apipay',
  name: 'ApiPay.kz',
  // Sandbox is a mode of the organisation, not a host.
  hosts: ['api.apipay.kz', 'bpapi.bazarbay.site', 'qr.apipay.kz'],
  environments: [{ name: 'production', hosts: ['api.apipay.kz', 'bpapi.bazarbay.site', 'qr.apipay.kz'] }],
  docsUrl: 'https://apipay.kz/docs.html',
  identifiedBy: 'code',
  readError,
  fingerprint(body) {
    const { code, message } = readError(body);
    return (code !== null && codes.has(code)) || (message !== null && distinctiveMessages.has(message));
  },
  rules,
  // "60 requests per minute per API key"; the key travels in X-API-Key.
  rateLimit: { requests: 60, windowSeconds: 60, keyHeader: 'X-API-Key' },
  successes: [
    { status: 200, title: 'OK', meaning: 'Request succeeded' },
    { status: 201, title: 'Created', meaning: 'Resource created' },
    { status: 202, title: 'Accepted', meaning: 'Request accepted for async processing' },
  ],
};
