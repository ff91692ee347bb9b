import { type BodyRead, readBody } from './body';
import { createHostLookup, type HostLookup, type HostLookups } from './hosts';
import { explainStatus } from './http-status';
import { providers as catalog } from './providers';
import type { Provider, ReportedError, Rule, RuleCondition } from './providers/provider';
import { redactorFor } from './redact';
import type { Diagnosis, Exchange, FieldError, MatchKind, Outcome, Retry } from './types';
import { pathOf } from './url';

export interface MatcherOptions {
  /** Also recognise a provider's error relayed by any host, by the body's shape alone. */
  anyHost?: boolean;
  /** The user's own hosts (exact or `*.parent`), each assigned to a provider id. */
  hosts?: Readonly<Record<string, string>>;
  /** Only these providers; all when absent. */
  providers?: readonly string[];
}

export type Diagnose = (exchange: Exchange) => Diagnosis | null;

/** Free text longer than this is not matched against patterns, and is kept only in part (redacted). */
const MAX_TEXT = 2_000;
/** More field errors than anyone reads; the rest stay in the response body. */
const MAX_FIELDS = 200;

const NOTHING_REPORTED: ReportedError = { code: null, message: null, fields: [] };

interface Facts {
  reported: ReportedError;
  /** The reported message, trimmed; null when absent or too long to match patterns against. */
  message: string | null;
  status: number;
  method: string;
  url: string;
  /** The URL's path, read when a rule first asks for it. */
  path: string | undefined;
  outcome: Outcome;
}

function holds(when: RuleCondition, facts: Facts): boolean {
  const { reported } = facts;
  if (when.code !== undefined) {
    if (reported.code === null) return false;
    if (typeof when.code === 'string' ? when.code !== reported.code : !when.code.includes(reported.code)) {
      return false;
    }
  }
  if (when.message !== undefined) {
    const message = facts.message;
    if (message === null) return false;
    if (typeof when.message === 'string' ? when.message !== message : !when.message.test(message))
      return false;
  }
  // The body's own word, not the HTTP status: a bare 401 is not a "failed" result.
  if (when.outcome !== undefined && when.outcome !== reported.outcome) return false;
  if (when.status !== undefined && when.status !== facts.status) return false;
  if (when.method !== undefined && when.method !== facts.method) return false;
  if (when.path !== undefined) {
    facts.path ??= pathOf(facts.url);
    if (!when.path.test(facts.path)) return false;
  }
  return true;
}

/** A code outranks a message, then an endpoint, a status, and last the body's outcome. */
function specificity(when: RuleCondition): number {
  return (
    (when.code !== undefined ? 64 : 0) +
    (when.message !== undefined ? 32 : 0) +
    (when.path !== undefined ? 8 : 0) +
    (when.method !== undefined ? 4 : 0) +
    (when.status !== undefined ? 2 : 0) +
    (when.outcome !== undefined ? 1 : 0)
  );
}

interface RankedRule {
  rule: Rule;
  score: number;
  /** Declaration order, which breaks ties. */
  order: number;
}

/** A provider's rules indexed once, so a diagnosis tests only the rules that can apply. */
interface RuleIndex {
  byCode: Map<string, RankedRule[]>;
  /** Rules naming a message word for word, by it; those naming a pattern apart. */
  byMessage: Map<string, RankedRule[]>;
  byMessagePattern: RankedRule[];
  rest: RankedRule[];
}

const NO_RULES: readonly RankedRule[] = [];

function addTo(map: Map<string, RankedRule[]>, key: string, ranked: RankedRule) {
  const list = map.get(key) ?? [];
  list.push(ranked);
  map.set(key, list);
}

const indexes = new WeakMap<Provider, RuleIndex>();

function ruleIndex(provider: Provider): RuleIndex {
  let index = indexes.get(provider);
  if (index) return index;
  index = { byCode: new Map(), byMessage: new Map(), byMessagePattern: [], rest: [] };
  provider.rules.forEach((rule, order) => {
    const ranked = { rule, score: specificity(rule.when), order };
    const { code, message } = rule.when;
    if (code !== undefined) {
      for (const one of typeof code === 'string' ? [code] : code) addTo(index.byCode, one, ranked);
    } else if (typeof message === 'string') addTo(index.byMessage, message, ranked);
    else if (message !== undefined) index.byMessagePattern.push(ranked);
    else index.rest.push(ranked);
  });
  indexes.set(provider, index);
  return index;
}

function outranks(candidate: RankedRule, than: RankedRule | undefined): boolean {
  return (
    than === undefined ||
    candidate.score > than.score ||
    (candidate.score === than.score && candidate.order < than.order)
  );
}

function best(candidates: readonly RankedRule[], facts: Facts, start?: RankedRule): RankedRule | undefined {
  let result = start;
  for (const candidate of candidates) {
    if (outranks(candidate, result) && holds(candidate.rule.when, facts)) result = candidate;
  }
  return result;
}

