/**
 * The documented rows of the five vendored error references, read from the seed text
 * itself (never from the catalog), and the exchanges that should reproduce each row.
 * Used by tests/catalog/seed-rows.test.ts and scripts/coverage-table.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnose } from '../../lib/matcher';
import { providerById } from '../../lib/providers';
import type { Exchange } from '../../lib/types';

export const SEED_IDS = ['kiotapay', 'rebell', 'payfield', 'apipay', 'alternative-payments'] as const;
export type SeedId = (typeof SEED_IDS)[number];

export type ResultStatus = 'S' | 'F' | 'U' | 'A';

export interface SeedRow {
  provider: SeedId;
  /** The section the table sits under. */
  table: string;
  /** What names the row: code, status, message, or "METHOD path status". */
  key: string;
  status?: number;
  resultStatus?: ResultStatus;
  code?: string;
  /** The error message as documented (Payfield: may hold " / " alternatives and placeholders). */
  message?: string;
  /** Absent when the row applies to any endpoint. */
  method?: string;
  path?: string;
  /** Set only where the row names the error (a name, message or status-name column). */
  title?: string;
  meaning: string;
  /** Set only where the row says what to do. */
  remedy?: string;
  /** A 2xx status or Rebell S/A: a documented success, never a diagnosis. */
  success: boolean;
  /** Kiotapay prints message, description and solution run together: the text as printed. */
  joined?: string;
  /** ApiPay's Common Errors: the example body, verbatim. */
  exampleBody?: string;
}

export function seedPath(id: SeedId): string {
  return fileURLToPath(new URL(`./${id}.txt`, import.meta.url));
}

export function seedText(id: SeedId): string {
  return readFileSync(seedPath(id), 'utf8');
}

const splitLines = (text: string): string[] => text.split(/\r?\n/);

/** Named capture groups of a match that must succeed; the seed changed if it does not. */
function capture<K extends string>(re: RegExp, text: string, names: readonly K[]): Record<K, string> {
  const groups = re.exec(text)?.groups;
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = groups?.[name];
    if (value === undefined) throw new Error(`cannot read ${JSON.stringify(text)} with ${re}`);
    out[name] = value;
  }
  return out;
}

/** The non-blank lines right under a table's header line. */
function bodyLines(lines: readonly string[], header: number): string[] {
  const body: string[] = [];
  for (let i = header + 1; i < lines.length && lines[i]?.trim(); i++) body.push(lines[i] ?? '');
  return body;
}

/** The nearest line above that reads as a heading: not blank, not a sentence or a lead-in. */
function headingAbove(lines: readonly string[], index: number): string {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i]?.trim() ?? '';
    if (line !== '' && !/[.:]$/.test(line)) return line.replace(/^\d+\.\s*/, '');
  }
  throw new Error(`no heading above line ${index + 1}`);
}

// Kiotapay: flattened HTML tables, the columns run together without separators.

const KIOTAPAY_CODES = 'CodeHTTP StatusMessageDescriptionPotential Solution';
const KIOTAPAY_STATUSES = 'HTTP Status CodeDescription';

export function parseKiotapay(text: string): SeedRow[] {
  const lines = splitLines(text);
  const rows: SeedRow[] = [];
  lines.forEach((line, index) => {
    if (line !== KIOTAPAY_CODES && line !== KIOTAPAY_STATUSES) return;
    const table = headingAbove(lines, index);
    for (const row of bodyLines(lines, index)) {
      if (line === KIOTAPAY_CODES) {
        const { code, status, rest } = capture(
          /^(?<code>[A-Z][A-Z_]*[A-Z])(?<status>\d{3})(?<rest>.+)$/,
          row,
          ['code', 'status', 'rest'],
        );
        // The message has no full stop and runs into a capitalised description; description and
        // solution are sentences.
        const { title, meaning, remedy } = capture(
          /^(?<title>[^.]+?[a-z])(?<meaning>[A-Z][^.]*\.)(?<remedy>[A-Z].*\.)$/,
          rest,
          ['title', 'meaning', 'remedy'],
        );
        rows.push({
          provider: 'kiotapay',
          table,
          key: code,
          code,
          status: Number(status),
          title,
          meaning,
          remedy,
          success: false,
          joined: rest,
        });
      } else {
        // "400Bad Request - The request was invalid.": the whole description is the meaning.
        const { status, meaning, title } = capture(/^(?<status>\d{3})(?<meaning>(?<title>.+?) - .+)$/, row, [
          'status',
          'meaning',
          'title',
        ]);
        rows.push({
          provider: 'kiotapay',
          table,
          key: status,
          status: Number(status),
          title,
          meaning,
          success: Number(status) < 300,
        });
      }
    }
  });
  return rows;
}

