import type { ExchangeAnalysis } from './analyzer/types';

/** The fixed vocabulary shared by the catalog, the matcher, the CLI and the panel. */

export const CATEGORIES = [
  'auth',
  'validation',
  'payment',
  'not-found',
  'conflict',
  'rate-limit',
  'server',
  'pending',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * `no`: fix the request or account first; `backoff`: retry with exponential backoff;
 * `after`: the response states the wait; `poll`: query the status instead of resending.
 */
export const RETRY_ADVICE = ['no', 'backoff', 'after', 'poll'] as const;
export type RetryAdvice = (typeof RETRY_ADVICE)[number];

export interface Header {
  name: string;
  value: string;
}

/** One request and its response, as a browser or a HAR file recorded them. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  requestHeaders: Header[];
  responseHeaders: Header[];
  requestBody?: string;
  responseBody?: string;
  /** `base64` when `responseBody` holds base64 rather than the text itself. */
  responseEncoding?: string;
  mimeType?: string;
  startedDateTime: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Retry {
  advice: RetryAdvice;
  afterSeconds?: number;
}

export type MatchKind = 'host' | 'fingerprint';
export type Outcome = 'failed' | 'unknown';

export interface Diagnosis {
  provider: string;
  providerName: string;
  match: MatchKind;
  outcome: Outcome;
  method: string;
  url: string;
  status: number;
  startedDateTime: string;
  /** The provider's machine code from the body, else null. */
  code: string | null;
  /** The provider's human message from the body, else null. */
  message: string | null;
  /** False when the body reports something the catalog does not know. */
  documented: boolean;
  category: Category;
  title: string;
  meaning: string;
  remedy: string;
  retry: Retry;
  fields: FieldError[];
  docsUrl: string;
  /** What the catalog knows beyond the documented row (quirks, token lifetimes). */
  note?: string;
  /** Set when the body could not be read, saying why (too large, not JSON, binary...). */
  bodyNote?: string;
}

/** A diagnosis with the exchange it came from, as the formatters need both. */
export interface Finding {
  /** Position in the HAR's `log.entries`, when the exchange came from a HAR file. */
  entryIndex?: number;
  /** The HAR file it came from, as the CLI was given it. */
  file?: string;
  exchange: Exchange;
  diagnosis: Diagnosis;
  /** What the session analyzer found of it: why it happened here, and its support ids. */
  analysis?: ExchangeAnalysis;
  /** Set when a backend diagnosed the exchange and a page response carried the diagnosis. */
  backend?: BackendOrigin;
}

/** Where a backend's diagnosis came from: the host that reported it, in answer to which page request. */
export interface BackendOrigin {
  reportedBy: string;
  pageRequest: { method: string; url: string };
}
