import type { Exchange } from '../../lib/types';

/** An exchange with sensible defaults; `body` objects are sent as JSON text. */
export function exchange(
  url: string,
  status: number,
  body?: unknown,
  overrides: Partial<Exchange> = {},
): Exchange {
  return {
    method: 'POST',
    url,
    status,
    requestHeaders: [],
    responseHeaders: [{ name: 'Content-Type', value: 'application/json' }],
    startedDateTime: '2026-11-22T10:00:00.000Z',
    ...(body === undefined ? {} : { responseBody: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...overrides,
  };
}
