/**
 * The catalog searched on its own, for errors met without traffic to capture: a code in a
 * server log, a message in a support email, a status and endpoint, or a raw body. The
 * panel's catalog view and `paylens explain` both search through here.
 */
import { readBody } from './body';
import { diagnoseAs, failsInside2xx } from './matcher';
import { presentationOf } from './presentation';
import { providers as catalog, providerById } from './providers';
import type { Provider, Rule } from './providers/provider';
import type { Category, Diagnosis, Exchange, FieldError, Retry } from './types';

/** One documented row and the provider that documents it. */
export interface CatalogEntry {
  provider: Provider;
  rule: Rule;
}

/** Every rule, provider by provider, in the catalog's order. */
export const catalogEntries: readonly CatalogEntry[] = catalog.flatMap((provider) =>
  provider.rules.map((rule) => ({ provider, rule })),
);

export interface CatalogQuery {
  /** A code, a message (with its values) or words; case, underscores and spaces do not matter. */
  text?: string;
  provider?: string;
  category?: Category;
  status?: number;
  method?: string;
  /** A request path, tested against the rows that name an endpoint. */
  path?: string;
}

/** A row as `paylens explain` reports it; keys in the order of its JSON contract. */
export interface Explanation {
  provider: string;
  providerName: string;
  code?: string;
  message?: string;
  status?: number;
  method?: string;
  path?: string;
  category: Category;
  title: string;
  meaning: string;
  remedy: string;
  retry: Retry;
  note?: string;
  /** Only for a raw body: the field errors it lists. */
  fields?: FieldError[];
  docsUrl: string;
}

/** `INVALID_SIGNATURE`, `invalid signature` and `Invalid signature.` compare equal. */
export function normaliseTerm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim()
    .replace(/\.+$/, '');
}

function codesOf(rule: Rule): readonly string[] {
  const { code } = rule.when;
  return code === undefined ? [] : typeof code === 'string' ? [code] : code;
}

const caseless = new WeakMap<RegExp, RegExp>();

/** The rule's own pattern, ignoring case: a message typed from memory is not case-exact. */
function caselessPattern(pattern: RegExp): RegExp {
  let copy = caseless.get(pattern);
  if (!copy) {
    copy = new RegExp(pattern.source, pattern.flags.includes('i') ? pattern.flags : `${pattern.flags}i`);
    caseless.set(pattern, copy);
  }
  return copy;
}

/** How well the text names the rule: what names it exactly first, then where it occurs. */
function textScore(rule: Rule, raw: string, term: string): number {
  const { message } = rule.when;
  const codes = codesOf(rule).map(normaliseTerm);
  if (codes.includes(term)) return 100;
  if (
    typeof message === 'string'
      ? normaliseTerm(message) === term
      : message && caselessPattern(message).test(raw)
  )
    return 90;
  // Kiotapay's documented messages are the titles; Rebell's result messages the descriptions.
  if (normaliseTerm(rule.title) === term) return 80;
  if (normaliseTerm(rule.meaning) === term) return 70;
  const names = [
    ...codes,
    typeof message === 'string' ? normaliseTerm(message) : '',
    normaliseTerm(rule.title),
  ];
  if (names.some((name) => name.includes(term))) return 50;
  const prose = [rule.meaning, rule.remedy, rule.note ?? ''].map(normaliseTerm);
  if (prose.some((text) => text.includes(term))) return 30;
  // Every word, in any order, as a whole word: "token expired" for "The provided token is expired".
  const words = term.split(' ');
  const known = new Set([...names, ...prose].join(' ').split(/[^\p{L}\p{N}]+/u));
  return words.length > 1 && words.every((word) => known.has(word)) ? 15 : 0;
}

/** How many of the request's facts the rule names; -1 when it contradicts one. */
function requestScore({ when }: Rule, query: CatalogQuery): number {
  let score = 0;
  if (query.status !== undefined && when.status !== undefined) {
    if (when.status !== query.status) return -1;
    score += 4;
  }
  if (query.method !== undefined && when.method !== undefined) {
    if (when.method !== query.method.toUpperCase()) return -1;
    score += 2;
  }
  if (query.path !== undefined && when.path !== undefined) {
    if (!when.path.test(query.path)) return -1;
    score += 2;
  }
  return score;
}

