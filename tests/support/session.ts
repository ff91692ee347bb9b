import { createSessionAnalyzer, type SessionAnalyzerOptions } from '../../lib/analyzer';
import { createMatcher } from '../../lib/matcher';
import type { Exchange, Header } from '../../lib/types';

export const T0 = Date.parse('2026-11-22T10:00:00.000Z');

export const iso = (ms: number) => new Date(ms).toISOString();
/** The IMF-fixdate a server's `Date` header carries. */
export const httpDate = (ms: number) => new Date(ms).toUTCString();

interface Call {
  method?: string;
  url: string;
  status: number;
  body?: unknown;
  /** Seconds after T0 at which the request starts. */
  at?: number;
  request?: Record<string, string>;
  response?: Record<string, string>;
  /** The request body: a string as is, anything else as JSON. */
  sent?: unknown;
}

const headers = (record: Record<string, string> = {}): Header[] =>
  Object.entries(record).map(([name, value]) => ({ name, value }));

/** An exchange as a capture records it, built from what the provider documents say. */
export function call({
  method = 'POST',
  url,
  status,
  body,
  at = 0,
  request,
  response,
  sent,
}: Call): Exchange {
  return {
    method,
    url,
    status,
    requestHeaders: headers(request),
    responseHeaders: [{ name: 'Content-Type', value: 'application/json' }, ...headers(response)],
    startedDateTime: iso(T0 + at * 1000),
    ...(sent === undefined ? {} : { requestBody: typeof sent === 'string' ? sent : JSON.stringify(sent) }),
    ...(body === undefined ? {} : { responseBody: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}

/** Runs a capture through the matcher and the analyzer, in order, as the CLI and panel do. */
export function analyse(exchanges: Exchange[], options: SessionAnalyzerOptions = {}) {
  const diagnose = createMatcher();
  const analyzer = createSessionAnalyzer({ secretKey: 'test key', ...options });
  const results = exchanges.map((exchange, index) => {
    const diagnosis = diagnose(exchange);
    return { diagnosis, ...analyzer.observe(exchange, index, diagnosis) };
  });
  return { results, warnings: analyzer.warnings() };
}