// Rebell: flattened tables too; the status column is one letter.

const REBELL_RESULTS = 'StatusMeaningAction';
const REBELL_CODES = 'CodeStatusDescriptionResolution';

export function parseRebell(text: string): SeedRow[] {
  const lines = splitLines(text);
  const rows: SeedRow[] = [];
  lines.forEach((line, index) => {
    if (line !== REBELL_RESULTS && line !== REBELL_CODES) return;
    const table = headingAbove(lines, index);
    for (const row of bodyLines(lines, index)) {
      if (line === REBELL_RESULTS) {
        // "FFailedRequest failed, check resultCode for details": the one-word Meaning column names
        // the status, and the Action column says what it means.
        const { status, title, meaning } = capture(
          /^(?<status>[SFUA])(?<title>[A-Z][a-z]+)(?<meaning>[A-Z].*)$/,
          row,
          ['status', 'title', 'meaning'],
        );
        const resultStatus = status as ResultStatus;
        rows.push({
          provider: 'rebell',
          table,
          key: resultStatus,
          resultStatus,
          title,
          meaning,
          success: resultStatus === 'S' || resultStatus === 'A',
        });
      } else {
        const { code, status, rest } = capture(
          /^(?<code>[A-Z][A-Z_]*[A-Z])(?<status>[FU])(?<rest>[A-Z][a-z].*)$/,
          row,
          ['code', 'status', 'rest'],
        );
        // The description ends where a capital follows a lower-case letter without a space.
        const { meaning, remedy } = capture(/^(?<meaning>.+?[a-z])(?<remedy>[A-Z].*)$/, rest, [
          'meaning',
          'remedy',
        ]);
        rows.push({
          provider: 'rebell',
          table,
          key: code,
          code,
          resultStatus: status as ResultStatus,
          meaning,
          remedy,
          success: false,
        });
      }
    }
  });
  return rows;
}

// Markdown tables (Payfield, ApiPay).

interface MarkdownTable {
  line: number;
  header: string[];
  rows: string[][];
}

const isTableLine = (line: string | undefined): boolean => /^\|.*\|$/.test(line?.trim() ?? '');
const isSeparator = (line: string | undefined): boolean => /^\|(\s*:?-+:?\s*\|)+$/.test(line?.trim() ?? '');
const cellsOf = (line: string): string[] =>
  line
    .trim()
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim());

function markdownTables(lines: readonly string[]): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!isTableLine(line) || !isSeparator(lines[i + 1])) continue;
    const rows: string[][] = [];
    let next = i + 2;
    // Payfield's two tables touch: a line over a separator starts the next table.
    for (; isTableLine(lines[next]) && !isSeparator(lines[next + 1]); next++) {
      rows.push(cellsOf(lines[next] ?? ''));
    }
    tables.push({ line: i, header: cellsOf(line), rows });
    i = next - 1;
  }
  return tables;
}

function expectHeader(table: MarkdownTable, header: readonly string[]): void {
  if (table.header.join('|') !== header.join('|')) {
    throw new Error(`unexpected table header ${table.header.join(' | ')} on line ${table.line + 1}`);
  }
}

// Payfield: two markdown tables under tab labels ("- HTTP codes", "- Common messages").

