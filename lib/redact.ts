/**
 * Masks secrets in everything that leaves the tool: headers, URLs, JSON and plain text.
 * Redaction errs on the side of masking: a lost value costs a re-capture, a leaked key
 * costs a rotation.
 */
import type { Exchange, Header } from './types';

export const REDACTED = '[REDACTED]';

/** Names compared lower-case with separators removed: `X-API-Key` → `xapikey`. */
const SECRET_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'apisecret',
  'secret',
  'clientsecret',
  'password',
  'passwd',
  'pwd',
  'signature',
  'xsignature',
  'token',
  'authcode',
  'cardnumber',
  'pan',
  'cvv',
  'cvc',
  'cvv2',
  'securitycode',
  'privatekey',
  'clientassertion',
  'sessionid',
  'otp',
  'pin',
]);
/** Anywhere in a name: `X-Hub-Signature-256`, `secret_key`, `Api-Secret-Key`. */
const SECRET_PARTS = [
  'secret',
  'password',
  'passwd',
  'signature',
  'apikey',
  'accesskey',
  'privatekey',
  'cardnumber',
];
/** Only at the end: `access_token` is a secret, `token_type` is not. */
const SECRET_SUFFIXES = ['token'];

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isSecretName(name: string): boolean {
  const normal = normaliseName(name);
  return (
    SECRET_NAMES.has(normal) ||
    SECRET_PARTS.some((part) => normal.includes(part)) ||
    SECRET_SUFFIXES.some((suffix) => normal.endsWith(suffix))
  );
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The last four digits stay: they identify a test card without revealing it. */
function maskCard(digits: string): string {
  return `[CARD …${digits.slice(-4)}]`;
}

// Every pattern starts only where a word starts (the lookbehinds) and bounds its runs, so a
// hostile body of one long word costs linear time instead of quadratic backtracking.
// A name containing a secret word, then `=`, `:` or `": "`, then the value.
const NAMED_VALUE =
  /(?<![\w-])([\w-]{0,40}(?:token|secret|password|passwd|api[_-]?key|access[_-]?key|private[_-]?key|signature|card[_-]?number|authorization)[\w-]{0,40})(["']?\s{0,8}[:=]\s{0,8}["']?)((?:(?:Bearer|Basic|Digest|Token)\s{1,8})?[^\s"'&,;}#]+)/gi;
const AUTH_SCHEME = /(?<![\w-])(Bearer|Basic|Digest|Token)\s{1,8}([\w.~+/=-]+)/gi;

/** "Token expired" is a provider's message, "Bearer 9f8e7d6c..." a credential. */
function looksLikeCredential(value: string): boolean {
  return value.length >= 20 || (value.length >= 8 && /\d/.test(value));
}
const JWT = /(?<![\w-])eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
// Runs of digit groups long enough to hold a card number, and whatever numbers lead it.
const CARD_RUN = /(?<!\d)\d(?:[ -]?\d){12,60}(?!\d)/g;

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
}

/**
 * Masks the card numbers in a run of digit groups. A run may carry other numbers in front
 * ("qty 12 4111 1111 1111 1111"), so each group start is tried, longest number first.
 */
function maskCardsInRun(run: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((match) => ({ at: match.index, digits: match[0] }));
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    const windows: Array<{ last: number; digits: string }> = [];
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last]?.digits ?? '';
      windows.push({ last, digits });
    }
    const card = windows.reverse().find((window) => isCardNumber(window.digits));
    if (!card) continue;
    const start = groups[first]?.at ?? 0;
    const end = (groups[card.last]?.at ?? 0) + (groups[card.last]?.digits.length ?? 0);
    return `${run.slice(0, start)}${maskCard(card.digits)}${maskCardsInRun(run.slice(end))}`;
  }
  return run;
}

/** Masks secrets in free text: card numbers, credentials in headers or forms, JWTs. */
export function redactText(text: string): string {
  return (
    text
      // Cards first, whole: a later pattern would stop at a space inside a grouped number.
      .replace(CARD_RUN, maskCardsInRun)
      .replace(AUTH_SCHEME, (whole, scheme: string, value: string) =>
        looksLikeCredential(value) ? `${scheme} ${REDACTED}` : whole,
      )
      .replace(JWT, REDACTED)
      .replace(NAMED_VALUE, (whole, name: string, separator: string, value: string) =>
        value.startsWith('[') || value.includes(REDACTED)
          ? whole
          : `${name}${separator}${maskSecretValue(name, value)}`,
      )
  );
}

/** Fields that hold a card number (or, for Payfield payouts, a wallet): keep the last four. */
const CARD_NAMES = new Set(['cardnumber', 'pan']);

function maskSecretValue(name: string, value: string): string {
  if (CARD_NAMES.has(normaliseName(name))) {
    const digits = value.replace(/\D/g, '');
    return digits.length >= 4 ? maskCard(digits) : REDACTED;
  }
  // Keep the scheme: "Bearer" versus "Basic" is often the very bug being diagnosed.
  const scheme = /^(Bearer|Basic|Digest|Token)\s/i.exec(value.trim());
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/** Redacted copies of the headers; entries that are not name/value pairs are left out. */
export function redactHeaders(headers: unknown): Header[] {
  return redactableHeaders(headers).map(({ name, value }) => ({
    name,
    // `:path`, `Referer` and `Location` carry query strings with their own secrets.
    value: isSecretName(name)
      ? maskSecretValue(name, value)
      : value.includes('?')
        ? redactUrl(value)
        : redactText(value),
  }));
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      let name = pair.slice(0, equals);
      try {
        name = decodeURIComponent(name);
      } catch {
        // A malformed escape: judge the raw name.
      }
      return isSecretName(name) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
    })
    .join('&');
}

