import type { Category, FieldError, RetryAdvice } from '../types';

/** What a provider's body says, read by the provider's own `readError`. */
export interface ReportedError {
  code: string | null;
  message: string | null;
  fields: FieldError[];
  /** The wait the body asks for (`retry_after` and the like). */
  retryAfterSeconds?: number;
  /** For providers that state the outcome in the body, on 2xx responses too. */
  outcome?: 'success' | 'failed' | 'unknown' | 'accepted';
}

/** All given conditions must hold. */
export interface RuleCondition {
  code?: string | readonly string[];
  message?: string | RegExp;
  outcome?: 'failed' | 'unknown';
  status?: number;
  method?: string;
  /** Tested against the URL's path, without query. */
  path?: RegExp;
}

/** One documented row: when it applies and what the documents say about it. */
export interface Rule {
  when: RuleCondition;
  /** The documented table the row comes from, as the catalog view groups it. */
  table: string;
  title: string;
  meaning: string;
  remedy: string;
  category: Category;
  retry: RetryAdvice;
  /** What the catalog knows beyond the documented row. */
  note?: string;
}

/** A documented row that describes success: known to the catalog, never a diagnosis. */
export interface DocumentedSuccess {
  status?: number;
  outcome?: 'success' | 'accepted';
  title: string;
  meaning: string;
}

/** Where one of a provider's environments lives: its hosts, and a path prefix when they share a host. */
export interface Environment {
  name: 'production' | 'sandbox';
  hosts: readonly string[];
  pathPrefix?: string;
}

/** Picks diagnoses by the provider's code or message, for the session analyzer. */
export interface DiagnosisSelector {
  codes?: readonly string[];
  /** Tested against the trimmed reported message. */
  messages?: RegExp;
}

/** `rfc-3339` requires seconds and an offset; `iso-8601` without an offset is read as UTC. */
export type TimestampFormat = 'iso-8601' | 'unix-seconds' | 'rfc-3339';

/** The header a provider's signed requests state their time in. */
export interface RequestTimestamp {
  header: string;
  formats: readonly TimestampFormat[];
  /** How far the time may be from the provider's clock, when the documents say. */
  windowSeconds?: number;
  /** The diagnoses that are timestamp errors. */
  errors: DiagnosisSelector;
}

/** The endpoint that issues access tokens, and what its documents say of them. */
export interface TokenIssuer {
  method: string;
  /** Tested against the URL's path, without query. */
  path: RegExp;
  /** The Authorization scheme the endpoint itself takes; null when credentials go in the body. */
  scheme: 'Basic' | null;
  /** Where its JSON reply holds the access token and its lifetime in seconds. */
  tokenField: readonly string[];
  lifetimeField: readonly string[];
  /** The documented lifetime, for replies that do not state theirs. */
  lifetimeSeconds: number;
}

/** A provider whose requests carry `Authorization: Bearer <access token>`. */
export interface BearerTokens {
  /** The diagnoses about the token; every `auth` diagnosis when absent. */
  errors?: DiagnosisSelector;
  issuer?: TokenIssuer;
}

/** A documented request limit, counted per API key. */
export interface RateLimit {
  requests: number;
  windowSeconds: number;
  /** The request header that carries the key; compared by keyed digest, never kept. */
  keyHeader: string;
}

/** How a provider's idempotency keys work: a key names one operation, whatever is resent with it. */
export interface IdempotencyKeys {
  /** Tested against the request body's top-level field names. */
  keyField: RegExp;
  /** The diagnoses that say a key came back with different parameters. */
  conflicts?: DiagnosisSelector;
  /** Creates that answer a reused key with a success that silently returns the first operation. */
  replays?: { method: string; path: RegExp; status: number };
  /** Endpoints that read an operation by its key: sending the key there does not use it. */
  queries?: RegExp;
}

export interface Provider {
  id: string;
  name: string;
  /** Exact host names, lower case. */
  hosts: readonly string[];
  /** The documented environments; a provider whose sandbox is a mode of the account lists production alone. */
  environments: readonly Environment[];
  docsUrl: string;
  /**
   * What names an error in the provider's documents. When the body carries such a name
   * and no rule knows it, the diagnosis is `documented: false`. `endpoint`: the rows are
   * keyed by status and endpoint, and the body's text is detail.
   */
  identifiedBy: 'code' | 'message' | 'endpoint';
  /** Reads an error out of a parsed body of any shape; never throws. */
  readError(body: unknown): ReportedError;
  /** True only for a body shape precise enough to name this provider on any host. */
  fingerprint?(body: unknown): boolean;
  /**
   * For a provider that reports failures inside 2xx responses: false when a 2xx body's text
   * cannot hold one, so that the matcher need not parse it. Never false for a text in which
   * `readError` would find a failed or unknown outcome.
   */
  mayReportFailure?(text: string): boolean;
  rules: readonly Rule[];
  successes: readonly DocumentedSuccess[];
  /** Request headers that sign the request: a replayed request must recompute them. */
  signatureHeaders?: ReadonlyArray<{ header: string; signs: string }>;
  /** For the session analyzer's clock-skew insights. */
  timestamp?: RequestTimestamp;
  /** For the session analyzer's token insights. */
  bearerTokens?: BearerTokens;
  /** For the session analyzer's rate insights and warnings. */
  rateLimit?: RateLimit;
  /** For the session analyzer's idempotency insights and warnings. */
  idempotency?: IdempotencyKeys;
}

/** `INVALID_AUTH_CLIENT` → `Invalid auth client`, for codes whose rows have no title. */
export function titleFromCode(code: string): string {
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The codes a provider's rules name, for fingerprints that accept only known codes. */
export function knownCodes(rules: readonly Rule[]): Set<string> {
  const codes = new Set<string>();
  for (const { when } of rules) {
    if (typeof when.code === 'string') codes.add(when.code);
    else if (when.code) for (const code of when.code) codes.add(code);
  }
  return codes;
}
