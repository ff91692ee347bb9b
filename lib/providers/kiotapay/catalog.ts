import { get, isObject, str } from '../../json';
import type { Provider, Rule } from '../provider';

const TOKEN_LIFETIMES =
  'Access tokens live 300 s and refresh tokens 1800 s; get new ones with POST /api/v1/get-token.';

const rules: Rule[] = [
  // Authentication & Authorization Errors
  {
    when: { code: 'AUTH_INVALID_TOKEN' },
    table: 'Authentication & Authorization Errors',
    title: 'Invalid authentication token',
    meaning: 'The provided token is expired or invalid.',
    remedy: 'Refresh or generate a new token.',
    category: 'auth',
    retry: 'no',
    note: TOKEN_LIFETIMES,
  },
  {
    when: { code: 'AUTH_MISSING_TOKEN' },
    table: 'Authentication & Authorization Errors',
    title: 'Authentication token missing',
    meaning: 'No authentication token was provided.',
    remedy: 'Ensure the Authorization header contains a valid token.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { code: 'AUTH_FORBIDDEN' },
    table: 'Authentication & Authorization Errors',
    title: 'Access denied',
    meaning: 'You do not have the required permissions to access this resource.',
    remedy: 'Check your user roles and permissions.',
    category: 'auth',
    retry: 'no',
  },
  // Request Errors
  {
    when: { code: 'REQ_BAD_REQUEST' },
    table: 'Request Errors',
    title: 'Bad request',
    meaning: 'The request is invalid or improperly formatted.',
    remedy: 'Verify the request payload and parameters.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { code: 'REQ_MISSING_FIELD' },
    table: 'Request Errors',
    title: 'Missing required field',
    meaning: 'A required field is missing in the request.',
    remedy: 'Check the API documentation for required fields.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { code: 'REQ_INVALID_FIELD' },
    table: 'Request Errors',
    title: 'Invalid field value',
    meaning: 'A field value is invalid or incorrectly formatted.',
    remedy: 'Ensure all field values conform to the expected data types and formats.',
    category: 'validation',
    retry: 'no',
  },
  // Resource Errors
  {
    when: { code: 'RESOURCE_NOT_FOUND' },
    table: 'Resource Errors',
    title: 'Resource not found',
    meaning: 'The requested resource does not exist.',
    remedy: 'Check the resource identifier or endpoint URL.',
    category: 'not-found',
    retry: 'no',
  },
  {
    when: { code: 'RESOURCE_LOCKED' },
    table: 'Resource Errors',
    title: 'Resource is locked',
    meaning: 'The resource is temporarily locked.',
    remedy: 'Retry after some time or contact support.',
    category: 'conflict',
    retry: 'backoff',
  },
  // Payment Errors
  {
    when: { code: 'PAYMENT_FAILED' },
    table: 'Payment Errors',
    title: 'Payment failed',
    meaning: 'The payment process could not be completed.',
    remedy: 'Check payment details and retry.',
    category: 'payment',
    retry: 'no',
  },
  {
    when: { code: 'PAYMENT_LIMIT_EXCEEDED' },
    table: 'Payment Errors',
    title: 'Payment limit exceeded',
    meaning: 'The payment exceeds the allowed limit.',
    remedy: 'Adjust the payment amount or contact support.',
    category: 'payment',
    retry: 'no',
  },
  {
    when: { code: 'INSUFFICIENT_FUNDS' },
    table: 'Payment Errors',
    title: 'Insufficient funds',
    meaning: 'The account has insufficient funds.',
    remedy: 'Ensure the account has sufficient balance.',
    category: 'payment',
    retry: 'no',
  },
  // Server Errors
  {
    when: { code: 'SERVER_ERROR' },
    table: 'Server Errors',
    title: 'Internal server error',
    meaning: 'An unexpected error occurred on the server.',
    remedy: 'Retry the request or contact support.',
    category: 'server',
    retry: 'backoff',
  },
  {
    when: { code: 'SERVICE_UNAVAILABLE' },
    table: 'Server Errors',
    title: 'Service unavailable',
    meaning: 'The service is temporarily unavailable.',
    remedy: 'Retry after a short delay.',
    category: 'server',
    retry: 'backoff',
  },
  {
    when: { code: 'TIMEOUT_ERROR' },
    table: 'Server Errors',
    title: 'Request timeout',
    meaning: 'The request took too long to process.',
    remedy: 'Optimize the request or retry later.',
    category: 'server',
    retry: 'backoff',
  },
  // HTTP Status Codes Overview: the documents give no remedy per status, so these
  // quote the page's "Handling Errors" steps or the matching code's solution.
  {
    when: { status: 400 },
    table: 'HTTP Status Codes Overview',
    title: 'Bad Request',
    meaning: 'Bad Request - The request was invalid.',
    remedy: 'Review the request: Ensure the request payload, headers, and parameters are correct.',
    category: 'validation',
    retry: 'no',
  },
  {
    when: { status: 401 },
    table: 'HTTP Status Codes Overview',
    title: 'Unauthorized',
    meaning: 'Unauthorized - Authentication is required.',
    remedy: 'Ensure the Authorization header contains a valid token.',
    category: 'auth',
    retry: 'no',
    note: TOKEN_LIFETIMES,
  },
  {
    when: { status: 403 },
    table: 'HTTP Status Codes Overview',
    title: 'Forbidden',
    meaning: 'Forbidden - Access is denied.',
    remedy: 'Check your user roles and permissions.',
    category: 'auth',
    retry: 'no',
  },
  {
    when: { status: 404 },
    table: 'HTTP Status Codes Overview',
    title: 'Not Found',
    meaning: 'Not Found - The requested resource does not exist.',
    remedy: 'Check the resource identifier or endpoint URL.',
    category: 'not-found',
    retry: 'no',
  },
  {
    when: { status: 500 },
    table: 'HTTP Status Codes Overview',
    title: 'Internal Server Error',
    meaning: 'Internal Server Error - A server error occurred.',
    remedy: 'Retry the request or contact support.',
    category: 'server',
    retry: 'backoff',
  },
  {
    when: { status: 503 },
    table: 'HTTP Status Codes Overview',
    title: 'Service Unavailable',
    meaning: 'Service Unavailable - The server is temporarily unavailable.',
    remedy: 'Retry after a short delay.',
    category: 'server',
    retry: 'backoff',
  },
];

