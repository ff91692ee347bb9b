/**
 * What may be shown of a finding, redacted once. Every surface (the panel's rows, tooltips
 * and details, copies, exports, the CLI's formats) renders a presentation and never calls a
 * redactor itself: what is shown is what may leave, and no surface can forget a field.
 */
import type { Insight, SupportId } from './analyzer';
import { isFormBody, MAX_BODY_CHARS, readBody } from './body';
import { curlCommand } from './curl';
import { describeMatch, headline } from './format/describe';
import type { FileWarning } from './format/summary';
import { type Redactor, redactorFor, redactText } from './redact';
import type { Diagnosis, Exchange, FieldError, Finding, Header } from './types';
import { pathOf } from './url';

/** Enough of a body for a ticket; the rest is in the user's own capture. */
const MAX_SHOWN = 20_000;

export interface ShownBody {
  /** The `Content-Type` the body was sent with, when known. */
  contentType: string | null;
  language: 'json' | 'form' | 'text';
  /** Pretty-printed JSON, `name: value` lines for a form, or the text; bounded. */
  text: string;
  /** A form's fields, decoded. */
  fields?: Header[];
}

/** The diagnosis's own words (catalog text and identifiers) pass as they are. */
type CatalogFacts = Pick<
  Diagnosis,
  | 'provider'
  | 'providerName'
  | 'match'
  | 'outcome'
  | 'status'
  | 'startedDateTime'
  | 'documented'
  | 'category'
  | 'title'
  | 'meaning'
  | 'remedy'
  | 'retry'
  | 'docsUrl'
  | 'note'
  | 'bodyNote'
>;

export interface Presentation extends CatalogFacts {
  entryIndex?: number;
  method: string;
  /** The code as the rows' `data-code` carries it: raw, but for the request's own secrets. */
  codeAttribute: string;
  /** The code, else the message, else the title: what names this error. */
  headline: string;
  code: string | null;
  message: string | null;
  url: string;
  /** The URL's path, for the timeline's request column. */
  path: string;
  matchDescription: string;
  fields: FieldError[];
  /** Why it happened here, from the session analyzer; empty when it found nothing. */
  insights: Insight[];
  /** What names the request for the provider's support. */
  supportIds: SupportId[];
  readonly requestHeaders: Header[];
  readonly responseHeaders: Header[];
  /** The request payload, as DevTools' Payload tab shows it. */
  readonly requestBody: ShownBody | null;
  readonly responseBody: ShownBody | null;
  /** A runnable `curl` command whose secrets are shell variables. */
  readonly curl: string;
  /** For a backend's diagnosis: who reported it, and the page request whose response carried it. */
  backend?: { reportedBy: string; pageRequest: string };
}

function bounded(text: string): string {
  return text.length > MAX_SHOWN
    ? `${text.slice(0, MAX_SHOWN)}\n… (${text.length - MAX_SHOWN} more characters not shown)`
    : text;
}

function contentTypeOf(headers: readonly Header[]): string | null {
  const header = headers.find(
    (candidate) => typeof candidate?.name === 'string' && candidate.name.toLowerCase() === 'content-type',
  );
  return typeof header?.value === 'string' ? header.value : null;
}

/** Redacted whole, then cut: a cut first could split a secret past recognition. */
function shownText(text: string, json: unknown, contentType: string | null, redact: Redactor): ShownBody {
  if (json !== undefined) {
    return { contentType, language: 'json', text: bounded(JSON.stringify(redact.json(json), null, 2)) };
  }
  if (isFormBody(text, contentType)) {
    const fields = redact.form(text);
    return {
      contentType,
      language: 'form',
      text: bounded(fields.map(({ name, value }) => `${name}: ${value}`).join('\n')),
      fields,
    };
  }
  return { contentType, language: 'text', text: bounded(redact.text(text)) };
}

