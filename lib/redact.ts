/**
 * Masks secrets in everything that leaves the tool: headers, URLs, JSON and plain text.
 * Redaction errs on the side of masking: a lost value costs a re-capture, a leaked key
 * costs a rotation. It must not mangle what is not secret either: UUIDs, epoch times and
 * order numbers are what a support engineer asks for.
 */
import type { Exchange, Header } from './types';
import { decodedQueryPart } from './url';

export const REDACTED = '[REDACTED]';

/**
 * Where a name was found. `code` is an OAuth authorization code in a URL or a form body,
 * but in a JSON body it is the provider's error code, which is the whole point.
 */
export type NameContext = 'header' | 'json' | 'query';

/**
 * Names compared lower-case with separators removed (`X-API-Key` → `xapikey`), secret
 * whole; the rules below (parts, suffixes, words) catch the rest: `Authorization`,
 * `client_secret`, `access_token`, `card[cvc]`.
 */
const SECRET_NAMES = new Set([
  'key',
  'sig',
  'sign',
  'xsign',
  'authcode',
  'assertion',
  'clientassertion',
  'samlrequest',
  'samlresponse',
  'codeverifier',
  'pan',
  'verificationvalue',
  'cvnumber',
  'auth',
  'xauth',
  'session',
  'credentials',
]);
/**
 * Secret only in URLs and form bodies (see `NameContext`): an OAuth code and session ids
 * there; in a JSON body `code` is the provider's error code and `sid` an object's id.
 */
const QUERY_SECRET_NAMES = new Set(['code', 'sid', 'sessid', 'jsessionid', 'phpsessid']);
/** Anywhere in a name: `X-Hub-Signature-256`, `secret_key`, `anti-csrf`, `X-XSRF-TOKEN`. */
const SECRET_PARTS = [
  'secret',
  'password',
  'passwd',
  'signature',
  'apikey',
  'accesskey',
  'privatekey',
  'cardnumber',
  'csrf',
  'xsrf',
  'passphrase',
  'sessionid',
  'cookie',
  'checksum',
  'passcode',
  'pincode',
  'securitycode',
];
/** Only at the end: `access_token`, `id_token` and `refresh_token` are secrets, `token_type` is not. */
const SECRET_SUFFIXES = ['token'];
/**
 * Whole words of a name (`card[cvc]`, `cardCvv`, `pinCode`, `X-HMAC`): too short to search
 * for inside a name, where `pin` is in `shipping`.
 */
const SECRET_WORDS_OF_NAMES = new Set([
  'cvc',
  'cvc2',
  'cvv',
  'cvv2',
  'csc',
  'pin',
  'otp',
  'hmac',
  'pwd',
  'pass',
  'cvn',
  'totp',
  'hash',
  'mac',
  'checksum',
]);
/** Secret as a name's last word (`X-Authorization`), not inside one (`authorizations`, `authentication_flow`). */
const SECRET_LAST_WORDS = new Set(['authorization', 'authentication', 'credential']);
/** What may follow such a word and still name its value: `cvv2Code`, `pinNumber`, not `cvcCheck`. */
const VALUE_WORDS = new Set(['code', 'value', 'number', 'no', 'num']);
/** `code` is an error's or a country's; after these words it is a one-time secret (`smsCode`, `cardCode`). */
const SECRET_CODE_KINDS = new Set([
  'card',
  'sms',
  'verification',
  'security',
  'otp',
  'pin',
  'auth',
  'access',
  'authorization',
  'activation',
  'confirmation',
  'recovery',
  'reset',
  'mfa',
  'totp',
  'backup',
]);
/** `token` ends a secret's name, but not after these words: a page token is a cursor. */
const ORDINARY_TOKENS = new Set([
  'page',
  'pagination',
  'continuation',
  'next',
  'cursor',
  'sync',
  'idempotency',
]);
/** A last word that says how a secret is made, not what it is: `signature_method`, `signatureVersion`. */
const DESCRIPTIVE_WORDS = new Set([
  'method',
  'type',
  'alg',
  'algorithm',
  'version',
  'scheme',
  'format',
  'result',
  'check',
  'checks',
  'required',
  'used',
  'response',
  'status',
  'enabled',
  'present',
  'provided',
  'verified',
]);
/**
 * A name ending in the word `key` is a secret (`X-Auth-Key`, `merchantKey`,
 * `Ocp-Apim-Subscription-Key`) unless the word before says what ordinary key it is: an
 * idempotency key is an id that a diagnosis must show.
 */
const ORDINARY_KEYS = new Set([
  'idempotency',
  'idempotence',
  'idem',
  'public',
  'sort',
  'cache',
  'partition',
  'primary',
  'foreign',
  'dedup',
  'dedupe',
  'deduplication',
  'object',
  'routing',
  'lookup',
  'group',
  'request',
  'idempotent',
  'socket',
  'payment',
  'publishable',
  'error',
  'message',
  'i18n',
  'translation',
  'label',
  'field',
]);

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `payment_method_data[card][cvv]` → payment, method, data, card, cvv; `cardCvv` → card, cvv. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function judgeName(name: string, context: NameContext): boolean {
  const normal = normaliseName(name);
  if (SECRET_NAMES.has(normal) || (context === 'query' && QUERY_SECRET_NAMES.has(normal))) return true;
  const words = wordsOf(name);
  if (describesRatherThanHolds(words, normal)) return false;
  const last = words.length - 1;
  const lastWord = words[last] as string;
  const before = words[last - 1] as string;
  return (
    SECRET_PARTS.some((part) => normal.includes(part)) ||
    SECRET_SUFFIXES.some((suffix) => normal.endsWith(suffix)) ||
    endsInSecretWord(words) ||
    SECRET_LAST_WORDS.has(lastWord) ||
    (last > 0 && lastWord === 'key' && !ORDINARY_KEYS.has(before)) ||
    (last > 0 && lastWord === 'code' && SECRET_CODE_KINDS.has(before))
  );
}