/** The most specific rule that holds, and whether the catalog knows what the body names. */
function bestRule(provider: Provider, facts: Facts): { rule: Rule | undefined; documented: boolean } {
  const index = ruleIndex(provider);
  const { code, message } = facts.reported;
  const byCode = code === null ? undefined : best(index.byCode.get(code) ?? NO_RULES, facts);
  // A map lookup hashes the whole message: skipped for providers that name none word for word.
  const byMessage =
    facts.message === null
      ? undefined
      : best(
          index.byMessagePattern,
          facts,
          index.byMessage.size === 0
            ? undefined
            : best(index.byMessage.get(facts.message) ?? NO_RULES, facts),
        );
  const named = byMessage && outranks(byMessage, byCode) ? byMessage : byCode;
  const winner = best(index.rest, facts, named);
  const rule = winner?.rule;
  switch (provider.identifiedBy) {
    case 'code':
      return { rule, documented: rule !== undefined && (code === null || byCode !== undefined) };
    case 'message':
      return { rule, documented: rule !== undefined && (message === null || byMessage !== undefined) };
    case 'endpoint':
      return { rule, documented: rule !== undefined };
  }
}

function header(headers: unknown, name: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  const found: unknown = headers.find(
    (h) => typeof h?.name === 'string' && h.name.toLowerCase() === name,
  )?.value;
  return typeof found === 'string' ? found : undefined;
}