/** Kiotapay's codes with their documented messages: codes alone (SERVER_ERROR) are too common. */
const messageOfCode = new Map(
  rules.flatMap(({ when, title }) =>
    typeof when.code === 'string' ? [[when.code, title.toLowerCase()] as const] : [],
  ),
);

/** Both shapes the page names: `{error: {code, message}}` and top-level `errorCode`. */
function readError(body: unknown) {
  const nested = get(body, 'error');
  const source = isObject(nested) ? nested : body;
  return {
    code: str(get(source, 'code')) ?? str(get(body, 'errorCode')),
    message: str(get(source, 'message')),
    fields: [],
  };
}

export const kiotapay: Provider = {
  id: 'kiotapay',
  name: 'Kiotapay',
  // The sandbox shares this host under /api/sandbox/v1/.
  hosts: ['api.kiotapay.co'],
  environments: [
    { name: 'production', hosts: ['api.kiotapay.co'], pathPrefix: '/api/v1/' },
    { name: 'sandbox', hosts: ['api.kiotapay.co'], pathPrefix: '/api/sandbox/v1/' },
  ],
  docsUrl: 'https://developer.kiotapay.co/api-reference/endpoint/errors',
  identifiedBy: 'code',
  readError,
  fingerprint(body) {
    const { code, message } = readError(body);
    const documented = code === null ? undefined : messageOfCode.get(code);
    return documented !== undefined && documented === message?.toLowerCase();
  },
  rules,
  // The reply: {"data": {"access_token", "expires_in": 300, ...}}; the issuer takes its
  // credentials in the body. The suffix matches the sandbox's /api/sandbox/v1/ too.
  bearerTokens: {
    issuer: {
      method: 'POST',
      path: /\/get-token\/?$/,
      scheme: null,
      tokenField: ['data', 'access_token'],
      lifetimeField: ['data', 'expires_in'],
      lifetimeSeconds: 300,
    },
  },
  successes: [
    { status: 200, title: 'OK', meaning: 'OK - The request was successful.' },
    { status: 201, title: 'Created', meaning: 'Created - A new resource was successfully created.' },
  ],
};