function shownRequestBody(body: unknown, headers: readonly Header[], redact: Redactor): ShownBody | null {
  if (typeof body !== 'string' || body === '') return null;
  const contentType = contentTypeOf(headers);
  if (body.length > MAX_BODY_CHARS) {
    return { contentType, language: 'text', text: `(${body.length} characters, too large to show)` };
  }
  const read = readBody(body);
  // A form or a non-JSON text is still a payload to show, unlike a response readBody gave up on.
  return shownText(body, read.json, contentType, redact);
}

function shownResponseBody(
  body: unknown,
  encoding: unknown,
  headers: readonly Header[],
  redact: Redactor,
): ShownBody | null {
  const read = readBody(body, encoding);
  if (read.text === undefined) return null;
  return shownText(read.text, read.json, contentTypeOf(headers), redact);
}

type Figures = Insight['figures'];

/** Figures are numbers and words (header names, hosts); strings still pass the patterns. */
function shownFigures(figures: Figures, redact: (text: string) => string): Figures {
  return Object.fromEntries(
    Object.entries(figures).map(([name, value]) => [
      name,
      typeof value === 'string' ? redact(value) : Array.isArray(value) ? value.map(redact) : value,
    ]),
  );
}

/**
 * A session warning as it may be shown. Its text is built from figures, never from a secret;
 * it passes the patterns all the same, as everything shown does.
 */
export function presentWarning(warning: FileWarning): FileWarning {
  return {
    ...(warning.file === undefined ? {} : { file: warning.file }),
    kind: warning.kind,
    provider: warning.provider,
    text: redactText(warning.text),
    related: [...warning.related],
    figures: shownFigures(warning.figures, redactText),
  };
}

/**
 * A class, not an object literal: V8 builds a literal with spreads and getters on its slow
 * path, tens of µs and a hidden class of its own per finding, which was most of the CLI's
 * cost per diagnosis. Every field is always set, `undefined` when the finding has none, so
 * all presentations share one shape.
 */
class ShownFinding implements Presentation {
  readonly entryIndex: number | undefined;
  readonly provider: string;
  readonly providerName: string;
  readonly match: Presentation['match'];
  readonly outcome: Presentation['outcome'];
  readonly status: number;
  readonly startedDateTime: string;
  readonly documented: boolean;
  readonly category: Presentation['category'];
  readonly title: string;
  readonly meaning: string;
  readonly remedy: string;
  readonly retry: Presentation['retry'];
  readonly docsUrl: string;
  readonly note: string | undefined;
  readonly bodyNote: string | undefined;
  readonly backend: Presentation['backend'];
  readonly method: string;
  readonly codeAttribute: string;
  readonly headline: string;
  readonly code: string | null;
  readonly message: string | null;
  readonly url: string;
  readonly path: string;
  readonly matchDescription: string;
  readonly fields: FieldError[];
  readonly insights: Insight[];
  readonly supportIds: SupportId[];
  readonly #exchange: Exchange;
  readonly #redact: Redactor;
  // The parts that cost (headers, bodies, the command) are made the first time one is read:
  // the timeline shows thousands of rows and opens few.
  #requestHeaders: Header[] | undefined;
  #responseHeaders: Header[] | undefined;
  #requestBody: ShownBody | null | undefined;
  #responseBody: ShownBody | null | undefined;
  #curl: string | undefined;

