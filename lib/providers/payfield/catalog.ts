import { get, isObject, str } from '../../json';
import type { FieldError } from '../../types';
import type { Provider, ReportedError, Rule } from '../provider';

const SIGNATURE_NOTE = 'X-Signature is the HMAC-SHA256 of X-Timestamp followed by the raw request body.';

const TIMESTAMP_MESSAGES = /^(Timestamp required|Invalid timestamp format|Timestamp window exceeded)\.?$/;

// Common messages. Payfield names errors by message text, some of which carry a value.
const messageRules: Rule[] = [
  {
    when: { message: 'API key required' },
    table: 'Common messages',
    title: 'API key required',
    meaning: 'X-API-Key header not sent.',
    remedy: 'Add a valid API key.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { message: 'Invalid API key' },
    table: 'Common messages',
    title: 'Invalid API key',
    meaning: 'Key not found or inactive.',
    remedy: 'Check key and status in the dashboard.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { message: TIMESTAMP_MESSAGES },
    table: 'Common messages',
    title: 'Timestamp required / Invalid timestamp format / Timestamp window exceeded',
    meaning: 'Missing, invalid, or expired X-Timestamp.',
    remedy: 'Send current UTC time within the allowed window.',
    category: 'auth',
    retry: 'no',
    note: 'X-Timestamp accepts ISO-8601 or UNIX seconds.',
  },
  {
    when: { message: 'Invalid signature' },
    table: 'Common messages',
    title: 'Invalid signature',
    meaning: 'Signature does not match.',
    remedy: 'Verify HMAC-SHA256 formula.',
    category: 'auth',
    retry: 'no',
    note: SIGNATURE_NOTE,
  },
  {
    when: { message: 'external_id is required' },
    table: 'Common messages',
    title: 'external_id is required',
    meaning: 'external_id not sent.',
    remedy: 'Send external_id for create requests.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { message: 'amount must be a positive decimal string' },
    table: 'Common messages',
    title: 'amount must be a positive decimal string',
    meaning: 'Amount missing, not a string, invalid, or not positive.',
    remedy: 'Send amount as a string, for example "5000.00".',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { message: 'currency is required' },
    table: 'Common messages',
    title: 'currency is required',
    meaning: 'Currency not specified.',
    remedy: 'Send ISO currency code.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { message: 'card_number is required' },
    table: 'Common messages',
    title: 'card_number is required',
    meaning: 'Card number not specified for payout.',
    remedy: 'Send recipient wallet, account, or card number.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { message: 'callback_url must be a valid URL' },
    table: 'Common messages',
    title: 'callback_url must be a valid URL',
    meaning: 'callback_url is not valid.',
    remedy: 'Use a valid URL or omit the field.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { message: /^Shop currency mismatch\. Expected \S+?\.?$/ },
    table: 'Common messages',
    title: 'Shop currency mismatch. Expected X.',
    meaning: 'Request currency does not match shop currency.',
    remedy: 'Use the shop currency.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { message: /^Insufficient balance/ },
    table: 'Common messages',
    title: 'Insufficient balance...',
    meaning: 'Not enough balance for payout.',
    remedy: 'Top up balance or reduce amount.',
    category: 'payment',
    retry: 'no',
  },
  {
    when: { message: /^(Payout not found|PayIn not found)\.?$/ },
    table: 'Common messages',
    title: 'Payout not found / PayIn not found',
    meaning: 'No operation found for the resolved shop scope.',
    remedy: 'Check identifier and shop_code.',
    category: 'not-found',
    retry: 'no',
  },
  // Seen in the field, not in the table.
  {
    when: { message: /^Shop with code .* not found or inactive\.?$/ },
    table: 'Seen in the field',
    title: 'Shop not found or inactive',
    meaning: 'The shop_code does not name an active shop for this API key.',
    remedy: 'Check shop_code and that the shop is active in the dashboard.',
    category: 'not-found',
    retry: 'no',
  },
];

