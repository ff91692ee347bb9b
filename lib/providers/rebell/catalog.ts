import { get, str } from '../../json';
import type { Category, RetryAdvice } from '../../types';
import { type Provider, type ReportedError, type Rule, titleFromCode } from '../provider';

/** Rows of the code tables: code, description, resolution (the F or U status column is the result's own). */
type Row = [code: string, description: string, resolution: string, category: Category, retry: RetryAdvice];

// In-process states (`pending`, `poll`): the operation may still succeed, so resending risks a duplicate.
// biome-ignore format: one documented row per line, as in the table
const rowsByTable: Record<string, Row[]> = {
  'Authentication & Authorization': [
    ['INVALID_SIGNATURE', 'Request signature validation failed', 'Verify signing algorithm and key', 'auth', 'no'],
    ['INVALID_CLIENT', 'Client ID not recognized', 'Check Client-Id header', 'auth', 'no'],
    ['INVALID_ACCESS_TOKEN', 'Access token invalid or expired', 'Refresh or re-authorize', 'auth', 'no'],
    ['EXPIRED_ACCESS_TOKEN', 'Access token has expired', 'Use refresh token', 'auth', 'no'],
    ['INSUFFICIENT_SCOPE', 'Token lacks required permissions', 'Request additional scopes', 'auth', 'no'],
    ['UNAUTHORIZED', 'Not authorized for this operation', 'Check credentials', 'auth', 'no'],
  ],
  'Request Validation': [
    ['PARAM_ILLEGAL', 'One or more parameters invalid', 'Check request parameters', 'validation', 'no'],
    ['MISSING_REQUIRED_PARAM', 'Required parameter not provided', 'Add missing parameter', 'validation', 'no'],
    ['INVALID_AMOUNT', 'Amount format or value invalid', 'Check amount format', 'validation', 'no'],
    ['INVALID_CURRENCY', 'Currency code not supported', 'Use valid ISO-4217 code', 'validation', 'no'],
    ['REQUEST_TIME_INVALID', 'Request timestamp out of range', 'Sync server clock', 'validation', 'no'],
  ],
  'Rate Limiting': [
    ['REQUEST_TRAFFIC_EXCEED_LIMIT', 'Rate limit exceeded', 'Implement backoff and retry', 'rate-limit', 'backoff'],
    ['SYSTEM_BUSY', 'System under heavy load', 'Retry after delay', 'rate-limit', 'backoff'],
  ],
  'System Errors': [
    ['UNKNOWN_EXCEPTION', 'Unexpected system error', 'Retry with exponential backoff', 'server', 'backoff'],
    ['PROCESS_FAIL', 'Processing failed', 'Retry the request', 'server', 'backoff'],
    ['SERVICE_UNAVAILABLE', 'Service temporarily unavailable', 'Retry later', 'server', 'backoff'],
  ],
  'Payment Creation': [
    ['ORDER_NOT_EXIST', 'Payment/order not found', 'Verify payment ID', 'not-found', 'no'],
    ['ORDER_IS_CLOSED', 'Order already completed or cancelled', 'Create new order', 'conflict', 'no'],
    ['ORDER_STATUS_INVALID', 'Order in invalid state', 'Check order status', 'conflict', 'no'],
    ['REPEAT_REQ_INCONSISTENT', 'Duplicate request with different params', 'Use new paymentRequestId', 'conflict', 'no'],
    ['PAYMENT_IN_PROCESS', 'Payment being processed', 'Poll for status', 'pending', 'poll'],
  ],
  'Payment Processing': [
    ['INVALID_AUTH_CODE', 'Payment auth code invalid/expired', 'Customer refreshes QR', 'payment', 'no'],
    ['INSUFFICIENT_BALANCE', 'Customer has insufficient funds', 'Inform customer', 'payment', 'no'],
    ['RISK_REJECT', 'Rejected by risk system', 'Contact support', 'payment', 'no'],
    ['USER_NOT_EXIST', 'User account not found', 'Verify user ID', 'not-found', 'no'],
    ['PAYMENT_TIMEOUT', 'Payment timed out', 'Create new payment', 'payment', 'no'],
  ],
  Refunds: [
    ['REFUND_AMOUNT_EXCEED', 'Refund exceeds available amount', 'Check refund amount', 'payment', 'no'],
    ['REFUND_NOT_ALLOWED', 'Payment cannot be refunded', 'Check payment state', 'conflict', 'no'],
    ['REFUND_IN_PROCESS', 'Refund being processed', 'Poll for status', 'pending', 'poll'],
    ['REFUND_NOT_EXIST', 'Refund record not found', 'Verify refund ID', 'not-found', 'no'],
  ],
  Void: [
    ['VOID_NOT_ALLOWED', 'Payment cannot be voided', 'Use refund instead', 'conflict', 'no'],
    ['ORDER_ALREADY_SETTLED', 'Payment already settled', 'Use refund instead', 'conflict', 'no'],
    ['VOID_IN_PROCESS', 'Void being processed', 'Poll for status', 'pending', 'poll'],
  ],
  Capture: [
    ['CAPTURE_AMOUNT_EXCEED', 'Exceeds authorized amount', 'Check capture amount', 'payment', 'no'],
    ['AUTHORIZATION_EXPIRED', 'Pre-authorization expired', 'Create new authorization', 'payment', 'no'],
    ['CAPTURE_IN_PROCESS', 'Capture being processed', 'Poll for status', 'pending', 'poll'],
  ],
  'Authorization-Specific Error Codes': [
    ['INVALID_AUTH_CLIENT', 'Auth client configuration invalid', 'Check client setup', 'auth', 'no'],
    ['INVALID_AUTH_CLIENT_STATUS', 'Auth client disabled', 'Contact support', 'auth', 'no'],
    ['INVALID_CODE', 'Authorization code invalid', 'Request new auth', 'auth', 'no'],
    ['EXPIRED_CODE', 'Authorization code expired', 'Request new auth', 'auth', 'no'],
    ['USED_CODE', 'Authorization code already used', 'Use existing tokens', 'auth', 'no'],
    ['INVALID_REFRESH_TOKEN', 'Refresh token invalid', 'Re-authorize user', 'auth', 'no'],
    ['EXPIRED_REFRESH_TOKEN', 'Refresh token expired', 'Re-authorize user', 'auth', 'no'],
    ['AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE', 'Grant type not supported', 'Check grantType value', 'validation', 'no'],
  ],
  'Message-Specific Error Codes': [
    ['USER_NOT_SUBSCRIBED', 'User disabled notifications', 'Cannot send', 'conflict', 'no'],
    ['MESSAGE_CONTENT_INVALID', 'Message content violates policy', 'Review content', 'validation', 'no'],
    ['SENDING', 'Message queued for delivery', 'Will be delivered', 'pending', 'poll'],
  ],
};

