import { get, str } from '../../json';
import type { Provider, ReportedError, Rule } from '../provider';

// The documented paths, with or without a version prefix in front.
const PAYMENT_REQUEST = /\/payment\/request\/?$/;
const PAYMENT_REQUEST_BY_ID = /\/payment\/request\/[^/]+\/?$/;
const OAUTH_TOKEN = /\/oauth\/token\/?$/;

const TOKEN_NOTE = 'Tokens from POST /oauth/token live 3600 s and there is no refresh token.';

// Troubleshooting rows: the meaning depends on the endpoint as well as the status.
const rules: Rule[] = [
  {
    when: { status: 400, method: 'POST', path: PAYMENT_REQUEST },
    table: 'Errors',
    title: 'Bad Request',
    meaning: 'Missing or malformed JSON; required field omitted',
    remedy: 'Ensure body includes amount, currency, and redirect_url exactly as documented',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { status: 401 },
    table: 'Errors',
    title: 'Unauthorized',
    meaning: 'Missing or expired access_token',
    remedy: 'Call POST /oauth/token again and set Authorization: Bearer <token>',
    category: 'auth',
    retry: 'no',
    note: TOKEN_NOTE,
  },
  {
    when: { status: 403, method: 'POST', path: OAUTH_TOKEN },
    table: 'Errors',
    title: 'Forbidden',
    meaning: 'Wrong client_id / client_secret or bad Basic Auth header',
    remedy: 'Re‑encode credentials and retry',
    category: 'auth',
    retry: 'no',
    note: 'The Basic header is base64 of client_id:client_secret, with grant_type client_credentials.',
  },
  {
    when: { status: 404, method: 'GET', path: PAYMENT_REQUEST_BY_ID },
    table: 'Errors',
    title: 'Not Found',
    meaning: 'ID not present in environment',
    remedy: 'Confirm the ID and that you are using the correct base URL (sandbox vs. production)',
    category: 'not-found',
    retry: 'no',
    note: 'Sandbox ("demo") is public-api.demo.alternativepayments.io; production is public-api.alternativepayments.io.',
  },
  {
    when: { status: 422, method: 'POST', path: PAYMENT_REQUEST },
    table: 'Errors',
    title: 'Validation Exception',
    meaning: 'Business‑rule failure (e.g., unsupported currency, negative amount)',
    remedy: 'Use a valid ISO 4217 code; amount must be a positive integer',
    category: 'validation',
    retry: 'no',
    note: 'Amounts are integers in the smallest currency unit.',
  },
  {
    when: { status: 500 },
    table: 'Errors',
    title: 'Server Error',
    meaning: 'Unexpected internal condition',
    remedy: 'Retry with back‑off; contact support if persistent',
    category: 'server',
    retry: 'backoff',
  },
  {
    when: { status: 429 },
    table: 'Errors',
    title: 'Too Many Requests',
    meaning: 'Rate limit exceeded (more than 5 requests per second per API key)',
    remedy:
      'Slow down requests, implement retry with exponential backoff, and ensure you stay within rate limits',
    category: 'rate-limit',
    retry: 'backoff',
  },
];

/** A 400 puts its detail in `error.message`; other errors are read the same way. */
function readError(body: unknown): ReportedError {
  const error = get(body, 'error');
  return {
    code: str(get(error, 'code')) ?? str(get(body, 'code')),
    message: str(get(error, 'message')) ?? str(get(body, 'message')) ?? str(error),
    fields: [],
  };
}

export const alternativePayments: Provider = {
  id: 'alternative-payments',
  name: 'Alternative Payments',
  hosts: ['public-api.alternativepayments.io', 'public-api.demo.alternativepayments.io'],
  environments: [
    { name: 'production', hosts: ['public-api.alternativepayments.io'] },
    { name: 'sandbox', hosts: ['public-api.demo.alternativepayments.io'] },
  ],
  docsUrl: 'https://docs.alternativepayments.io',
  identifiedBy: 'endpoint',
  readError,
  // No fingerprint: `{error: {message}}` is far too common to name this provider.
  rules,
  bearerTokens: {
    issuer: {
      method: 'POST',
      path: OAUTH_TOKEN,
      scheme: 'Basic',
      tokenField: ['access_token'],
      lifetimeField: ['expires_in'],
      lifetimeSeconds: 3600,
    },
  },
  // "More than 5 requests per second per API key". Requests carry the key's bearer token, which
  // stands for the key: a client that refreshes its token mid-second is counted as two.
  rateLimit: { requests: 5, windowSeconds: 1, keyHeader: 'Authorization' },
  successes: [],
};