export function parsePayfield(text: string): SeedRow[] {
  const lines = splitLines(text);
  const tables = markdownTables(lines);
  const first = tables[0];
  if (!first) throw new Error('Payfield: no table');
  const tabs: string[] = [];
  for (let i = first.line - 1; i >= 0 && lines[i]?.startsWith('- '); i--) {
    tabs.unshift(lines[i]?.slice(2) ?? '');
  }
  if (tabs.length !== tables.length) {
    throw new Error(`Payfield: ${tables.length} tables, ${tabs.length} tabs`);
  }

  return tables.flatMap((table, index): SeedRow[] => {
    const tab = tabs[index] ?? '';
    if (table.header[0] === 'Code') {
      expectHeader(table, ['Code', 'Meaning']);
      return table.rows.map(([status = '', meaning = '']) => ({
        provider: 'payfield',
        table: tab,
        key: status,
        status: Number(status),
        // "Unauthorized. Authentication error: ...": the status name, then what it means here.
        title: capture(/^(?<title>[^.]+)\./, meaning, ['title']).title,
        meaning,
        success: Number(status) < 300,
      }));
    }
    expectHeader(table, ['Message', 'Cause', 'Action']);
    return table.rows.map(([message = '', meaning = '', remedy = '']) => ({
      provider: 'payfield',
      table: tab,
      key: message,
      message,
      title: message,
      meaning,
      remedy,
      success: false,
    }));
  });
}

// ApiPay: a markdown status table, then "### 401 Unauthorized" sections with an example body
// and an optional "**Solution:**" line.

/** The page was saved as UTF-8 read as Windows-1252: "→" came out as "â†’". */
const fixMojibake = (text: string): string => text.replaceAll('\u00e2\u2020\u2019', '→');

export function parseApipay(text: string): SeedRow[] {
  const lines = splitLines(fixMojibake(text));
  const headingAt = (index: number): string => {
    for (let i = index; i >= 0; i--) {
      const heading = /^## (.+)$/.exec(lines[i] ?? '')?.[1];
      if (heading) return heading;
    }
    throw new Error(`ApiPay: no heading above line ${index + 1}`);
  };

  const tables = markdownTables(lines);
  if (tables.length !== 1 || !tables[0]) throw new Error(`ApiPay: ${tables.length} tables`);
  const statusTable = tables[0];
  expectHeader(statusTable, ['Code', 'Name', 'Description']);
  const rows: SeedRow[] = statusTable.rows.map(([status = '', title = '', meaning = '']) => ({
    provider: 'apipay',
    table: headingAt(statusTable.line),
    key: status,
    status: Number(status),
    title,
    meaning,
    success: Number(status) < 300,
  }));

  const start = lines.indexOf('## Common Errors');
  if (start < 0) throw new Error('ApiPay: no Common Errors');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const section = lines.slice(start, end < 0 ? undefined : end);
  section.forEach((line, index) => {
    const heading = /^### (?<status>\d{3}) /.exec(line)?.groups?.status;
    if (heading === undefined) return;
    const next = section.findIndex((other, at) => at > index && other.startsWith('### '));
    const body = section.slice(index + 1, next < 0 ? undefined : next);
    const open = body.indexOf('```json');
    const close = body.indexOf('```', open + 1);
    if (open < 0 || close < 0) throw new Error(`ApiPay: no example under ${line}`);
    const exampleBody = body.slice(open + 1, close).join('\n');
    const message: unknown = JSON.parse(exampleBody).message;
    if (typeof message !== 'string') throw new Error(`ApiPay: no message under ${line}`);
    const remedy = body.map((text) => /^\*\*Solution:\*\* (.+)$/.exec(text)?.[1]).find((text) => text);
    const status = Number(heading);
    // The section names no meaning of its own: the status table's description is the one given.
    const meaning = rows.find((row) => row.status === status)?.meaning;
    if (meaning === undefined) throw new Error(`ApiPay: ${status} is not in the status table`);
    rows.push({
      provider: 'apipay',
      table: 'Common Errors',
      key: `${status} ${message}`,
      status,
      message,
      // The example's message is what the body says, not a title: a value such as
      // "60 seconds" varies, so the catalog names the row in its own words.
      meaning,
      ...(remedy ? { remedy } : {}),
      success: false,
      exampleBody,
    });
  });
  return rows;
}

