/**
 * "Copy as cURL" without a secret in it: every value redaction would mask becomes a shell
 * variable named after the provider and the header or field (`$PAYFIELD_API_KEY`), so the
 * command runs once the user exports their own values, and fails on authentication, not on
 * syntax, when they do not.
 */
import { isFormBody } from './body';
import { providerById } from './providers';
import {
  isCardNumber,
  isDescriptiveField,
  isRoundedCardNumber,
  isSecretName,
  type Redactor,
  secretFieldTest,
} from './redact';
import type { Exchange, Header } from './types';
import { decodedQueryPart } from './url';

/** A piece of a shell word: text sent as it is, or a variable. */
type Part = { text: string } | { variable: string };

/** Headers curl writes itself, or that would make it print compressed bytes. */
const LEFT_TO_CURL = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'cookie2']);

const AUTH_SCHEME = /^(Bearer|Basic|Digest|Token)(\s+)(.*)$/is;

/** `X-API-Key` → `API_KEY`, `apiSecret` → `API_SECRET`, `card_number` → `CARD_NUMBER`. */
function variableWord(name: string): string {
  return name
    .replace(/^x-/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Names the secrets of one command: one variable per distinct value. */
class Variables {
  readonly #prefix: string;
  readonly #byValue = new Map<string, string>();
  readonly #taken = new Set<string>();
  readonly #nextSuffix = new Map<string, number>();
  #generic = 0;

  constructor(providerId: string) {
    this.#prefix = variableWord(providerId);
  }

  named(name: string, value: string): Part {
    return this.#variable(value, () => `${this.#prefix}_${variableWord(name) || 'SECRET'}`);
  }

  generic(value: string): Part {
    return this.#variable(value, () => `SECRET_${++this.#generic}`);
  }

  get names(): string[] {
    return [...this.#taken];
  }

  #variable(value: string, base: () => string): Part {
    let variable = this.#byValue.get(value);
    if (!variable) {
      const wanted = base();
      // The next free suffix per name, so a form of thousands of `pin=` stays linear.
      let n = this.#nextSuffix.get(wanted) ?? 1;
      variable = n === 1 ? wanted : `${wanted}_${n}`;
      while (this.#taken.has(variable)) variable = `${wanted}_${++n}`;
      this.#nextSuffix.set(wanted, n + 1);
      this.#taken.add(variable);
      this.#byValue.set(value, variable);
    }
    return { variable };
  }
}

/** Single quotes hold any byte but `'` itself, which is closed, escaped and reopened. */
function shellWord(parts: readonly Part[]): string {
  const joined: Part[] = [];
  for (const part of parts) {
    const last = joined.at(-1);
    if ('text' in part && last && 'text' in last) joined[joined.length - 1] = text(last.text + part.text);
    else joined.push(part);
  }
  return joined
    .filter((part) => !('text' in part) || part.text !== '' || joined.length === 1)
    .map((part) => ('text' in part ? `'${part.text.replace(/'/g, `'\\''`)}'` : `"$${part.variable}"`))
    .join('');
}

const text = (value: string): Part => ({ text: value });

function headerParts(
  { name, value }: Header,
  variables: Variables,
  redact: Redactor,
  signatureHeaders: ReadonlySet<string>,
): Part[] {
  const prefix = `${name}: `;
  if (!isSecretName(name, 'header')) {
    // As the shown headers read them: a value with a query (`:path`, `Referer`) as a URL.
    const shown = value.includes('?') ? redact.url(value) : redact.text(value);
    return shown === value ? [text(prefix + value)] : [text(prefix), variables.generic(value)];
  }
  const scheme = AUTH_SCHEME.exec(value);
  if (scheme) {
    const [, word = '', space = '', credential = ''] = scheme;
    const kind = word.toLowerCase() === 'basic' ? 'CREDENTIALS' : 'TOKEN';
    return [text(`${prefix}${word}${space}`), variables.named(kind, credential)];
  }
  // Rebell's `algorithm=..., keyVersion=N, signature=<value>`: only the value is secret.
  const signed = /^(.*\bsignature=)([^,\s]+)(.*)$/is.exec(value);
  if (signed && signatureHeaders.has(name.toLowerCase())) {
    const [, before = '', signature = '', after = ''] = signed;
    return [text(prefix + before), variables.named('SIGNATURE', signature), text(after)];
  }
  return [text(prefix), variables.named(name, value)];
}

/** More secrets than a request carries: a body with more is one variable. */
const MAX_SPLICED_SECRETS = 64;

/** A secret value of a JSON body: its text as the body writes it, and the field it was under. */
interface JsonSecret {
  literal: string;
  name: string;
  value: string;
}

/** Spans of the raw body to replace, found by the JSON text of each secret value. */
interface Span {
  start: number;
  end: number;
  secret: JsonSecret;
}

/** `masked`: the value is under a secret name, so every string and number in it is secret. */
function jsonSecrets(value: unknown, redact: Redactor, found: JsonSecret[], depth = 0, masked = false): void {
  if (typeof value !== 'object' || value === null || depth > 64) return;
  const isSecretField = secretFieldTest(value);
  for (const [key, item] of Object.entries(value)) {
    // Under a secret's name every value is one, but for what describes it (its status, its id).
    const underSecret = masked ? !isDescriptiveField(key) : isSecretField(key);
    if (typeof item === 'object' && item !== null) {
      jsonSecrets(item, redact, found, depth + 1, underSecret);
      continue;
    }
    const raw = typeof item === 'string' ? item : typeof item === 'number' ? String(item) : null;
    if (raw === null || raw === '') continue;
    const secret =
      underSecret ||
      (typeof item === 'string'
        ? redact.text(item) !== item
        : isCardNumber(String(Math.abs(item as number))) || isRoundedCardNumber(item as number));
    if (!secret) continue;
    // Inside the body's quotes the variable stands for the string's content.
    const literal = typeof item === 'string' ? JSON.stringify(item).slice(1, -1) : raw;
    found.push({ literal, name: key, value: raw });
  }
}

function spansOf(body: string, found: readonly JsonSecret[]): Span[] | null {
  const spans: Span[] = [];
  for (const secret of found) {
    const { literal } = secret;
    let at = body.indexOf(literal);
    if (at < 0) return null;
    for (; at >= 0; at = body.indexOf(literal, at + literal.length)) {
      spans.push({ start: at, end: at + literal.length, secret });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return spans.filter((span, index) => index === 0 || span.start >= (spans[index - 1]?.end ?? 0));
}

/** The body's text between the spans, which is sent as it is. */
function between(body: string, spans: readonly Span[]): string[] {
  const gaps: string[] = [];
  let from = 0;
  for (const { start, end } of spans) {
    gaps.push(body.slice(from, start));
    from = end;
  }
  gaps.push(body.slice(from));
  return gaps;
}

function splice(body: string, spans: readonly Span[], variables: Variables): Part[] {
  const parts: Part[] = [];
  let from = 0;
  for (const { start, end, secret } of spans) {
    if (start > from) parts.push(text(body.slice(from, start)));
    parts.push(variables.named(secret.name, secret.value));
    from = end;
  }
  if (from < body.length) parts.push(text(body.slice(from)));
  return parts;
}

function bodyParts(body: string, contentType: string, variables: Variables, redact: Redactor): Part[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (json !== undefined) {
    const found: JsonSecret[] = [];
    jsonSecrets(json, redact, found);
    // Each secret is searched for in the whole body: a body of hundreds is sent whole.
    const spans = found.length > MAX_SPLICED_SECRETS ? null : spansOf(body, found);
    // Escaped differently from JSON.stringify, or a value JSON.parse dropped (a key written
    // twice keeps its last): what the redactor would still change is not sent, nor the body.
    if (spans === null || between(body, spans).some((gap) => redact.text(gap) !== gap)) {
      return [variables.generic(body)];
    }
    return splice(body, spans, variables);
  }
  if (isFormBody(body, contentType)) {
    return body.split('&').flatMap((pair, index): Part[] => {
      const separator = index === 0 ? [] : [text('&')];
      const equals = pair.indexOf('=');
      if (equals < 0) {
        const shown = decodedQueryPart(pair);
        return [...separator, redact.text(shown) === shown ? text(pair) : variables.generic(pair)];
      }
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const decoded = decodedQueryPart(name);
      const shown = decodedQueryPart(value);
      // A name may hold what the form view masks too (`card[4111…]=on`).
      if (redact.text(decoded) !== decoded) return [...separator, variables.generic(pair)];
      const secret = isSecretName(decoded, 'query') || redact.text(shown) !== shown;
      return [...separator, text(`${name}=`), secret ? variables.named(decoded, value) : text(value)];
    });
  }
  return redact.text(body) === body ? [text(body)] : [variables.generic(body)];
}

function urlParts(url: string, variables: Variables, redact: Redactor): Part[] {
  const withoutFragment = url.split('#')[0] ?? '';
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(withoutFragment)?.[0] ?? '';
  const rest = withoutFragment.slice(origin.length);
  const question = rest.indexOf('?');
  const path = question < 0 ? rest : rest.slice(0, question);
  const query = question < 0 ? null : rest.slice(question + 1);
  const parts: Part[] = [];
  const at = origin.lastIndexOf('@');
  if (at >= 0) {
    const scheme = origin.indexOf('://') + 3;
    parts.push(
      text(origin.slice(0, scheme)),
      variables.generic(origin.slice(scheme, at)),
      text(origin.slice(at)),
    );
  } else {
    parts.push(text(origin));
  }
  const segments = path.split('/');
  if (redact.text(path) !== path && segments.every((segment) => redact.text(segment) === segment)) {
    // A secret across segments (`/cards/4111/1111/1111/1111`): the path is one variable.
    parts.push(variables.generic(path));
  } else {
    segments.forEach((segment, index) => {
      if (index > 0) parts.push(text('/'));
      parts.push(redact.text(segment) === segment ? text(segment) : variables.generic(segment));
    });
  }
  if (query !== null) {
    parts.push(text('?'));
    // As the shown URL reads it: `;` separates too, and a value may be a URL with its own query.
    query.split(/([&;])/).forEach((pair, index) => {
      if (index % 2 === 1) {
        parts.push(text(pair));
        return;
      }
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      const value = equals < 0 ? '' : pair.slice(equals + 1);
      if (equals >= 0 && (isSecretName(name, 'query') || redact.url(`?${pair}`) !== `?${pair}`)) {
        parts.push(text(`${name}=`), variables.named(name, value));
      } else {
        parts.push(redact.text(pair) === pair ? text(pair) : variables.generic(pair));
      }
    });
  }
  return parts;
}

/** The command, with a first line naming the variables to export. */
export function curlCommand(exchange: Exchange, providerId: string, redact: Redactor): string {
  const variables = new Variables(providerId);
  const signatures = providerById(providerId)?.signatureHeaders ?? [];
  const signatureNames = new Set(signatures.map(({ header }) => header.toLowerCase()));
  const headers = (Array.isArray(exchange.requestHeaders) ? exchange.requestHeaders : []).filter(
    (header): header is Header =>
      typeof header?.name === 'string' &&
      typeof header.value === 'string' &&
      !header.name.startsWith(':') &&
      !LEFT_TO_CURL.has(header.name.toLowerCase()),
  );
  const method = typeof exchange.method === 'string' && exchange.method !== '' ? exchange.method : 'GET';
  const body = typeof exchange.requestBody === 'string' ? exchange.requestBody : '';
  const contentType =
    headers.find((header) => header.name.toLowerCase() === 'content-type')?.value.toLowerCase() ?? '';

  const args: string[] = [shellWord(urlParts(exchange.url, variables, redact))];
  if (method.toUpperCase() !== 'GET' || body !== '') args.push(`-X ${shellWord([text(method)])}`);
  for (const header of headers) {
    args.push(`-H ${shellWord(headerParts(header, variables, redact, signatureNames))}`);
  }
  if (body !== '') args.push(`--data-raw ${shellWord(bodyParts(body, contentType, variables, redact))}`);

  const names = variables.names;
  const comments = [
    names.length > 0
      ? `# Export first: ${names.join(' ')}`
      : '# No secrets in this request: it runs as it is.',
  ];
  for (const { header, signs } of signatures) {
    const sent = headers.find((candidate) => candidate.name.toLowerCase() === header.toLowerCase());
    if (sent) comments.push(`# ${header} is a signature over ${signs}: recompute it for this request.`);
  }
  return `${comments.join('\n')}\ncurl ${args.join(' \\\n  ')}\n`;
}