/** A secret word followed only by words that name its value: `card_cvc`, `cvv2Code`, not `cvcCheck`. */
function endsInSecretWord(words: readonly string[]): boolean {
  for (let at = words.length - 1; at >= 0; at--) {
    const word = words[at] as string;
    if (SECRET_WORDS_OF_NAMES.has(word)) return true;
    if (!VALUE_WORDS.has(word)) return false;
  }
  return false;
}

/**
 * A name whose last word says it holds something about a secret, not the secret:
 * `signature_method`, `cvc_check`, `authorizationId` (ids are what a support engineer asks
 * for; a session's is its secret), `next_page_token` (a cursor).
 */
function describesRatherThanHolds(words: readonly string[], normal: string): boolean {
  const last = words.length - 1;
  if (last < 1) return false;
  const lastWord = words[last] as string;
  if (describesOrNamesAnId(lastWord, normal)) return true;
  return lastWord === 'token' && ORDINARY_TOKENS.has(words[last - 1] as string);
}

/** A last word of a status, a type, a method or an id, but a session's id, which is its secret. */
function describesOrNamesAnId(lastWord: string, normal: string): boolean {
  if (ID_WORDS.has(lastWord)) return !normal.includes('sess');
  return DESCRIPTIVE_WORDS.has(lastWord);
}

/** Last words of an id's name: `order_id`, `orderIds`, `paymentRef`, `reference`. */
const ID_WORDS = new Set(['id', 'ids', 'ref', 'reference']);

/**
 * Inside what a secret's name holds (`"authentication": {"status": "failed", …}`), a field
 * that says what it is rather than holding it: its status, type, method or id.
 */
export function isDescriptiveField(key: string): boolean {
  const last = wordsOf(key).at(-1) ?? '';
  // A Digest's `response` is its credential.
  return last !== 'response' && describesOrNamesAnId(last, normaliseName(key));
}

/**
 * What is under a secret's name, masked leaf by leaf: a list's items, an object's fields but
 * those that describe it (see `isDescriptiveField`), which are shown as any value is; flags
 * and nulls stay, as they hold no secret.
 */
function maskedUnder(
  name: string,
  value: unknown,
  at: number | undefined,
  echoes: (text: string) => string,
  depth: number,
): unknown {
  if (value === null || value === '' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return maskSecretValue(name, String(value), at);
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => maskedUnder(name, item, at, echoes, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      redactText(echoes(key), at),
      isDescriptiveField(key)
        ? redactJson(item, at, echoes, depth + 1)
        : maskedUnder(key, item, at, echoes, depth + 1),
    ]),
  );
}

/** For a name found in free text: the same exceptions as `isSecretName`'s. */
function isDescriptiveName(name: string): boolean {
  return describesRatherThanHolds(wordsOf(name), normaliseName(name));
}

/** Names recur (every exchange's headers, every body's keys): each is judged once per context. */
const judgedNames: Record<NameContext, Map<string, boolean>> = {
  header: new Map(),
  json: new Map(),
  query: new Map(),
};
/** Enough for any capture's own names; a hostile one's endless new names start it afresh. */
const MAX_JUDGED_NAMES = 10_000;
const MAX_JUDGED_NAME_CHARS = 64;

export function isSecretName(name: string, context: NameContext = 'json'): boolean {
  const judged = judgedNames[context];
  let secret = judged.get(name);
  if (secret === undefined) {
    secret = judgeName(name, context);
    // Names only: a long one may be a token someone used as a key, which is not kept.
    if (name.length <= MAX_JUDGED_NAME_CHARS) {
      if (judged.size >= MAX_JUDGED_NAMES) judged.clear();
      judged.set(name, secret);
    }
  }
  return secret;
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

/** Issuer prefixes (as ranges of the leading digits) and the lengths each brand issues. */
const CARD_BRANDS: ReadonlyArray<{ prefixes: ReadonlyArray<[number, number]>; lengths: readonly number[] }> =
  [
    { prefixes: [[4, 4]], lengths: [13, 16, 19] }, // Visa
    {
      prefixes: [
        [51, 55],
        [2221, 2720],
      ],
      lengths: [16],
    }, // Mastercard
    {
      prefixes: [
        [34, 34],
        [37, 37],
      ],
      lengths: [15],
    }, // American Express
    {
      prefixes: [
        [6011, 6011],
        [644, 649],
        [65, 65],
      ],
      lengths: [16, 17, 18, 19],
    }, // Discover
    { prefixes: [[3528, 3589]], lengths: [16, 17, 18, 19] }, // JCB
    {
      prefixes: [
        [300, 305],
        [36, 36],
        [38, 39],
      ],
      lengths: [14, 15, 16, 17, 18, 19],
    }, // Diners Club
    { prefixes: [[62, 62]], lengths: [16, 17, 18, 19] }, // UnionPay
    { prefixes: [[2200, 2204]], lengths: [16, 17, 18, 19] }, // Mir
    {
      prefixes: [
        [60, 60],
        [65, 65],
        [81, 82],
        [353, 353],
        [356, 356],
        [508, 508],
      ],
      lengths: [16],
    }, // RuPay
    {
      prefixes: [
        [8600, 8600],
        [9860, 9860],
        [9792, 9792],
      ],
      lengths: [16],
    }, // UzCard, Humo, Troy
    {
      prefixes: [
        [50, 50],
        [56, 69],
      ],
      lengths: [13, 14, 15, 16, 17, 18, 19],
    }, // Maestro
  ];

function fitsCardBrand(digits: string): boolean {
  return CARD_BRANDS.some(
    ({ prefixes, lengths }) =>
      lengths.includes(digits.length) &&
      prefixes.some(([low, high]) => {
        const lead = Number(digits.slice(0, String(low).length));
        return lead >= low && lead <= high;
      }),
  );
}

/** A number a card brand issues and the Luhn check accepts: an epoch time or an order number is not. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && fitsCardBrand(digits) && luhnValid(digits);
}

/**
 * An integer past 2^53 that a brand could have issued: JSON.parse rounded its last digits, so
 * the Luhn check cannot tell a 19-digit card from an id, though the leading digits and the
 * length still say which brand.
 */
export function isRoundedCardNumber(value: number): boolean {
  if (Number.isSafeInteger(value) || !Number.isInteger(value) || Math.abs(value) >= 1e19) return false;
  return fitsCardBrand(String(Math.abs(value)));
}

/** The last four digits stay: they identify a test card without revealing it. */
function maskCard(digits: string): string {
  return `[CARD …${digits.slice(-4)}]`;
}

const pad = (value: number) => String(value).padStart(2, '0');

function utcTime(seconds: number): string | null {
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(seconds) || Number.isNaN(date.getTime())) return null;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/** Longer than any JWT a header carries: not decoded. */
const MAX_JWT_CHARS = 8 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const utf8 = new TextDecoder();
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is what makes it ASCII
const NON_ASCII = /[^\u0000-\u007f]/;

/** The bytes of a binary string, as atob returns them. */
function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The claims of a JWT's payload, or null when the text is not a JWT (three base64url parts,
 * the signature possibly empty) whose payload is a JSON object; never throws.
 */