// Alternative Payments: each row is a block of lines (status, endpoint, cause, fix); inline code
// in the cause or fix broke its sentence across lines.

const isHeading = (line: string): boolean => /^\p{Extended_Pictographic}/u.test(line);
/** A line that carries on the sentence above: it starts in lower case or with punctuation. */
const continues = (line: string): boolean => /^[a-z,./)]/.test(line);

export function parseAlternativePayments(text: string): SeedRow[] {
  const lines = splitLines(text);
  const start = lines.findIndex((line) => isHeading(line) && /Errors$/.test(line));
  if (start < 0) throw new Error('Alternative Payments: no Errors section');
  const table = (lines[start] ?? '').replace(/^\P{L}+/u, '');
  const end = lines.findIndex((line, index) => index > start && isHeading(line));
  const section = lines.slice(start + 1, end < 0 ? undefined : end);

  const blocks: string[][] = [];
  for (const line of section) {
    if (/^\d{3} [A-Z]/.test(line)) blocks.push([line]);
    else blocks.at(-1)?.push(line);
  }
  return blocks.map(([statusLine = '', endpoint = '', ...rest]) => {
    const { status, title } = capture(/^(?<status>\d{3}) (?<title>.+)$/, statusLine, ['status', 'title']);
    const sentences: string[] = [];
    for (const line of rest) {
      const last = sentences.length - 1;
      if (last >= 0 && continues(line)) {
        sentences[last] += /^[,.]/.test(line) ? line : ` ${line}`;
      } else sentences.push(line);
    }
    const [meaning, remedy] = sentences;
    if (sentences.length !== 2 || meaning === undefined || remedy === undefined) {
      throw new Error(`Alternative Payments: ${statusLine} has ${sentences.length} sentences`);
    }
    const route = /^(?<method>[A-Z]+) (?<path>\/.*)$/.exec(endpoint)?.groups;
    if (!route && endpoint !== 'Any') throw new Error(`Alternative Payments: endpoint ${endpoint}`);
    // "GET /payment/ request/{id}": the page put a stray space in the path.
    const path = route?.path?.replace(/\s+/g, '');
    const method = route?.method;
    return {
      provider: 'alternative-payments',
      table,
      key: method && path ? `${method} ${path} ${status}` : `Any ${status}`,
      status: Number(status),
      ...(method && path ? { method, path } : {}),
      title,
      meaning,
      remedy,
      success: Number(status) < 300,
    };
  });
}

const parsers: Record<SeedId, (text: string) => SeedRow[]> = {
  kiotapay: parseKiotapay,
  rebell: parseRebell,
  payfield: parsePayfield,
  apipay: parseApipay,
  'alternative-payments': parseAlternativePayments,
};

export function seedRows(id: SeedId): SeedRow[] {
  return parsers[id](seedText(id));
}

// Exchanges that should reproduce each row: real hosts, the provider's documented body shape.

export interface RowExchange {
  label: string;
  exchange: Exchange;
}

function exchange(method: string, url: string, status: number, body?: unknown): Exchange {
  const json = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method,
    url,
    status,
    requestHeaders: [{ name: 'Accept', value: 'application/json' }],
    responseHeaders: json === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }],
    ...(json === undefined ? {} : { responseBody: json, mimeType: 'application/json' }),
    startedDateTime: '2025-03-14T09:26:53.000Z',
  };
}