// HTTP codes. The table gives meanings only; remedies follow the matching messages.
const statusRules: Rule[] = [
  {
    when: { status: 401 },
    table: 'HTTP codes',
    title: 'Unauthorized',
    meaning: 'Unauthorized. Authentication error: key, signature, or timestamp.',
    remedy: 'Check X-API-Key, X-Timestamp (current UTC time) and X-Signature (HMAC-SHA256).',
    category: 'auth',
    retry: 'no',
    note: SIGNATURE_NOTE,
  },
  {
    when: { status: 403 },
    table: 'HTTP codes',
    title: 'Forbidden',
    meaning: 'Forbidden. Access denied.',
    remedy: 'Check key and status in the dashboard.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { status: 404 },
    table: 'HTTP codes',
    title: 'Not Found',
    meaning: 'Not Found. Payout or PayIn by external_id was not found.',
    remedy: 'Check identifier and shop_code.',
    category: 'not-found',
    retry: 'no',
  },
  {
    when: { status: 422 },
    table: 'HTTP codes',
    title: 'Unprocessable Entity',
    meaning: 'Unprocessable Entity. Validation or business rule error.',
    remedy: 'Correct the fields named in the response and resend.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { status: 500 },
    table: 'HTTP codes',
    title: 'Internal Server Error',
    meaning: 'Internal Server Error. Server error.',
    remedy: 'Retry with exponential backoff; contact Payfield support if it persists.',
    category: 'server',
    retry: 'backoff',
  },
];

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  // A loop, not flatMap: every failing Payfield response is read through here.
  const fields: FieldError[] = [];
  for (const item of value) {
    const field = str(get(item, 'field'));
    const message = str(get(item, 'message'));
    if (field !== null && message !== null) fields.push({ field, message });
  }
  return fields;
}

/** `{message, code}` at the top, mirrored in `error: {code, message}`; `errors[]` for fields. */
function readError(body: unknown): ReportedError {
  const error = get(body, 'error');
  return {
    code: str(get(body, 'code')) ?? str(get(error, 'code')),
    message: str(get(body, 'message')) ?? str(get(error, 'message')),
    fields: fieldErrors(get(body, 'errors')),
  };
}

export const payfield: Provider = {
  id: 'payfield',
  name: 'Payfield',
  // A white-label API: other deployments are added as custom hosts in the settings.
  hosts: ['api.payfield.io'],
  environments: [{ name: 'production', hosts: ['api.payfield.io'] }],
  docsUrl: 'https://api.docs.payfield.io',
  identifiedBy: 'message',
  signatureHeaders: [{ header: 'X-Signature', signs: 'X-Timestamp followed by the raw body' }],
  readError,
  // Only the mirrored envelope is Payfield's own: top-level code and message repeated in `error`.
  fingerprint(body) {
    const error = get(body, 'error');
    const code = str(get(body, 'code'));
    const message = str(get(body, 'message'));
    return (
      isObject(error) &&
      code !== null &&
      message !== null &&
      get(error, 'code') === code &&
      get(error, 'message') === message
    );
  },
  rules: [...messageRules, ...statusRules],
  // The documents name no window length: "within the allowed window".
  timestamp: {
    header: 'X-Timestamp',
    formats: ['iso-8601', 'unix-seconds'],
    errors: { messages: TIMESTAMP_MESSAGES },
  },
  // A create whose external_id exists is answered 200 "already exists" with the first operation.
  idempotency: {
    keyField: /^external_id$/,
    replays: { method: 'POST', path: /\/(?:payouts|payins)\/?$/, status: 200 },
  },
  successes: [
    {
      status: 200,
      title: 'OK',
      meaning: 'OK. Request completed, including idempotent “already exists” responses.',
    },
    { status: 201, title: 'Created', meaning: 'Created. Resource created.' },
  ],
};
