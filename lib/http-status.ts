import type { Rule } from './providers/provider';

type Explanation = Omit<Rule, 'when' | 'table' | 'note'>;

/** What any HTTP API means by a status, for responses no provider rule explains. */
const known: Record<number, Explanation> = {
  400: {
    title: 'Bad Request',
    meaning: 'The server could not process the request as sent.',
    remedy: 'Check the request body and parameters against the provider’s documentation.',
    category: 'validation',
    retry: 'no',
  },
  401: {
    title: 'Unauthorized',
    meaning: 'The request lacks valid credentials.',
    remedy: 'Check the API key or token and how it is sent.',
    category: 'auth',
    retry: 'no',
  },
  402: {
    title: 'Payment Required',
    meaning: 'The payment could not be completed.',
    remedy: 'Check the payment details and the payer’s funds.',
    category: 'payment',
    retry: 'no',
  },
  403: {
    title: 'Forbidden',
    meaning: 'The credentials are valid but not allowed to do this.',
    remedy: 'Check the account’s permissions and configuration.',
    category: 'auth',
    retry: 'no',
  },
  404: {
    title: 'Not Found',
    meaning: 'The resource or endpoint does not exist.',
    remedy: 'Check the identifier, the path and the environment (sandbox or production).',
    category: 'not-found',
    retry: 'no',
  },
  405: {
    title: 'Method Not Allowed',
    meaning: 'The endpoint does not accept this HTTP method.',
    remedy: 'Check the method the documentation gives for this endpoint.',
    category: 'validation',
    retry: 'no',
  },
  408: {
    title: 'Request Timeout',
    meaning: 'The server gave up waiting for the request.',
    remedy: 'Retry with backoff.',
    category: 'server',
    retry: 'backoff',
  },
  409: {
    title: 'Conflict',
    meaning: 'The request conflicts with the current state of the resource.',
    remedy: 'Fetch the resource’s current state before trying again.',
    category: 'conflict',
    retry: 'no',
  },
  410: {
    title: 'Gone',
    meaning: 'The resource existed but is no longer available.',
    remedy: 'Create the resource again instead of reusing it.',
    category: 'not-found',
    retry: 'no',
  },
  413: {
    title: 'Payload Too Large',
    meaning: 'The request body is larger than the server accepts.',
    remedy: 'Send a smaller body.',
    category: 'validation',
    retry: 'no',
  },
  415: {
    title: 'Unsupported Media Type',
    meaning: 'The server does not accept the body’s content type.',
    remedy: 'Send the body as JSON with Content-Type: application/json.',
    category: 'validation',
    retry: 'no',
  },
  422: {
    title: 'Unprocessable Entity',
    meaning: 'The request was well-formed but failed validation.',
    remedy: 'Correct the fields the response names and resend.',
    category: 'validation',
    retry: 'no',
  },
  423: {
    title: 'Locked',
    meaning: 'The resource is locked.',
    remedy: 'Retry with backoff.',
    category: 'conflict',
    retry: 'backoff',
  },
  429: {
    title: 'Too Many Requests',
    meaning: 'Too many requests in a given time.',
    remedy: 'Slow down and retry with backoff, honouring any Retry-After header.',
    category: 'rate-limit',
    retry: 'backoff',
  },
  500: {
    title: 'Internal Server Error',
    meaning: 'The provider failed to handle the request.',
    remedy: 'Retry with backoff; contact the provider if it persists.',
    category: 'server',
    retry: 'backoff',
  },
  501: {
    title: 'Not Implemented',
    meaning: 'The server does not support this operation.',
    remedy: 'Check the endpoint and method.',
    category: 'server',
    retry: 'no',
  },
  502: {
    title: 'Bad Gateway',
    meaning: 'A gateway in front of the provider got a bad answer from it.',
    remedy: 'Retry with backoff.',
    category: 'server',
    retry: 'backoff',
  },
  503: {
    title: 'Service Unavailable',
    meaning: 'The provider is temporarily unavailable.',
    remedy: 'Retry with backoff, honouring any Retry-After header.',
    category: 'server',
    retry: 'backoff',
  },
  504: {
    title: 'Gateway Timeout',
    meaning: 'A gateway in front of the provider timed out waiting for it.',
    remedy: 'Retry with backoff; check first whether the operation took effect.',
    category: 'server',
    retry: 'backoff',
  },
};

const clientError: Explanation = {
  title: 'Client Error',
  meaning: 'The provider rejected the request.',
  remedy: 'Check the request against the provider’s documentation.',
  category: 'validation',
  retry: 'no',
};

const serverError: Explanation = {
  title: 'Server Error',
  meaning: 'The provider failed to handle the request.',
  remedy: 'Retry with backoff; contact the provider if it persists.',
  category: 'server',
  retry: 'backoff',
};

const reportedFailure: Explanation = {
  title: 'Failure reported in the body',
  meaning: 'The HTTP status says success, but the body reports a failure.',
  remedy: 'Read the code and message in the body.',
  category: 'payment',
  retry: 'no',
};

export function explainStatus(status: number): Explanation {
  return known[status] ?? (status >= 500 ? serverError : status >= 400 ? clientError : reportedFailure);
}