function kiotapayExchanges(row: SeedRow): RowExchange[] {
  const status = row.status ?? 0;
  const production = 'https://api.kiotapay.co/api/v1/payments';
  const sandbox = 'https://api.kiotapay.co/api/sandbox/v1/payments';
  if (row.success) {
    const data = { reference: 'KTP-7F3A9C', status: 'PENDING' };
    return [
      {
        label: 'success envelope',
        exchange: exchange('POST', production, status, { status, message: 'Success', data }),
      },
    ];
  }
  if (row.code === undefined) {
    return [
      {
        label: 'status without a code',
        exchange: exchange('POST', production, status, { message: row.title, statusCode: String(status) }),
      },
    ];
  }
  const error = { code: row.code, message: row.title, details: row.meaning };
  return [
    { label: 'error envelope', exchange: exchange('POST', production, status, { error }) },
    {
      label: 'top-level errorCode, sandbox',
      exchange: exchange('POST', sandbox, status, {
        errorCode: row.code,
        message: row.title,
        details: row.meaning,
        statusCode: String(status),
      }),
    },
  ];
}

/** Where each Rebell table's codes come from, in the Alipay-style paths of the platform. */
const REBELL_PATHS: Record<string, string> = {
  'Result Status Values': '/v1/payments/inquiryPayment',
  Refunds: '/v1/payments/refund',
  Void: '/v1/payments/cancel',
  Capture: '/v1/payments/capture',
  'Authorization-Specific Error Codes': '/v1/authorizations/applyToken',
  'Message-Specific Error Codes': '/v1/messages/sendInbox',
};

function rebellExchanges(row: SeedRow): RowExchange[] {
  const path = REBELL_PATHS[row.table] ?? '/v1/payments/pay';
  // A code table row names its code; a Result Status row stands for results with no listed code.
  const result = {
    resultStatus: row.resultStatus,
    ...(row.code ? { resultCode: row.code } : row.success ? { resultCode: 'SUCCESS' } : {}),
    resultMessage: row.meaning,
  };
  return ['api.rebellapp.com', 'sandbox-api.rebellapp.com'].map((host) => ({
    label: `HTTP 200 on ${host}`,
    exchange: exchange('POST', `https://${host}${path}`, 200, { result }),
  }));
}

/** Each " / " alternative, with a realistic value where the documents show a placeholder. */
export function payfieldMessages(documented: string): string[] {
  return documented.split(' / ').flatMap((alternative) => {
    if (alternative.endsWith('...')) {
      const stem = alternative.slice(0, -3);
      return [stem, `${stem}. Available: 1200.00 KZT, requested: 5000.00 KZT.`];
    }
    if (/\bX\.$/.test(alternative)) {
      return ['KZT', 'USD'].map((currency) => alternative.replace(/X\.$/, `${currency}.`));
    }
    return [alternative];
  });
}

function payfieldExchanges(row: SeedRow): RowExchange[] {
  const base = 'https://api.payfield.io/api/v1';
  const status = row.status ?? 0;
  if (row.success) {
    const payout = { external_id: 'po-20250314-0001', status: 'pending', amount: '5000.00', currency: 'KZT' };
    return [{ label: 'payout', exchange: exchange('POST', `${base}/payouts`, status, payout) }];
  }
  if (row.message === undefined) {
    // The HTTP codes table names no message, so the body carries only a code.
    const codes: Record<number, string> = { 401: 'unauthorized', 422: 'validation_error' };
    const code = codes[status] ?? (row.title ?? '').toLowerCase().replaceAll(' ', '_');
    const url = status === 404 ? `${base}/payouts/po-20250314-0001` : `${base}/payouts`;
    return [
      {
        label: `code ${code}`,
        exchange: exchange(status === 404 ? 'GET' : 'POST', url, status, { code, error: { code } }),
      },
    ];
  }
  return payfieldMessages(row.message).map((message) => {
    const auth = /API key|timestamp|signature/i.test(message);
    const notFound = /not found/i.test(message);
    const code = auth ? 'unauthorized' : notFound ? 'not_found' : 'validation_error';
    const field = /^[a-z_]+(?= )/.exec(message)?.[0];
    const body = {
      message,
      code,
      ...(code === 'validation_error' && field ? { errors: [{ field, message }] } : {}),
      error: { code, message },
    };
    const url = notFound
      ? `${base}/${message.startsWith('PayIn') ? 'payins' : 'payouts'}/op-20250314-0001`
      : `${base}/payouts`;
    return {
      label: JSON.stringify(message),
      exchange: exchange(notFound ? 'GET' : 'POST', url, auth ? 401 : notFound ? 404 : 422, body),
    };
  });
}