export function jwtClaims(jwt: string): Record<string, unknown> | null {
  if (jwt.length > MAX_JWT_CHARS) return null;
  const [header = '', payload = '', ...rest] = jwt.split('.');
  if (
    rest.length !== 1 ||
    header === '' ||
    payload === '' ||
    ![header, payload, ...rest].every((part) => BASE64URL.test(part))
  )
    return null;
  try {
    const base64 = payload.replaceAll('-', '+').replaceAll('_', '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    // ASCII is its own UTF-8, and a payload's claims seldom hold anything else.
    const claims: unknown = JSON.parse(NON_ASCII.test(binary) ? utf8.decode(bytesOf(binary)) : binary);
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * A JWT masked whole, with the times it carries: `exp` and `iat` are not secret and explain
 * many 401s. `at` (epoch ms, the request's start) turns "expires" into "expired".
 */
function maskJwt(jwt: string, at?: number): string {
  const claims = jwtClaims(jwt);
  const parts = ['JWT'];
  const issued = typeof claims?.iat === 'number' ? utcTime(claims.iat) : null;
  if (issued) parts.push(`issued ${issued}`);
  const exp = typeof claims?.exp === 'number' ? claims.exp : null;
  const expires = exp === null ? null : utcTime(exp);
  if (exp !== null && expires) {
    parts.push(
      `${at !== undefined && !Number.isNaN(at) && exp * 1000 <= at ? 'expired' : 'expires'} ${expires}`,
    );
  }
  return `[${parts.join(', ')}]`;
}

// Every pattern starts only where a word starts (the lookbehinds) and bounds its runs, so a
// hostile body of one long word costs linear time instead of quadratic backtracking. A word
// also starts after an escape that JSON or a URL left in the text (`\n`, `%20`).
const WORD_START = String.raw`(?:(?<![\w-])|(?<=\\[nrt]|%[0-9A-Fa-f]{2}))`;
// A name containing a secret word, then `=`, `:` or `": "`, then the value; not a `<placeholder>`.
const SECRET_WORD =
  /token|secret|password|passwd|passphrase|api[_-]?key|access[_-]?key|private[_-]?key|signature|card[_-]?number|authorization|csrf|xsrf|session[_-]?id/i;
// A registered scheme, or any word before a value already masked (`ApiKey [REDACTED]`).
const SCHEME_PREFIX = String.raw`(?:(?:Bearer|Basic|Digest|Token|[A-Za-z][\w-]{0,30}(?=\s{1,8}\[))\s{1,8})?`;
const NAMED_VALUE = new RegExp(
  String.raw`${WORD_START}([\w-]{0,40}(?:${SECRET_WORD.source})[\w-]{0,40})(["']?\s{0,8}[:=]\s{0,8}["']?)((?!${SCHEME_PREFIX}<)${SCHEME_PREFIX}[^\s"'&,;}#]+)`,
  'gi',
);
const AUTH_SCHEME_WORD = /Bearer|Basic|Digest|Token/i;
const AUTH_SCHEME = new RegExp(
  String.raw`${WORD_START}(${AUTH_SCHEME_WORD.source})\s{1,8}([\w.~+/=-]+)`,
  'gi',
);

/** "Token expired" is a provider's message, "Bearer 9f8e7d6c..." a credential. */
function looksLikeCredential(value: string): boolean {
  return value.length >= 20 || (value.length >= 8 && /\d/.test(value));
}
/**
 * A JWT's header is a JSON object, so its base64 starts `eyJ` (`{"`), or `eyA`, `ewo`,
 * `ew0` or `ewk` when white space follows the brace.
 */
const JWT_START = /ey[JA]|ew[o0k]/;
const JWT = new RegExp(String.raw`${WORD_START}(?:ey[JA]|ew[o0k])[\w-]{2,}\.[\w-]{4,}\.[\w-]*`, 'g');
const WHOLE_JWT = /^eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*$/;

/** A JWT's first part not `eyJ…` is a header only when it decodes to a JSON object's start. */
function hasJwtHeader(jwt: string): boolean {
  if (jwt.startsWith('eyJ')) return true;
  const header = jwt.slice(0, jwt.indexOf('.'));
  // Whole groups of four, each three bytes: `{`, the white space of a pretty-printed header, `"`.
  const start = header
    .slice(0, header.length - (header.length % 4))
    .slice(0, 16)
    .replaceAll('-', '+')
    .replaceAll('_', '/');
  try {
    return /^\s*\{\s*"/.test(atob(start));
  } catch {
    return false;
  }
}

/**
 * What may stand between a card's digit groups: a space (a no-break one too, or two), a dash,
 * a dot, a slash, and in URLs and forms a `+` or a percent-escaped space or dash.
 */
const CARD_SEPARATOR = String.raw`(?:[ \u00a0./+-]|%20|%2[Dd]){0,2}`;
/**
 * Runs of digit groups long enough to hold a card number, and whatever numbers lead it, that
 * stand alone: a run joined to letters or hex groups (`ea82-4656-9266-0365463f19e9`, a UUID)
 * is part of an id, not a card.
 */
const CARD_RUN = new RegExp(
  // A dash before it is a minus sign unless a word leads it; a run never starts inside a
  // percent escape, whose digits would join the run and hide the card after it.
  String.raw`(?:(?<![A-Za-z0-9_])(?<![A-Za-z0-9_]-)|(?<=\\[nrt]|%[0-9A-Fa-f]{2}))(?<!%|%[0-9A-Fa-f])\d(?:${CARD_SEPARATOR}\d){12,60}(?![A-Za-z0-9_])(?!-[A-Za-z0-9_])`,
  'g',
);
/** Thirteen digits, grouped or not: no card run without them. */
const DIGIT_RUN = new RegExp(String.raw`\d(?:${CARD_SEPARATOR}\d){12}`);
/** Percent escapes of a space or a dash, whose digits are no card's. */
const ESCAPED_SEPARATOR = /%2[0Dd]/g;

/**
 * Masks the card numbers in a run of digit groups. A run may carry other numbers in front
 * ("qty 12 4111 1111 1111 1111"), so each group start is tried, longest number first.
 */
function maskCardsInRun(run: string): string {
  const groups = [...run.replace(ESCAPED_SEPARATOR, '   ').matchAll(/\d+/g)].map((match) => ({
    at: match.index,
    digits: match[0],
  }));
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    // Cards are written in groups of three to eight digits (4-4-4-4, 4-6-5), or of four with
    // what is left at the end (4-4-4-1); an id such as `36159-12345678-4` joins other lengths.
    let grouped = true;
    let byFours = true;
    const windows: Array<{ last: number; digits: string }> = [];
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      const group = groups[last]?.digits ?? '';
      digits += group;
      const fits = (grouped || byFours) && (byFours || (group.length >= 3 && group.length <= 8));
      if (last === first || fits) windows.push({ last, digits });
      grouped &&= group.length >= 3 && group.length <= 8;
      byFours &&= group.length === 4;
    }
    const card = windows.reverse().find((window) => isCardNumber(window.digits));
    if (!card) continue;
    const start = groups[first]?.at ?? 0;
    const end = (groups[card.last]?.at ?? 0) + (groups[card.last]?.digits.length ?? 0);
    return `${run.slice(0, start)}${maskCard(card.digits)}${maskCardsInRun(run.slice(end))}`;
  }
  return run;
}

/**
 * A URL inside a text (a callback in a body, a `Location`, a provider's message): its user
 * info and secret query parameters are masked as the request's own are.
 */
const URL_IN_TEXT = /(?<![\w+.-])[a-z][a-z0-9+.-]{0,30}:\/\/[^\s"'<>`\\]+/gi;

/** `<password>…</password>`: an XML element named as a secret field is. */
const XML_ELEMENT =
  /<([A-Za-z_][\w:.-]{0,63})(\s[^<>]{0,256})?>(<!\[CDATA\[[\s\S]{0,4096}?\]\]>|[^<]{1,4096})<\/\1\s*>/g;
/** `name="csrf-token" content="…"`, `name="authenticity_token" value="…"`: HTML's named values. */
// Their runs are bounded too: a body of many `name="` and one endless line must not cost
// a scan of that line for each.
const NAMED_ATTRIBUTE =
  /(\bname\s*=\s*(["'])([^"'<>]{1,64})\2[^<>]{0,256}?\b(?:content|value)\s*=\s*(["']))([^"'<>]{0,4096})(?=\4)/gi;
/**
 * A multipart part's headers: `name="apiSecret"`, the rest of them, a blank line. Its value
 * runs to the next boundary line, found by a search rather than a pattern that would scan on
 * from every `name="`.
 */
const MULTIPART_HEADERS = /\bname="([^"\r\n]{1,64})"[^\r\n]{0,512}(?:\r?\n[^\r\n]{1,512}){0,8}\r?\n\r?\n/g;

function maskMultipartValues(text: string, at?: number): string {
  let shown = '';
  let from = 0;
  for (const part of text.matchAll(MULTIPART_HEADERS)) {
    const start = part.index + part[0].length;
    const name = part[1] as string;
    if (part.index < from || !isSecretName(name, 'query')) continue;
    const boundary = text.indexOf('\n--', start);
    const end = boundary < 0 ? text.length : text.charCodeAt(boundary - 1) === 13 ? boundary - 1 : boundary;
    if (end <= start) continue;
    shown += `${text.slice(from, start)}${maskSecretValue(name, text.slice(start, end), at)}`;
    from = end;
  }
  return from === 0 ? text : shown + text.slice(from);
}

/** `value="…" … name="password"`: the same, its attributes the other way round. */
const VALUE_BEFORE_NAME =
  /(\bvalue\s*=\s*(["']))([^"'<>]{0,4096})(\2[^<>]{0,256}?\bname\s*=\s*(["'])([^"'<>]{1,64})\5)/gi;

/** Values in markup and multipart bodies, named by their element, attribute or part. */
function maskNamedMarkup(text: string, at?: number): string {
  let result = text;
  if (result.includes('</')) {
    result = result.replace(
      XML_ELEMENT,
      (whole, name: string, attributes: string | undefined, value: string) =>
        isSecretName(name) && value.trim() !== ''
          ? `<${name}${attributes ?? ''}>${maskSecretValue(name, value, at)}</${name}>`
          : whole,
    );
  }
  if (/\bname\s*=/i.test(result)) {
    result = result.replace(
      NAMED_ATTRIBUTE,
      (whole, before: string, _quote, name: string, _open, value: string) =>
        isSecretName(name, 'query') && value !== '' ? `${before}${maskSecretValue(name, value, at)}` : whole,
    );
    result = result.replace(
      VALUE_BEFORE_NAME,
      (whole, before: string, _quote, value: string, after: string, _open, name: string) =>
        isSecretName(name, 'query') && value !== ''
          ? `${before}${maskSecretValue(name, value, at)}${after}`
          : whole,
    );
    result = maskMultipartValues(result, at);
  }
  return result;
}

/**
 * Short texts in which the patterns found nothing: the same catalog words, header values and
 * body fields come back with every exchange. Only such text is kept, never one that held a
 * secret, and only so many, so a capture of endless new texts cannot grow it.
 */
const cleanTexts = new Set<string>();
const MAX_CLEAN_TEXTS = 10_000;
const MAX_CLEAN_TEXT_CHARS = 256;

/**
 * Masks secrets in free text: JWTs, card numbers, credentials in headers or forms. `at` is
 * the request's start (epoch ms), so a JWT's expiry reads as past or future.
 */
export function redactText(text: string, at?: number): string {
  if (cleanTexts.has(text)) return text;
  const result = maskedText(text, at);
  // Unchanged, so no JWT was masked either: the result does not depend on `at`.
  if (result === text && text.length <= MAX_CLEAN_TEXT_CHARS) {
    if (cleanTexts.size >= MAX_CLEAN_TEXTS) cleanTexts.clear();
    cleanTexts.add(text);
  }
  return result;
}

function maskedText(text: string, at?: number): string {
  // Each pattern runs only on text holding what it cannot match without: a plain search is
  // far cheaper than a pattern tried at every word start, and most text has no secret.
  let result = text;
  // JWTs first, whole: a card run inside one would leave the rest of it readable.
  if (JWT_START.test(result)) {
    result = result.replace(JWT, (jwt) => (hasJwtHeader(jwt) ? maskJwt(jwt, at) : jwt));
  }
  if (result.includes('://')) result = result.replace(URL_IN_TEXT, (url) => maskUrlParts(url));
  if (result.includes('name') || result.includes('</')) result = maskNamedMarkup(result, at);
  // Cards before the named values: those would stop at a space inside a grouped number.
  if (DIGIT_RUN.test(result)) result = result.replace(CARD_RUN, maskCardsInRun);
  if (AUTH_SCHEME_WORD.test(result)) {
    result = result.replace(AUTH_SCHEME, (whole, scheme: string, value: string) =>
      looksLikeCredential(value) ? `${scheme} ${REDACTED}` : whole,
    );
  }
  if (/authorization/i.test(result)) result = result.replace(SCHEMED_AUTHORIZATION, maskSchemedCredential);
  if (SECRET_WORD.test(result)) {
    result = result.replace(NAMED_VALUE, (whole, name: string, separator: string, value: string) =>
      value.startsWith('[') ||
      value.includes(REDACTED) ||
      isDescriptiveName(name) ||
      isProse(separator, value)
        ? whole
        : `${name}${separator}${maskSecretValue(name, value, at)}`,
    );
  }
  if (QUOTED_FIELD_HINT.test(result)) {
    result = maskQuotedFields(result);
    if (/value/i.test(result)) result = maskPairsInText(result);
  }
  if (result.includes('PRIVATE KEY')) result = maskPrivateKeys(result);
  return result;
}

/**
 * `Invalid token: expired`, `X-Signature: Timestamp window exceeded`: after a colon and a
 * space, a plain word starts a provider's sentence. `apiSecret: hunter2` and `token=abc` do not.
 */
function isProse(separator: string, value: string): boolean {
  return /:\s/.test(separator) && /^[A-Za-z]+$/.test(value) && !looksLikeCredential(value);
}

/** `Authorization: ApiKey kp_live_…`: a scheme no list names, then the credential. */
const SCHEMED_AUTHORIZATION =
  /(?<![\w-])((?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["']?[A-Za-z][\w-]{0,30}\s{1,8})([\w.~+/=:-]{8,512})/gi;

function maskSchemedCredential(whole: string, before: string, credential: string): string {
  return looksLikeCredential(credential) ? `${before}${REDACTED}` : whole;
}

/**
 * `"pin": "4321"`, `\"cvc\":\"737\"`, `{cvc: "737"`, `"pin": 4321`: fields of JSON that is
 * text here (inside a message, a cut or broken body, a GraphQL query), judged by their names
 * as a parsed body's are. A bare name counts only where JSON or a call would put one (after
 * `{`, `,` or `(`): in prose, `Idempotency key: "…"` is a label.
 */
const QUOTED_FIELD =
  /(?<![\w.[\]-])(?:(\\?["'])([A-Za-z_][\w.[\]-]{0,63})\1|(?<=[{,(]\s{0,8})([A-Za-z_][\w.[\]-]{0,63}))\s{0,8}:\s{0,8}(?:\\"([^"\\\r\n]{1,4096})\\"|"((?:[^"\\\r\n]|\\.){1,4096})"|'([^'\r\n]{1,4096})'|(-?\d{1,24})(?![\w.]))/g;
const QUOTED_FIELD_HINT = /:\s{0,8}(?:\\?["']|-?\d)/;

/**
 * Masks the secret-named fields. A field whose name is no secret's is stepped into, not
 * over: its value may be JSON written as a string (`"payload":"{\"password\":…}"`).
 */
function maskQuotedFields(text: string): string {
  let shown = '';
  let from = 0;
  QUOTED_FIELD.lastIndex = 0;
  for (let match = QUOTED_FIELD.exec(text); match !== null; match = QUOTED_FIELD.exec(text)) {
    const [whole, , quotedName, bareName, escaped, double, single, number] = match;
    const name = quotedName ?? bareName ?? '';
    const value = escaped ?? double ?? single ?? number ?? '';
    const closing = escaped !== undefined ? 2 : number !== undefined ? 0 : 1;
    const valueStart = match.index + whole.length - value.length - closing;
    if (!isSecretValueOf(name, value)) {
      QUOTED_FIELD.lastIndex = valueStart;
      continue;
    }
    shown += `${text.slice(from, valueStart)}${maskSecretValue(name, value)}`;
    from = valueStart + value.length;
  }
  return from === 0 ? text : shown + text.slice(from);
}

function isSecretValueOf(name: string, value: string): boolean {
  if (!isSecretName(name) || isPlaceholder(value) || value.includes(REDACTED) || value.startsWith('['))
    return false;
  return !namesAField(name, value);
}

/**
 * `"key": "currency"` (a validator's error, a pair's name): under `key` or `name`, a field's
 * name rather than a credential, which has digits or length.
 */
function namesAField(name: string, value: unknown): boolean {
  return typeof value === 'string' && /^(?:key|name)$/i.test(name) && isFieldName(value);
}

/** A field's name, not a credential someone stored under `key` (`sk_live_…`), which has digits or length. */
function isFieldName(text: string): boolean {
  return FIELD_NAME.test(text) && !looksLikeCredential(text);
}

/** A flat JSON object written in text, and one of its string members. */
const FLAT_OBJECT = /\{[^{}]{1,1024}\}/g;
const STRING_MEMBER = /(\\?")([A-Za-z_][\w.[\]-]{0,63})\1\s{0,8}:\s{0,8}(\\?")([^"\\\r\n]{0,4096})\3/g;

/**
 * `{"key": "pin", "value": "4321"}` as text, its members in any order: the value is the
 * named field's, as `redactJson` reads a parsed pair.
 */
function maskPairsInText(text: string): string {
  return text.replace(FLAT_OBJECT, (object) => {
    const members = [...object.matchAll(STRING_MEMBER)];
    const named = members.find(([, , name = '', , value = '']) => namesAField(name, value));
    const value = members.find(([, , name = '']) => name.toLowerCase() === 'value');
    const secretName = named?.[4] ?? '';
    if (!named || !value || !isSecretName(secretName)) return object;
    const shown = value[4] ?? '';
    if (shown === '' || isPlaceholder(shown) || shown.includes(REDACTED)) return object;
    const at = value.index + value[0].length - shown.length - (value[3]?.length ?? 0);
    return `${object.slice(0, at)}${maskSecretValue(secretName, shown)}${object.slice(at + shown.length)}`;
  });
}

/** The armour of a PEM or PGP private key, whatever kind: its lines between are the secret. */
const PRIVATE_KEY_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PRIVATE_KEY_END = '-----END ';

/**
 * Masks what lies between each private key's BEGIN line and the next END line (encrypted
 * keys' `Proc-Type:` headers included). The END is found by a search, kept for the BEGIN
 * lines that follow, so a text of BEGIN lines without an END stays linear.
 */
function maskPrivateKeys(text: string): string {
  let shown = '';
  let from = 0;
  let end = -2;
  for (const begin of text.matchAll(PRIVATE_KEY_BEGIN)) {
    const start = begin.index + begin[0].length;
    if (start <= from) continue;
    if (end !== -1 && end < start) end = text.indexOf(PRIVATE_KEY_END, start);
    if (end < 0) break;
    shown += `${text.slice(from, start)}${REDACTED}`;
    from = end;
  }
  return from === 0 ? text : shown + text.slice(from);
}

/**
 * What broken client code sends in place of a credential (`Bearer undefined`): no secret, and
 * the very bug to see.
 */
const PLACEHOLDER_CREDENTIALS = new Set(['undefined', 'null', 'nan', '[object object]']);

function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_CREDENTIALS.has(
    value
      .trim()
      .replace(/^["']|["']$/g, '')
      .toLowerCase(),
  );
}

/** Fields that hold a card number (or, for Payfield payouts, a wallet): keep the last four. */
const CARD_NAMES = new Set(['cardnumber', 'pan']);

function maskSecretValue(name: string, value: string, at?: number): string {
  if (CARD_NAMES.has(normaliseName(name))) {
    const digits = value.replace(/\D/g, '');
    return digits.length >= 4 ? maskCard(digits) : REDACTED;
  }
  // Keep the scheme: "Bearer" versus "Basic" is often the very bug being diagnosed.
  const scheme = /^(Bearer|Basic|Digest|Token)\s+(.*)$/i.exec(value.trim());
  const credential = (scheme ? (scheme[2] ?? '') : value).trim();
  if (isPlaceholder(credential)) return value;
  const masked = WHOLE_JWT.test(credential) ? maskJwt(credential, at) : REDACTED;
  return scheme ? `${scheme[1]} ${masked}` : masked;
}

/**
 * Redacted copies of the headers; entries that are not name/value pairs are left out.
 * `echoes` masks the request's own secrets in the values of ordinary headers.
 */
export function redactHeaders(headers: unknown, at?: number, echoes = (value: string) => value): Header[] {
  return redactableHeaders(headers).map(({ name, value }) => {
    if (isSecretName(name, 'header')) return { name, value: maskSecretValue(name, value, at) };
    const shown = echoes(value);
    // `:path`, `Referer` and `Location` carry query strings with their own secrets.
    return { name, value: shown.includes('?') ? redactUrl(shown, at) : redactText(shown, at) };
  });
}

/** A query string or form body with the values of secret names masked, still encoded. */
export function redactQuery(query: string, depth = 0): string {
  // `;` separates parameters too, in URLs some servers write.
  return query
    .split(/([&;])/)
    .map((pair, index) => {
      const equals = pair.indexOf('=');
      if (index % 2 === 1 || equals < 0) return pair;
      const name = pair.slice(0, equals);
      if (isSecretName(decodedQueryPart(name), 'query')) return `${name}=${REDACTED}`;
      return depth > 0 ? pair : `${name}=${redactNestedQuery(pair.slice(equals + 1))}`;
    })
    .join('');
}

/**
 * A parameter's value that is itself a URL or a query (`return_url=https%3A%2F%2F…%3Fkey%3D…`,
 * `next=https://…?code=…`): its own secrets masked, readable when it was written plain,
 * masked whole when it was escaped (a re-escaped mask would not read as one).
 */
function redactNestedQuery(value: string): string {
  const decoded = decodedQueryPart(value);
  if (!decoded.includes('=')) return value;
  // One level: a value nested deeper is masked whole if its own query held a secret.
  const nested = /^[a-z][a-z0-9+.-]{0,30}:\/\//i.test(decoded)
    ? maskUrlParts(decoded, 1)
    : redactQuery(decoded, 1);
  if (nested === decoded) return value;
  return decoded === value ? nested : REDACTED;
}

/** A form body's fields, decoded, with the values of secret names masked. */
export function redactForm(body: string, at?: number, echoes = (value: string) => value): Header[] {
  return [...new URLSearchParams(body)].map(([name, value]) => ({
    name: redactText(echoes(name), at),
    value: isSecretName(name, 'query') ? maskSecretValue(name, value, at) : redactText(echoes(value), at),
  }));
}

/** Masks user info, secret query parameters, and tokens or card numbers anywhere in a URL. */
export function redactUrl(url: string, at?: number): string {
  return redactText(maskUrlParts(url), at);
}

/** A URL with its user info and the values of its secret query (and fragment) parameters masked. */
function maskUrlParts(url: string, depth = 0): string {
  // Up to the last `@` of the authority: a password may hold one too.
  let result = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${REDACTED}@`);
  const hash = result.indexOf('#');
  const fragment = hash >= 0 ? result.slice(hash + 1) : null;
  if (hash >= 0) result = result.slice(0, hash);
  const question = result.indexOf('?');
  if (question >= 0)
    result = `${result.slice(0, question)}?${redactQuery(result.slice(question + 1), depth)}`;
  // OAuth implicit flows put tokens in the fragment as a query string; a single-page app's
  // route there (`#/return?code=…`) puts it after its own `?`.
  if (fragment !== null) {
    const route = fragment.indexOf('?');
    result =
      route >= 0
        ? `${result}#${fragment.slice(0, route + 1)}${redactQuery(fragment.slice(route + 1), depth)}`
        : `${result}#${redactQuery(fragment, depth)}`;
  }
  return result;
}

/** Past this depth a body is shown as a marker: nobody reads it and walking it costs. */
const MAX_DEPTH = 64;

/**
 * A redacted copy of parsed JSON; `echoes` masks the request's own secrets in its strings.
 * Keys such as `__proto__` stay plain data.
 */
export function redactJson(value: unknown, at?: number, echoes = (text: string) => text, depth = 0): unknown {
  if (typeof value === 'string') return redactText(echoes(value), at);
  if (typeof value === 'number') {
    if (isRoundedCardNumber(value)) return REDACTED;
    // A one-time code the request sent as a number comes back as one.
    if (echoes(String(value)) !== String(value)) return REDACTED;
    const digits = Number.isInteger(value) ? String(Math.abs(value)) : '';
    return isCardNumber(digits) ? maskCard(digits) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => redactJson(item, at, echoes, depth + 1));
  const isSecretField = secretFieldTest(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      // A key may be a value too (`{"4111…": "declined"}`): shown as text is.
      const shownKey = redactText(echoes(key), at);
      // An id is no card, whatever its digits (`"order_id": 4502883225642`), unless the request sent it as a secret.
      if (
        typeof item === 'number' &&
        ID_WORDS.has(wordsOf(key).at(-1) ?? '') &&
        echoes(String(item)) === String(item)
      ) {
        return [shownKey, item];
      }
      // A flag is never a secret: `"pin": false` says there is none.
      if (
        !isSecretField(key) ||
        item === null ||
        item === '' ||
        typeof item === 'boolean' ||
        namesAField(key, item)
      ) {
        return [shownKey, redactJson(item, at, echoes, depth + 1)];
      }
      // Masked as it came: a card number keeps its last four; a list or an object leaf by leaf.
      return [shownKey, maskedUnder(key, item, at, echoes, depth + 1)];
    }),
  );
}

/**
 * `{"key": "api_secret", "value": "…"}` and `{"name": "Authorization", "value": "…"}`, as
 * metadata lists and copied headers are written: the first names the second, and is no
 * secret itself.
 */
function namedPair(value: object): { nameKey: string; valueKey: string; secret: boolean } | undefined {
  const keys = Object.keys(value);
  if (keys.length > 8) return undefined;
  const valueKey = keys.find((key) => key.toLowerCase() === 'value');
  if (valueKey === undefined) return undefined;
  const record = value as Record<string, unknown>;
  for (const nameKey of keys) {
    const name = record[nameKey];
    if (namesAField(nameKey, name)) return { nameKey, valueKey, secret: isSecretName(name as string) };
  }
  return undefined;
}

const FIELD_NAME = /^[A-Za-z][\w .:[\]-]{0,63}$/;

/** Which of an object's own fields hold secrets: by their names, or as a name/value pair's value. */
export function secretFieldTest(object: object): (key: string) => boolean {
  if (Array.isArray(object)) return (key) => isSecretName(key);
  const pair = namedPair(object);
  if (pair !== undefined) {
    return (key) => (key === pair.nameKey ? false : key === pair.valueKey ? pair.secret : isSecretName(key));
  }
  // An OAuth token request's `code` is the authorization code; a JWK's private members are the key.
  const alsoSecret = OAUTH_REQUEST.some((name) => Object.hasOwn(object, name))
    ? OAUTH_CODES
    : Object.hasOwn(object, 'kty')
      ? JWK_PRIVATE
      : undefined;
  return alsoSecret === undefined
    ? (key) => isSecretName(key)
    : (key) => alsoSecret.has(key) || isSecretName(key);
}

const OAUTH_REQUEST = ['grant_type', 'redirect_uri', 'code_verifier'];
const OAUTH_CODES: ReadonlySet<string> = new Set(['code']);
const JWK_PRIVATE: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']);

/** Shorter values are too likely to be ordinary words or numbers to mask everywhere. */
const MIN_KNOWN_SECRET = 6;

/** Cookie names a session's credential goes by: `sessionid`, `connect.sid`, `laravel_session`, `auth_token`. */
const SESSION_COOKIE = /sess|sid|auth|token|jwt|login|remember/i;

/** `name=value` or `name="value"` parameters, as Digest and signature headers list them. */
const AUTH_PARAMETER = /([\w.-]+)\s*=\s*(?:"([^"]*)"|([^,;\s]+))/g;
/** A list of them: base64's `=` comes only at its end, and never twice after a name. */
const PARAMETER_LIST = /^[\w.-]+\s*=\s*[^=\s]/;

/** The forms in which a credential header's value may be echoed back. */
function credentialOf(header: string, value: string): string[] {
  const trimmed = value.trim();
  // Any scheme word (`ApiKey kp_live_…`, `Digest username=…`), not only the registered ones.
  const scheme = /^([A-Za-z][\w-]*)\s+(\S.*)$/.exec(trimmed);
  const credential = scheme ? (scheme[2] as string) : trimmed;
  if (isPlaceholder(credential)) return [];
  if (PARAMETER_LIST.test(credential)) {
    // Those named so (`signature=`, `oauth_token=`), a Digest's `response`, and a session
    // cookie's value may be echoed alone; a cookie's order number or device id is an id.
    const cookie = /cookie/i.test(header);
    const parameters = [...credential.matchAll(AUTH_PARAMETER)]
      .map(([, name = '', quoted, bare]) => ({ name, value: quoted ?? bare ?? '' }))
      .filter(
        ({ name, value }) =>
          name.toLowerCase() === 'response' ||
          isSecretName(name, 'query') ||
          (cookie && SESSION_COOKIE.test(name) && value !== ''),
      )
      .map(({ value }) => value);
    return [trimmed, credential, ...parameters.slice(0, MAX_KNOWN_SECRETS)];
  }
  if (scheme?.[1]?.toLowerCase() !== 'basic') return [trimmed, credential];
  try {
    // Basic credentials are `id:secret` in base64; the secret may be echoed decoded. A key
    // sent as the user with no password (`key:`) is the secret itself.
    const decoded = atob(credential);
    const colon = decoded.indexOf(':');
    const password = decoded.slice(colon + 1);
    return [credential, decoded, password === '' ? decoded.slice(0, colon) : password];
  } catch {
    return [credential];
  }
}

/**
 * `masked`: the value is under a secret name, so every string and number in it is secret,
 * but for what describes it (see `isDescriptiveField`).
 */
function secretsInJson(value: unknown, found: string[], depth = 0, masked = false): void {
  if (typeof value === 'string' || typeof value === 'number') {
    if (masked) found.push(String(value));
    return;
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return;
  const isSecretField = secretFieldTest(value);
  for (const [key, item] of Object.entries(value)) {
    secretsInJson(item, found, depth + 1, masked ? !isDescriptiveField(key) : isSecretField(key));
  }
}

function secretsInQuery(query: string, found: string[]): void {
  for (const [name, value] of new URLSearchParams(query)) if (isSecretName(name, 'query')) found.push(value);
}

/**
 * The secret values a request carries (credential headers, secret fields of its body,
 * secret query parameters), so they can be masked wherever a response or a message echoes
 * them back, in any form the patterns would not recognise.
 */
export function secretsOf(exchange: Pick<Exchange, 'url' | 'requestHeaders' | 'requestBody'>): string[] {
  const found: string[] = [];
  for (const { name, value } of redactableHeaders(exchange.requestHeaders)) {
    if (isSecretName(name, 'header')) for (const secret of credentialOf(name, value)) found.push(secret);
  }
  const url = typeof exchange.url === 'string' ? exchange.url : '';
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(url)?.[1];
  if (userinfo) found.push(userinfo, userinfo.slice(userinfo.indexOf(':') + 1));
  const query = /\?([^#]*)/.exec(url)?.[1];
  if (query) secretsInQuery(query, found);
  const hash = url.indexOf('#');
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  if (fragment) secretsInQuery(fragment, found);
  const body = exchange.requestBody;
  if (typeof body === 'string' && body.length <= 1_000_000) {
    try {
      secretsInJson(JSON.parse(body), found);
    } catch {
      secretsInQuery(body, found);
    }
  }
  // The longest first, and so many only: each is searched for in every text shown.
  return [...new Set(found.filter(isEchoWorthy))]
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_KNOWN_SECRETS);
}

/** A request carries a few credentials; one with hundreds of secret fields is hostile, and its longest are kept. */
const MAX_KNOWN_SECRETS = 64;

/** Lower-case words (`shipping`, `order_id`): too common to mask wherever they occur. */
const ORDINARY_WORDS = /^[a-z]+(?:[_.-][a-z]+)*$/;

/**
 * A secret value to mask wherever a response repeats it: long and odd enough that the
 * repetition is the secret, not an ordinary word found under a secret's name.
 */
function isEchoWorthy(secret: string): boolean {
  return (
    secret.length >= MIN_KNOWN_SECRET &&
    !isPlaceholder(secret) &&
    !(secret.length < 20 && ORDINARY_WORDS.test(secret))
  );
}

function redactableHeaders(headers: unknown): Header[] {
  if (!Array.isArray(headers)) return [];
  // A loop, not flatMap: V8's flatMap costs microseconds for a handful of headers.
  const redactable: Header[] = [];
  for (const header of headers as Array<{ name?: unknown; value?: unknown } | null>) {
    if (typeof header?.name !== 'string') continue;
    const { value } = header;
    // A value of another kind (an object from a hand-made capture) may not even turn into text.
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : '';
    redactable.push({ name: header.name, value: text });
  }
  return redactable;
}

/** Redaction for everything shown of one exchange: the patterns, then its own secrets anywhere. */
export interface Redactor {
  text(text: string): string;
  url(url: string): string;
  json(value: unknown): unknown;
  headers(headers: unknown): Header[];
  form(body: string): Header[];
  /** Only the request's own secrets masked: for identifiers that patterns would mangle. */
  echoes(text: string): string;
}

export function redactorFor(
  exchange: Pick<Exchange, 'url' | 'requestHeaders' | 'requestBody'> & { startedDateTime?: string },
): Redactor {
  const secrets = secretsOf(exchange);
  const at = typeof exchange.startedDateTime === 'string' ? Date.parse(exchange.startedDateTime) : undefined;
  const echoes = (text: string) => {
    let result = text;
    for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  };
  // The request's own values first, while they are still whole: the patterns change text.
  return {
    text: (text) => redactText(echoes(text), at),
    url: (url) => redactUrl(echoes(url), at),
    json: (value) => redactJson(value, at, echoes),
    headers: (headers) => redactHeaders(headers, at, echoes),
    form: (body) => redactForm(body, at, echoes),
    echoes,
  };
}