/** Masks user info, secret query parameters, and tokens or card numbers anywhere in a URL. */
export function redactUrl(url: string): string {
  // Up to the last `@` of the authority: a password may hold one too.
  let result = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${REDACTED}@`);
  const hash = result.indexOf('#');
  const fragment = hash >= 0 ? result.slice(hash + 1) : null;
  if (hash >= 0) result = result.slice(0, hash);
  const question = result.indexOf('?');
  if (question >= 0) result = `${result.slice(0, question)}?${redactQuery(result.slice(question + 1))}`;
  // OAuth implicit flows put tokens in the fragment as a query string.
  if (fragment !== null) result = `${result}#${redactQuery(fragment)}`;
  return redactText(result);
}

/** Past this depth a body is shown as a marker: nobody reads it and walking it costs. */
const MAX_DEPTH = 64;

/** A redacted copy of parsed JSON. Keys such as `__proto__` stay plain data. */
export function redactJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number') {
    const digits = Number.isInteger(value) ? String(Math.abs(value)) : '';
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? maskCard(digits) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => redactJson(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      isSecretName(key) && item !== null && item !== ''
        ? maskSecretValue(key, typeof item === 'string' ? item : String(item))
        : redactJson(item, depth + 1),
    ]),
  );
}

/** Shorter values are too likely to be ordinary words or numbers to mask everywhere. */
const MIN_KNOWN_SECRET = 6;

function credentialOf(value: string): string[] {
  const trimmed = value.trim();
  const scheme = /^(Bearer|Basic|Digest|Token)\s+(.+)$/i.exec(trimmed);
  if (!scheme) {
    // Rebell's `Signature: algorithm=..., keyVersion=N, signature=<value>`.
    const signature = /\bsignature=([^,\s]+)/i.exec(trimmed)?.[1];
    return signature ? [trimmed, signature] : [trimmed];
  }
  const credential = scheme[2] as string;
  if (scheme[1]?.toLowerCase() !== 'basic') return [credential];
  try {
    // Basic credentials are `id:secret` in base64; the secret may be echoed decoded.
    const decoded = atob(credential);
    return [credential, decoded, decoded.slice(decoded.indexOf(':') + 1)];
  } catch {
    return [credential];
  }
}

function secretsInJson(value: unknown, found: string[], depth = 0): void {
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return;
  for (const [key, item] of Object.entries(value)) {
    if (isSecretName(key) && (typeof item === 'string' || typeof item === 'number')) found.push(String(item));
    else secretsInJson(item, found, depth + 1);
  }
}

function secretsInQuery(query: string, found: string[]): void {
  for (const [name, value] of new URLSearchParams(query)) if (isSecretName(name)) found.push(value);
}

/**
 * The secret values a request carries (credential headers, secret fields of its body,
 * secret query parameters), so they can be masked wherever a response or a message echoes
 * them back, in any form the patterns would not recognise.
 */
export function secretsOf(exchange: Pick<Exchange, 'url' | 'requestHeaders' | 'requestBody'>): string[] {
  const found: string[] = [];
  for (const { name, value } of redactableHeaders(exchange.requestHeaders)) {
    if (isSecretName(name)) found.push(...credentialOf(value));
  }
  const url = typeof exchange.url === 'string' ? exchange.url : '';
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(url)?.[1];
  if (userinfo) found.push(userinfo, userinfo.slice(userinfo.indexOf(':') + 1));
  const query = /\?([^#]*)/.exec(url)?.[1];
  if (query) secretsInQuery(query, found);
  const fragment = /#(.*)$/.exec(url)?.[1];
  if (fragment) secretsInQuery(fragment, found);
  const body = exchange.requestBody;
  if (typeof body === 'string' && body.length <= 1_000_000) {
    try {
      secretsInJson(JSON.parse(body), found);
    } catch {
      secretsInQuery(body, found);
    }
  }
  return [...new Set(found.filter((secret) => secret.length >= MIN_KNOWN_SECRET))].sort(
    (a, b) => b.length - a.length,
  );
}

function redactableHeaders(headers: unknown): Header[] {
  if (!Array.isArray(headers)) return [];
  return headers.flatMap((header: Partial<Header> | null) =>
    typeof header?.name === 'string' ? [{ name: header.name, value: String(header.value ?? '') }] : [],
  );
}

/** Redaction for everything shown of one exchange: the patterns, then its own secrets anywhere. */
export interface Redactor {
  text(text: string): string;
  url(url: string): string;
  json(value: unknown): unknown;
  headers(headers: unknown): Header[];
}

export function redactorFor(exchange: Pick<Exchange, 'url' | 'requestHeaders' | 'requestBody'>): Redactor {
  const secrets = secretsOf(exchange);
  const known = (text: string) => {
    let result = text;
    for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  };
  const json = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return known(value);
    if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map((item) => json(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, json(item, depth + 1)]));
  };
  // The request's own values first, while they are still whole: the patterns change text.
  return {
    text: (text) => redactText(known(text)),
    url: (url) => redactUrl(known(url)),
    json: (value) => redactJson(json(value)),
    headers: (headers) =>
      redactHeaders(redactableHeaders(headers).map(({ name, value }) => ({ name, value: known(value) }))),
  };
}