const notes: Record<string, string> = {
  INVALID_SIGNATURE:
    'The Signature header reads "algorithm=SHA256withRSA, keyVersion=N, signature=..."; keyVersion must name the key the platform holds.',
  REQUEST_TIME_INVALID: 'The Request-Time header must be within about 5 minutes of the platform’s clock.',
};

const codeRules: Rule[] = Object.entries(rowsByTable).flatMap(([table, rows]) =>
  rows.map(([code, meaning, remedy, category, retry]) => {
    const note = notes[code];
    return {
      when: { code },
      table,
      title: titleFromCode(code),
      meaning,
      remedy,
      category,
      retry,
      ...(note ? { note } : {}),
    };
  }),
);

const rules: Rule[] = [
  ...codeRules,
  // The guides write INVALID_CODE where the table writes INVALID_AUTH_CODE; on a payment
  // endpoint that is the customer's payment code, not an OAuth authorization code.
  {
    when: { code: 'INVALID_CODE', path: /\/payments?\//i },
    table: 'Payment Processing',
    title: 'Invalid auth code',
    meaning: 'Payment auth code invalid/expired',
    remedy: 'Customer refreshes QR',
    category: 'payment',
    retry: 'no',
    note: 'Rebell’s guides write INVALID_CODE for the table’s INVALID_AUTH_CODE.',
  },
  // Result Status Values, for codes the tables do not list.
  {
    when: { outcome: 'failed' },
    table: 'Result Status Values',
    title: 'Failed',
    meaning: 'Request failed, check resultCode for details',
    remedy: 'Handle failure based on resultCode',
    category: 'payment',
    retry: 'no',
  },
  {
    when: { outcome: 'unknown' },
    table: 'Result Status Values',
    title: 'Unknown',
    meaning: 'Result unknown, retry or poll for status',
    remedy: 'Implement retry or polling logic',
    category: 'pending',
    retry: 'poll',
    note: 'An unknown result is not a failure: the operation may have succeeded.',
  },
  // HTTP statuses the platform uses around the result object.
  {
    when: { status: 401 },
    table: 'HTTP statuses',
    title: 'Unauthorized',
    meaning: 'Request signature validation failed',
    remedy: 'Verify signing algorithm and key',
    category: 'auth',
    retry: 'no',
    note: notes.INVALID_SIGNATURE,
  },
  {
    when: { status: 429 },
    table: 'HTTP statuses',
    title: 'Too Many Requests',
    meaning: 'Rate limit exceeded',
    remedy: 'Implement backoff and retry',
    category: 'rate-limit',
    retry: 'backoff',
  },
];

const outcomes: Record<string, ReportedError['outcome']> = {
  S: 'success',
  F: 'failed',
  U: 'unknown',
  A: 'accepted',
};

/** Every response carries `result: {resultStatus, resultCode, resultMessage}`. */
function readError(body: unknown): ReportedError {
  const result = get(body, 'result');
  const status = str(get(result, 'resultStatus'));
  const outcome = status !== null && Object.hasOwn(outcomes, status) ? outcomes[status] : undefined;
  const reported: ReportedError = {
    code: str(get(result, 'resultCode')),
    message: str(get(result, 'resultMessage')),
    fields: [],
  };
  // Set, not spread in: every Rebell response is read through here.
  if (outcome) reported.outcome = outcome;
  return reported;
}

/** How a JSON string holding a failing result status alone ends: `F"`, `U"`. */
const FAILING_STATUS_ENDINGS = Object.entries(outcomes).flatMap(([status, outcome]) =>
  outcome === 'failed' || outcome === 'unknown' ? [`${status}"`] : [],
);

/** A failing status is written with its letter and a quote, or with escapes. */
function mayReportFailure(text: string): boolean {
  return FAILING_STATUS_ENDINGS.some((ending) => text.includes(ending)) || text.includes('\\');
}

export const rebell: Provider = {
  id: 'rebell',
  name: 'Rebell OpenAPI',
  hosts: ['api.rebellapp.com', 'sandbox-api.rebellapp.com'],
  environments: [
    { name: 'production', hosts: ['api.rebellapp.com'] },
    { name: 'sandbox', hosts: ['sandbox-api.rebellapp.com'] },
  ],
  docsUrl: 'https://docs.rebellapp.com/openapis/error-codes',
  identifiedBy: 'code',
  signatureHeaders: [
    { header: 'Signature', signs: 'the method, path, Client-Id, Request-Time and body (RSA)' },
  ],
  readError,
  // The Alipay family (Antom, Alipay+ wallets) shares this envelope on its own hosts.
  fingerprint(body) {
    const { code, outcome } = readError(body);
    return code !== null && outcome !== undefined;
  },
  mayReportFailure,
  rules,
  timestamp: {
    header: 'Request-Time',
    formats: ['rfc-3339'],
    windowSeconds: 300,
    errors: { codes: ['REQUEST_TIME_INVALID'] },
  },
  // No token endpoint or lifetime is documented: only a JWT's own claims can date a token.
  bearerTokens: { errors: { codes: ['INVALID_ACCESS_TOKEN', 'EXPIRED_ACCESS_TOKEN'] } },
  // paymentRequestId, refundRequestId...: the merchant's key for one operation, which a
  // status query names too (v1 and v2 paths).
  idempotency: {
    keyField: /RequestId$/,
    conflicts: { codes: ['REPEAT_REQ_INCONSISTENT'] },
    queries: /\/inquiry[A-Za-z]*$/,
  },
  successes: [
    { outcome: 'success', title: 'Success', meaning: 'Request completed successfully' },
    { outcome: 'accepted', title: 'Accepted', meaning: 'Request accepted, processing asynchronously' },
  ],
};