  constructor({ entryIndex, exchange, diagnosis: d, analysis, backend }: Finding) {
    const redact = redactorFor(exchange);
    this.#exchange = exchange;
    this.#redact = redact;
    this.entryIndex = entryIndex;
    this.provider = d.provider;
    this.providerName = d.providerName;
    this.match = d.match;
    this.outcome = d.outcome;
    this.status = d.status;
    this.startedDateTime = d.startedDateTime;
    this.documented = d.documented;
    this.category = d.category;
    this.title = d.title;
    this.meaning = d.meaning;
    this.remedy = d.remedy;
    this.retry = d.retry;
    this.docsUrl = d.docsUrl;
    this.note = d.note ? d.note : undefined;
    this.bodyNote = d.bodyNote ? d.bodyNote : undefined;
    this.backend = backend
      ? {
          reportedBy: redact.text(backend.reportedBy),
          pageRequest: `${redact.text(backend.pageRequest.method)} ${redact.url(backend.pageRequest.url)}`,
        }
      : undefined;
    this.method = redact.text(d.method);
    this.codeAttribute = d.code === null ? '' : redact.echoes(d.code);
    this.code = d.code === null ? null : redact.text(d.code);
    this.message = d.message === null ? null : redact.text(d.message);
    this.headline = redact.text(headline(d));
    this.url = redact.url(d.url);
    this.path = pathOf(this.url);
    this.matchDescription = describeMatch(d);
    this.fields = d.fields.map(({ field, message }) => ({
      field: redact.text(field),
      message: redact.text(message),
    }));
    this.insights = (analysis?.insights ?? []).map(({ kind, text, related, figures }) => ({
      kind,
      text: redact.text(text),
      related: [...related],
      figures: shownFigures(figures, redact.text),
    }));
    this.supportIds = (analysis?.supportIds ?? []).map(({ name, value }) => ({
      name,
      value: redact.text(value),
    }));
  }

  get requestHeaders(): Header[] {
    this.#requestHeaders ??= this.#redact.headers(this.#exchange.requestHeaders);
    return this.#requestHeaders;
  }

  get responseHeaders(): Header[] {
    this.#responseHeaders ??= this.#redact.headers(this.#exchange.responseHeaders);
    return this.#responseHeaders;
  }

  get requestBody(): ShownBody | null {
    if (this.#requestBody === undefined) {
      const exchange = this.#exchange;
      const headers = Array.isArray(exchange.requestHeaders) ? exchange.requestHeaders : [];
      this.#requestBody = shownRequestBody(exchange.requestBody, headers, this.#redact);
    }
    return this.#requestBody;
  }

  get responseBody(): ShownBody | null {
    if (this.#responseBody === undefined) {
      const exchange = this.#exchange;
      const headers = Array.isArray(exchange.responseHeaders) ? exchange.responseHeaders : [];
      this.#responseBody = shownResponseBody(
        exchange.responseBody,
        exchange.responseEncoding,
        headers,
        this.#redact,
      );
    }
    return this.#responseBody;
  }

  get curl(): string {
    this.#curl ??= curlCommand(this.#exchange, this.provider, this.#redact);
    return this.#curl;
  }
}

/**
 * A presentation made afresh and not kept, for what shows a finding once and lets it go: the
 * formats, of which the CLI writes thousands. Kept in the cache below, each one outlived its
 * use through garbage collections, which cost as much as making it.
 */
export function present(finding: Finding): Presentation {
  return new ShownFinding(finding);
}

/** One presentation per finding, made the first time the panel asks: its rows, tooltips and details ask again. */
const presentations = new WeakMap<Finding, Presentation>();

export function presentationOf(finding: Finding): Presentation {
  let shown = presentations.get(finding);
  if (!shown) {
    shown = present(finding);
    presentations.set(finding, shown);
  }
  return shown;
}

/** What may be recorded of an exchange, diagnosed or not: the hook's HAR is written from it. */
export interface ExchangePresentation {
  method: string;
  url: string;
  status: number;
  startedDateTime: string;
  requestHeaders: Header[];
  responseHeaders: Header[];
  requestBody: ShownBody | null;
  responseBody: ShownBody | null;
}

export function exchangePresentationOf(exchange: Exchange): ExchangePresentation {
  const redact = redactorFor(exchange);
  return {
    method: redact.text(exchange.method),
    url: redact.url(exchange.url),
    status: exchange.status,
    startedDateTime: exchange.startedDateTime,
    requestHeaders: redact.headers(exchange.requestHeaders),
    responseHeaders: redact.headers(exchange.responseHeaders),
    requestBody: shownRequestBody(exchange.requestBody, exchange.requestHeaders, redact),
    responseBody: shownResponseBody(
      exchange.responseBody,
      exchange.responseEncoding,
      exchange.responseHeaders,
      redact,
    ),
  };
}