/** `Retry-After` in seconds, or as an HTTP date relative to when the request started. */
function retryAfterHeader(exchange: Exchange): number | undefined {
  const value = header(exchange.responseHeaders, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Only an HTTP date: Date.parse would take "-5" or "1.5" for dates too.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return undefined;
  const at = Date.parse(value);
  const now =
    typeof exchange.startedDateTime === 'string' ? Date.parse(exchange.startedDateTime) : Number.NaN;
  return Number.isNaN(at) || Number.isNaN(now) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/** The rule's advice, made `after` when the response states its wait. */
function retryAdvice(advice: Rule['retry'], reported: ReportedError, exchange: Exchange): Retry {
  if (advice !== 'after' && advice !== 'backoff') return { advice };
  const wait = reported.retryAfterSeconds ?? retryAfterHeader(exchange);
  return wait === undefined ? { advice: 'backoff' } : { advice: 'after', afterSeconds: wait };
}

/**
 * The text, shortened when too long to show and redacted first: a cut could split a card
 * number or a token into a piece no pattern recognises.
 */
function shortened<T extends string | null>(text: T, exchange: Exchange): T | string {
  return text !== null && text.length > MAX_TEXT
    ? `${redactorFor(exchange).text(text).slice(0, MAX_TEXT)}…`
    : text;
}

function fieldsShown(fields: readonly FieldError[], exchange: Exchange): FieldError[] {
  const shown: FieldError[] = [];
  for (const { field, message } of fields.length > MAX_FIELDS ? fields.slice(0, MAX_FIELDS) : fields)
    shown.push({ field: shortened(field, exchange), message: shortened(message, exchange) });
  const more = fields.length - shown.length;
  if (more > 0) shown.push({ field: '…', message: `${more} more field errors in the response body` });
  return shown;
}

/** Upper case, as methods are compared; browsers write them so, and they are kept as they are. */
function upperCased(method: string): string {
  for (let i = 0; i < method.length; i++) if (method.charCodeAt(i) >= 97) return method.toUpperCase();
  return method;
}

function outcomeOf(status: number, reported: ReportedError): Outcome | null {
  if (reported.outcome === 'unknown') return 'unknown';
  if (status >= 400 || reported.outcome === 'failed') return 'failed';
  return null;
}

/** Providers that can report a failure inside a 2xx response, whose 2xx bodies must be read. */
export function failsInside2xx(provider: Provider): boolean {
  return provider.rules.some((rule) => rule.when.outcome !== undefined);
}

/**
 * Whether a 2xx body may report a failure, as far as the provider's cheap look at its text
 * tells: most successes of a provider that can fail inside a 2xx are spared the parse.
 */
function mayReportFailure(provider: Provider, exchange: Exchange): boolean {
  const { responseBody, responseEncoding } = exchange;
  // Base64 and bodies of other types are left to readBody.
  if (
    provider.mayReportFailure === undefined ||
    typeof responseBody !== 'string' ||
    responseEncoding === 'base64'
  )
    return true;
  return provider.mayReportFailure(responseBody);
}

/** A diagnosis and the rule behind it, when one applied. */
export interface DiagnosisWithRule {
  diagnosis: Diagnosis;
  rule: Rule | undefined;
}

function explain(
  exchange: Exchange,
  provider: Provider,
  match: MatchKind,
  body: BodyRead,
  status: number,
): Diagnosis | null {
  return explainWithRule(exchange, provider, match, body, status)?.diagnosis ?? null;
}

function explainWithRule(
  exchange: Exchange,
  provider: Provider,
  match: MatchKind,
  body: BodyRead,
  status: number,
): DiagnosisWithRule | null {
  const reported = body.json === undefined ? NOTHING_REPORTED : provider.readError(body.json);
  const outcome = outcomeOf(status, reported);
  if (outcome === null) return null;

  const message = reported.message?.trim() ?? null;
  const facts: Facts = {
    reported,
    message: message !== null && message.length <= MAX_TEXT ? message : null,
    status,
    method: upperCased(exchange.method),
    url: exchange.url,
    path: undefined,
    outcome,
  };
  const { rule, documented } = bestRule(provider, facts);
  const explanation = rule ?? explainStatus(status);
  const diagnosis: Diagnosis = {
    provider: provider.id,
    providerName: provider.name,
    match,
    outcome,
    method: facts.method,
    url: exchange.url,
    status,
    startedDateTime: typeof exchange.startedDateTime === 'string' ? exchange.startedDateTime : '',
    code: shortened(reported.code, exchange),
    message: shortened(reported.message, exchange),
    documented,
    category: explanation.category,
    title: explanation.title,
    meaning: explanation.meaning,
    remedy: explanation.remedy,
    retry: retryAdvice(explanation.retry, reported, exchange),
    fields: fieldsShown(reported.fields, exchange),
    docsUrl: provider.docsUrl,
  };
  // Set after the others, as the JSON contract orders them.
  if (rule?.note) diagnosis.note = rule.note;
  if (body.note) diagnosis.bodyNote = body.note;
  return { diagnosis, rule };
}

/**
 * Diagnoses a response as `provider`'s whatever its host, for a body met outside a capture
 * (a log, a ticket), and says which rule applied.
 */
export function diagnoseAs(provider: Provider, exchange: Exchange): DiagnosisWithRule | null {
  const body = readBody(exchange.responseBody, exchange.responseEncoding);
  return explainWithRule(exchange, provider, 'host', body, exchange.status);
}

/** Redirects, informational and unfinished responses are never failures. */
export function isAnswered(status: unknown): status is number {
  return (
    typeof status === 'number' && Number.isInteger(status) && status >= 200 && (status < 300 || status >= 400)
  );
}

/**
 * Requests the integration did not make of the provider: a CORS preflight is the browser's,
 * and a CONNECT (in a proxy's recording) opens a tunnel that the proxy answers.
 */
export function isPreflightOrTunnel(method: string): boolean {
  // Browsers write them in capitals: one comparison each, before upper-casing hand-written ones.
  if (method === 'OPTIONS' || method === 'CONNECT') return true;
  if (method.length !== 7) return false;
  const upper = method.toUpperCase();
  return upper === 'OPTIONS' || upper === 'CONNECT';
}

export interface ProviderScope {
  enabled: readonly Provider[];
  lookup: HostLookup;
  /** Absent in a scope built by hand: every URL is then looked up whole. */
  prefixes?: HostLookups['prefixes'];
}

/**
 * The providers the options leave on, and the lookup of their hosts and the user's. Built
 * anew for every caller: no cache keyed on an options object's identity, which a caller
 * passing a fresh literal would defeat without knowing.
 */
export function providerScope(
  options: MatcherOptions,
  providers: readonly Provider[] = catalog,
): ProviderScope {
  const only = options.providers;
  const enabled = only ? providers.filter((provider) => only.includes(provider.id)) : providers;
  return { enabled, ...createHostLookup(enabled, options.hosts) };
}

/**
 * Builds a matcher for one set of options; the host lookup is built once, here, unless a
 * caller shares its scope (see `createCaptureReader`).
 */
export function createMatcher(
  options: MatcherOptions = {},
  providers: readonly Provider[] = catalog,
  scope: ProviderScope = providerScope(options, providers),
): Diagnose {
  const { enabled, lookup } = scope;
  const fingerprinted = enabled.filter((provider) => provider.fingerprint);
  const readsSuccessBodies = new Set(enabled.filter(failsInside2xx));
  const anyHost = options.anyHost === true;

  return (exchange) => {
    const { status, url, method } = exchange;
    // Preflights go before the lookup: a comparison is cheaper than reading a provider's host.
    if (
      !isAnswered(status) ||
      typeof url !== 'string' ||
      typeof method !== 'string' ||
      isPreflightOrTunnel(method)
    )
      return null;
    const provider = lookup(url);
    if (!provider && !anyHost) return null;

    if (provider) {
      if (status < 300 && !(readsSuccessBodies.has(provider) && mayReportFailure(provider, exchange)))
        return null;
      return explain(
        exchange,
        provider,
        'host',
        readBody(exchange.responseBody, exchange.responseEncoding),
        status,
      );
    }
    const body = readBody(exchange.responseBody, exchange.responseEncoding);
    if (body.json === undefined) return null;
    const relayed = fingerprinted.find((candidate) => candidate.fingerprint?.(body.json));
    return relayed ? explain(exchange, relayed, 'fingerprint', body, status) : null;
  };
}

const defaultMatcher = createMatcher();

/**
 * Diagnoses one exchange: null when it is not a provider failure. Options cost a host lookup
 * built for this call: to diagnose many exchanges with the same options, `createMatcher` once.
 */
export function diagnose(exchange: Exchange, options?: MatcherOptions): Diagnosis | null {
  return (options ? createMatcher(options) : defaultMatcher)(exchange);
}