function apipayExchanges(row: SeedRow): RowExchange[] {
  const status = row.status ?? 0;
  const body = row.success
    ? { id: 48213, status: 'pending', amount: 5000 }
    : // The status table names no message: a framework's default text for the status.
      (row.exampleBody ?? { message: row.title, ...(status === 429 ? { retry_after: 60 } : {}) });
  return ['api.apipay.kz', 'bpapi.bazarbay.site'].map((host) => ({
    label: host,
    exchange: exchange('POST', `https://${host}/api/v1/invoices`, status, body),
  }));
}

function alternativePaymentsExchanges(row: SeedRow): RowExchange[] {
  const id = '3f2b8c1e-9a4d-4e6f-8b7a-2c5d1e0f9a83';
  const endpoints =
    row.method && row.path
      ? [[row.method, row.path]]
      : [
          ['POST', '/payment/request'],
          ['GET', '/payment/request/{id}'],
          ['POST', '/oauth/token'],
        ];
  return ['public-api.alternativepayments.io', 'public-api.demo.alternativepayments.io'].flatMap((host) =>
    endpoints.map(([method = '', path = '']) => ({
      label: `${method} ${path} on ${host}`,
      exchange: exchange(method, `https://${host}${path.replace('{id}', id)}`, row.status ?? 0, {
        error: { message: row.title },
      }),
    })),
  );
}

const exchangeBuilders: Record<SeedId, (row: SeedRow) => RowExchange[]> = {
  kiotapay: kiotapayExchanges,
  rebell: rebellExchanges,
  payfield: payfieldExchanges,
  apipay: apipayExchanges,
  'alternative-payments': alternativePaymentsExchanges,
};

export function exchangesFor(row: SeedRow): RowExchange[] {
  return exchangeBuilders[row.provider](row);
}

const SUCCESS_OUTCOMES: Partial<Record<ResultStatus, string>> = { S: 'success', A: 'accepted' };

/** Where the catalog departs from the row; empty when it reproduces the row word for word. */
export function rowProblems(row: SeedRow): string[] {
  const problems: string[] = [];
  const differs = (what: string, actual: unknown, documented: unknown) => {
    if (actual !== documented) {
      problems.push(`${what}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(documented)}`);
    }
  };
  for (const { label, exchange } of exchangesFor(row)) {
    const diagnosis = diagnose(exchange);
    if (row.success) {
      if (diagnosis !== null) problems.push(`${label}: diagnosed as ${diagnosis.title}`);
      continue;
    }
    if (diagnosis === null) {
      problems.push(`${label}: no diagnosis`);
      continue;
    }
    differs(`${label}: provider`, diagnosis.provider, row.provider);
    differs(`${label}: documented`, diagnosis.documented, true);
    differs(`${label}: meaning`, diagnosis.meaning, row.meaning);
    if (row.remedy !== undefined) differs(`${label}: remedy`, diagnosis.remedy, row.remedy);
    if (row.title !== undefined) differs(`${label}: title`, diagnosis.title, row.title);
    if (row.joined !== undefined) {
      differs(
        `${label}: title+meaning+remedy`,
        diagnosis.title + diagnosis.meaning + diagnosis.remedy,
        row.joined,
      );
    }
    if (row.resultStatus !== undefined) {
      differs(`${label}: outcome`, diagnosis.outcome, row.resultStatus === 'U' ? 'unknown' : 'failed');
    }
  }
  if (row.success) {
    const outcome = row.resultStatus && SUCCESS_OUTCOMES[row.resultStatus];
    const listed = providerById(row.provider)?.successes.some(
      (success) =>
        (outcome ? success.outcome === outcome : success.status === row.status) &&
        success.meaning === row.meaning &&
        (row.title === undefined || success.title === row.title),
    );
    if (!listed) problems.push('not among the provider’s documented successes');
  }
  return problems;
}