/** Conditions of the rule the query says nothing about: the fewer, the closer the row. */
function unaddressed({ when }: Rule, query: CatalogQuery, hasText: boolean): number {
  return [
    !hasText && (when.code !== undefined || when.message !== undefined),
    when.outcome !== undefined,
    query.status === undefined && when.status !== undefined,
    query.method === undefined && when.method !== undefined,
    query.path === undefined && when.path !== undefined,
  ].filter(Boolean).length;
}

/**
 * The documented rows the query names, best first. A query of text or request facts keeps
 * only the rows it names; a query of provider and category alone keeps them all, in order.
 */
export function searchCatalog(
  query: CatalogQuery,
  entries: readonly CatalogEntry[] = catalogEntries,
): CatalogEntry[] {
  const raw = query.text?.trim() ?? '';
  const term = normaliseTerm(raw);
  const naming =
    term !== '' || query.status !== undefined || query.method !== undefined || query.path !== undefined;
  const ranked: Array<{ entry: CatalogEntry; score: number; loose: number; order: number }> = [];
  entries.forEach((entry, order) => {
    if (query.provider !== undefined && entry.provider.id !== query.provider) return;
    if (query.category !== undefined && entry.rule.category !== query.category) return;
    const request = requestScore(entry.rule, query);
    if (request < 0) return;
    const text = term === '' ? 0 : textScore(entry.rule, raw, term);
    if (term !== '' && text === 0) return;
    if (naming && text + request === 0) return;
    // Browsing keeps the catalog's order; a query ranks the rows closest to it first.
    const loose = naming ? unaddressed(entry.rule, query, term !== '') : 0;
    ranked.push({ entry, score: text + request, loose, order });
  });
  return ranked
    .sort((a, b) => b.score - a.score || a.loose - b.loose || a.order - b.order)
    .map(({ entry }) => entry);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** At most this many suggestions: a list longer than that is no longer a near miss. */
const MAX_SUGGESTIONS = 3;

/** The known codes closest to a near miss, closest first ("did you mean INVALID_AUTH_CODE?"). */
export function suggestCodes(text: string, provider?: string): string[] {
  const term = normaliseTerm(text);
  // A typo or two in a short code, about one in four characters in a long one.
  const allowed = Math.max(2, Math.floor(term.length / 4));
  const distances = new Map<string, number>();
  for (const { provider: owner, rule } of catalogEntries) {
    if (provider !== undefined && owner.id !== provider) continue;
    for (const code of codesOf(rule)) {
      const distance = editDistance(term, normaliseTerm(code));
      if (distance <= allowed && !distances.has(code)) distances.set(code, distance);
    }
  }
  return [...distances]
    .sort(([, a], [, b]) => a - b)
    .slice(0, MAX_SUGGESTIONS)
    .map(([code]) => code);
}

/** `/\/payment\/request\/[^/]+\/?$/` → `/payment/request/{id}`: the endpoint as the documents write it. */
function documentedPath(path: RegExp): string {
  return path.source
    .replace(/(\\\/\?)?\$$/, '')
    .replaceAll('[^/]+', '{id}')
    .replaceAll('\\/', '/');
}

/** The documented row in the words of the catalog. */
export function explainEntry({ provider, rule }: CatalogEntry): Explanation {
  const { when } = rule;
  const codes = codesOf(rule);
  // A message pattern is documented with its placeholder, which the title keeps.
  const message =
    when.message === undefined ? undefined : typeof when.message === 'string' ? when.message : rule.title;
  return {
    provider: provider.id,
    providerName: provider.name,
    ...(codes.length > 0 ? { code: codes.join(' / ') } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(when.status !== undefined ? { status: when.status } : {}),
    ...(when.method !== undefined ? { method: when.method } : {}),
    ...(when.path !== undefined ? { path: documentedPath(when.path) } : {}),
    category: rule.category,
    title: rule.title,
    meaning: rule.meaning,
    remedy: rule.remedy,
    retry: { advice: rule.retry },
    ...(rule.note !== undefined ? { note: rule.note } : {}),
    docsUrl: provider.docsUrl,
  };
}

/** What names the row: its code, its message, its endpoint and status, else (a result status) its title. */
export function explanationName(e: Explanation): string {
  if (e.code !== undefined) return e.code;
  if (e.message !== undefined) return e.message;
  if (e.status === undefined) return e.title;
  const endpoint = e.method !== undefined && e.path !== undefined ? `${e.method} ${e.path} ` : '';
  return `${endpoint}HTTP ${e.status}`;
}

export interface BodyQuery {
  /** The response body as met, secrets and all. */
  body: string;
  provider?: string;
  status?: number;
  method?: string;
  path?: string;
}

export type BodyExplanation =
  | { kind: 'explained'; explanation: Explanation }
  /** No provider given, and no provider's fingerprint fits the body. */
  | { kind: 'unrecognised' }
  /** The body names nothing the provider documents; code and message redacted. */
  | {
      kind: 'undocumented';
      provider: Provider;
      code: string | null;
      message: string | null;
      bodyNote?: string;
    };

/** The body's own text may hold secrets: what is echoed from it is the redacted presentation's. */
function echoedFromBody(exchange: Exchange, diagnosis: Diagnosis) {
  const { code, message, fields } = presentationOf({ exchange, diagnosis });
  return { code, message, fields };
}

/**
 * The statuses to read a body under when none is given: 200 for providers that report
 * failures inside 2xx, each status their rows name, and 400 for any other error.
 */
function candidateStatuses(provider: Provider): number[] {
  const statuses = provider.rules.flatMap(({ when }) => (when.status === undefined ? [] : [when.status]));
  return [...new Set([...(failsInside2xx(provider) ? [200] : []), ...statuses.sort((a, b) => a - b), 400])];
}

/** A rule the body itself names, not one that only the assumed status picked. */
const namedByBody = ({ when }: Rule) =>
  when.code !== undefined || when.message !== undefined || when.outcome !== undefined;

/**
 * Diagnoses a raw body as the matcher would, as the named provider's or the one whose
 * fingerprint fits. Without a status, only a rule the body names (code, message, result)
 * counts, whatever status it was documented with.
 */
export function explainBody(query: BodyQuery): BodyExplanation {
  const json = readBody(query.body).json;
  const provider =
    query.provider !== undefined
      ? providerById(query.provider)
      : catalog.find((candidate) => json !== undefined && candidate.fingerprint?.(json));
  if (!provider) return { kind: 'unrecognised' };
  const path = query.path ?? '/';
  const exchangeAt = (status: number): Exchange => ({
    // Rows that name a method apply only when the query names it too.
    method: query.method?.toUpperCase() ?? '',
    url: `https://${provider.hosts[0]}${path.startsWith('/') ? path : `/${path}`}`,
    status,
    requestHeaders: [],
    responseHeaders: [],
    responseBody: query.body,
    startedDateTime: '',
  });
  const statuses = query.status !== undefined ? [query.status] : candidateStatuses(provider);
  const tried = statuses.map((status) => {
    const exchange = exchangeAt(status);
    return { exchange, result: diagnoseAs(provider, exchange) };
  });
  const found = tried.find(
    ({ result }) =>
      result?.rule !== undefined &&
      result.diagnosis.documented &&
      (query.status !== undefined || namedByBody(result.rule)),
  );
  if (!found?.result?.rule) {
    const diagnosed = tried.find(({ result }) => result !== null);
    const diagnosis = diagnosed?.result?.diagnosis;
    const { code = null, message = null } =
      diagnosed && diagnosis ? echoedFromBody(diagnosed.exchange, diagnosis) : {};
    return {
      kind: 'undocumented',
      provider,
      code,
      message,
      ...(diagnosis?.bodyNote ? { bodyNote: diagnosis.bodyNote } : {}),
    };
  }
  const { diagnosis: d, rule } = found.result;
  const { code, message, fields } = echoedFromBody(found.exchange, d);
  const status = query.status ?? rule.when.status;
  return {
    kind: 'explained',
    explanation: {
      provider: provider.id,
      providerName: provider.name,
      ...(code !== null ? { code } : {}),
      ...(message !== null ? { message } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(query.method !== undefined ? { method: query.method.toUpperCase() } : {}),
      ...(query.path !== undefined ? { path: query.path } : {}),
      category: d.category,
      title: d.title,
      meaning: d.meaning,
      remedy: d.remedy,
      retry: d.retry,
      ...(d.note !== undefined ? { note: d.note } : {}),
      ...(fields.length > 0 ? { fields } : {}),
      docsUrl: d.docsUrl,
    },
  };
}
