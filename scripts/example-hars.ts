/*
 * The example HAR and the HAR test fixtures of PayLens, built in memory: `npm run
 * make-examples` (scripts/make-examples.ts) writes them, tests/scripts/example-hars.test.ts
 * checks the committed files against them.
 *
 * Builds
 *   examples/checkout-session.har      a whole checkout session of the fictional shop
 *                                      https://shop.example (two pages, 48 entries), with
 *                                      successes and errors of all five providers
 *   tests/fixtures/har/*.har, *.json   small HARs, each for one situation the reader and
 *                                      the matcher must handle (broken bodies, broken
 *                                      entries, broken files, relayed errors, look-alikes)
 *
 * Why the data looks the way it does
 *   - Entries mimic Chrome DevTools' "Save all as HAR with content": HAR 1.2, creator
 *     WebInspector, keys in Chrome's order, h2 with pseudo-headers, lower-case header
 *     names, empty statusText and headersSize/bodySize -1, `_resourceType`, `_initiator`,
 *     `_priority`, `_transferSize`, CORS preflights as OPTIONS 204 with
 *     `_resourceType: "preflight"`, images (and one provider error) as base64 bodies.
 *     ApiPay.kz is served over HTTP/1.1 so both header styles occur.
 *   - Provider hosts, paths and bodies follow ../shared/providers.md and the five
 *     error references (seeds 000-004): Kiotapay `{"error":{code,message,details}}`,
 *     Rebell `result.resultStatus` on HTTP 200, Payfield's mirrored `error:{code,message}`
 *     envelope, ApiPay's Laravel-style `errors{field:[...]}` and the newer
 *     `{error,error_code,message}`, Alternative Payments `{"error":{"message"}}` keyed by
 *     method + path. Paths the documents do not name are plausible guesses.
 *   - Requests carry realistic but fake credentials (a well-formed HS256 JWT, API keys,
 *     HMAC signatures, an RSA-sized Rebell signature, Basic client_id:client_secret, a
 *     Luhn-valid test card 4111111111111111) so that redaction can be demonstrated. None
 *     of them is real: all are derived from fixed seeds with SHA-256/HMAC.
 *   - Deterministic: fixed timestamps, sizes and timings computed from the content, no
 *     randomness and no clock reads, so re-running the script gives identical files.
 *   - IP addresses are from the documentation ranges (RFC 5737); hosts under .example
 *     are fictional.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Provider } from '../lib/providers';
import { alternativePayments } from '../lib/providers/alternative-payments/catalog';
import { alternativePaymentsError } from '../lib/providers/alternative-payments/examples';
import { apipay } from '../lib/providers/apipay/catalog';
import { apipayBusinessError, apipayMessage } from '../lib/providers/apipay/examples';
import { kiotapay } from '../lib/providers/kiotapay/catalog';
import { kiotapayError, kiotapaySuccess } from '../lib/providers/kiotapay/examples';
import { payfield } from '../lib/providers/payfield/catalog';
import { payfieldError } from '../lib/providers/payfield/examples';
import { rebell } from '../lib/providers/rebell/catalog';
import { REBELL_CLIENT_ID, rebellResult, rebellTime } from '../lib/providers/rebell/examples';
import { crc32 } from './crc32';

type Header = [name: string, value: string];
type ResourceType = 'document' | 'stylesheet' | 'script' | 'image' | 'fetch' | 'xhr' | 'ping' | 'preflight';
/** id, URL (the page's title), start (ms after the recording's), onContentLoad, onLoad. */
type PageSpec = [id: string, url: string, at: number, onContentLoad: number, onLoad: number];

interface Page {
  id: string;
  title: string;
  at: number;
  onContentLoad: number;
  onLoad: number;
}

/** A HAR entry as the generator writes it (bad-entries.har breaks some on purpose). */
interface Entry {
  startedDateTime: string;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  [key: string]: unknown;
}

interface Recording {
  t0: number;
  pages: Page[];
  entries: Entry[];
  connections: Map<string, string>;
  nextConnection: number;
  nextRequest: number;
  page: string;
  pageUrl: string;
}

/** One exchange to record; see `add`. */
interface Spec {
  at: number;
  method?: string;
  url: string;
  type?: ResourceType;
  initiator?: object;
  priority?: string;
  referer?: string;
  fetchSite?: string;
  cookies?: boolean;
  h1?: boolean;
  headers?: Header[];
  body?: string;
  bodyType?: string;
  preflightFor?: { method: string; headers: string };
  status: number;
  resHeaders?: Header[];
  noLength?: boolean;
  mime?: string;
  text?: string;
  base64?: boolean;
  binary?: Buffer;
  rawContent?: { size: number; text: string; encoding?: string };
  compress?: boolean;
  wait?: number;
  receive?: number;
  fromCache?: string;
}

// ---------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------

const SHOP = 'https://shop.example';
/** A provider's production origin, from its catalog. */
const originOf = ({ hosts: [host] }: Provider) => `https://${host}`;
const KIOTAPAY = originOf(kiotapay);
const REBELL = originOf(rebell);
const PAYFIELD = originOf(payfield);
const APIPAY = originOf(apipay);
const ALTPAY = originOf(alternativePayments);
const ANALYTICS = 'https://analytics.shop.example';

const APP_JS = `${SHOP}/assets/app.8d2b7a.js`;
const VENDOR_JS = `${SHOP}/assets/vendor.1a4e0c.js`;
const APP_CSS = `${SHOP}/assets/app.3f9c1e.css`;

const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36';
const SEC_CH_UA = '"Chromium";v="134", "Not:A-Brand";v="24", "Google Chrome";v="134"';

const IPS: Record<string, string> = {
  'shop.example': '203.0.113.10',
  'analytics.shop.example': '203.0.113.11',
  'api.kiotapay.co': '198.51.100.21',
  'api.rebellapp.com': '198.51.100.34',
  'api.payfield.io': '198.51.100.47',
  'api.apipay.kz': '198.51.100.58',
  'public-api.alternativepayments.io': '198.51.100.69',
  'api.kiotapay.co.evil.example': '192.0.2.66',
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

// ---------------------------------------------------------------------------------------
// Deterministic fake secrets
// ---------------------------------------------------------------------------------------

/** `n` bytes derived from a seed: stands in for random bytes, reproducibly. */
function seededBytes(seed: string, n: number): Buffer {
  const parts = [];
  for (let i = 0; parts.length * 32 < n; i++)
    parts.push(createHash('sha256').update(`${seed}/${i}`).digest());
  return Buffer.concat(parts).subarray(0, n);
}

const hex = (seed: string, n: number) =>
  seededBytes(seed, Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
const b64url = (text: string) => Buffer.from(text).toString('base64url');
const json = (value: unknown) => JSON.stringify(value);

/** A syntactically valid HS256 JWT (header.payload.signature, base64url). */
function jwt(payload: Record<string, unknown>, seed: string): string {
  const head = b64url(json({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(json(payload));
  const signature = createHmac('sha256', seed).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

const KIOTAPAY_API_KEY = `kp_live_${hex('kiotapay-key', 32)}`;
const KIOTAPAY_API_SECRET = `ks_live_${hex('kiotapay-secret', 48)}`;
const PAYFIELD_API_KEY = `pf_live_${hex('payfield-key', 40)}`;
const PAYFIELD_SECRET = hex('payfield-hmac-secret', 64);
const APIPAY_API_KEY = `apk_${hex('apipay-key', 40)}`;
const ALTPAY_CLIENT_ID = `ap_client_${hex('altpay-client-id', 24)}`;
const ALTPAY_CLIENT_SECRET = `ap_secret_${hex('altpay-client-secret', 40)}`;
const TEST_CARD = '4111111111111111'; // Luhn-valid Visa test number

/** Rebell's Signature header: an RSA-2048-sized signature, URL-encoded base64. */
function rebellSignature(seed: string): string {
  const value = encodeURIComponent(seededBytes(`rebell-signature/${seed}`, 256).toString('base64'));
  return `algorithm=SHA256withRSA, keyVersion=1, signature=${value}`;
}

/** Payfield: X-Signature = hex HMAC-SHA256 of timestamp + body. */
function payfieldAuth(unixSeconds: number, body = ''): Header[] {
  const timestamp = String(unixSeconds);
  const signature = createHmac('sha256', PAYFIELD_SECRET)
    .update(timestamp + body)
    .digest('hex');
  return [
    ['x-api-key', PAYFIELD_API_KEY],
    ['x-signature', signature],
    ['x-timestamp', timestamp],
  ];
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

// ---------------------------------------------------------------------------------------
// Tiny PNGs, built by hand (stored deflate block) so the bytes never depend on zlib
// ---------------------------------------------------------------------------------------

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  return Buffer.concat([uint32(data.length), typed, uint32(crc32(typed))]);
}

/** A width × height PNG of one RGBA colour. */
function png(width: number, height: number, rgba: number[]): Buffer {
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => rgba).flat()),
  ]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const n = raw.length;
  const zlib = Buffer.concat([
    Buffer.from([0x78, 0x01, 0x01, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff]),
    raw,
    uint32(adler32(raw)),
  ]);
  const header = Buffer.concat([uint32(width), uint32(height), Buffer.from([8, 6, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------
// HAR building
// ---------------------------------------------------------------------------------------

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** A recording: its start, pages and entries, and the connections already open. */
function session(startIso: string, pages: PageSpec[]): Recording {
  return {
    t0: Date.parse(startIso),
    pages: pages.map(([id, title, at, onContentLoad, onLoad]) => ({ id, title, at, onContentLoad, onLoad })),
    entries: [],
    connections: new Map(),
    nextConnection: 40211,
    nextRequest: 57,
    page: pages[0]?.[0] ?? '',
    pageUrl: pages[0]?.[1] ?? '',
  };
}

function navigate(ctx: Recording, pageId: string) {
  const page = ctx.pages.find((p) => p.id === pageId);
  if (!page) throw new Error(`no page ${pageId}`);
  ctx.page = page.id;
  ctx.pageUrl = page.title;
}

const iso = (ctx: Recording, at: number) => new Date(ctx.t0 + at).toISOString();

function siteOf(host: string): string {
  if (host === 'shop.example') return 'same-origin';
  if (host.endsWith('.shop.example')) return 'same-site';
  return 'cross-site';
}

const titleCase = (name: string) =>
  name.startsWith('sec-ch-')
    ? name
    : name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

const FETCH_DEST: Record<
  ResourceType,
  [dest: string, mode: string, priority: string, chromePriority: string]
> = {
  document: ['document', 'navigate', 'u=0, i', 'VeryHigh'],
  stylesheet: ['style', 'no-cors', 'u=0', 'VeryHigh'],
  script: ['script', 'no-cors', 'u=1', 'High'],
  image: ['image', 'no-cors', 'u=2, i', 'Low'],
  fetch: ['empty', 'cors', 'u=1, i', 'High'],
  xhr: ['empty', 'cors', 'u=1, i', 'High'],
  ping: ['empty', 'no-cors', 'u=4, i', 'VeryLow'],
  preflight: ['empty', 'cors', 'u=1, i', 'High'],
};

const ACCEPT: Record<ResourceType, string> = {
  document:
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  stylesheet: 'text/css,*/*;q=0.1',
  script: '*/*',
  image: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  fetch: 'application/json',
  xhr: 'application/json, text/plain, */*',
  ping: '*/*',
  preflight: '*/*',
};

const SHOP_COOKIES = [
  { name: 'sid', value: 's%3AqV4nP8sZ2kR7tW1xY6cB3mJ9.hF0dL5gT8uK2', httpOnly: true },
  { name: 'cart_id', value: 'c_7f3a9e21', httpOnly: false },
];

function requestHeaders(
  ctx: Recording,
  spec: Spec & { type: ResourceType; method: string },
  url: URL,
  h2: boolean,
): Header[] {
  const type = spec.type;
  const [dest, mode, priority] = FETCH_DEST[type];
  const site = spec.fetchSite ?? siteOf(url.hostname);
  const crossOrigin = url.origin !== SHOP;
  const map = new Map<string, Header>();
  const set = (name: string, value: string) => map.set(name.toLowerCase(), [name, value]);

  set('accept', ACCEPT[type]);
  set('accept-encoding', 'gzip, deflate, br, zstd');
  set('accept-language', 'en-GB,en;q=0.9,ru;q=0.8');
  if (type === 'preflight') {
    set('access-control-request-method', spec.preflightFor?.method ?? '');
    set('access-control-request-headers', spec.preflightFor?.headers ?? '');
  }
  if (type === 'ping' || type === 'preflight' || (crossOrigin && type !== 'image' && type !== 'document')) {
    set('origin', SHOP);
  } else if (spec.method !== 'GET' && spec.method !== 'HEAD') set('origin', SHOP);
  if (h2) set('priority', priority);
  const referer = type === 'document' ? spec.referer : (spec.referer ?? ctx.pageUrl);
  if (referer) set('referer', referer);
  if (type !== 'preflight') {
    set('sec-ch-ua', SEC_CH_UA);
    set('sec-ch-ua-mobile', '?0');
    set('sec-ch-ua-platform', '"macOS"');
  }
  set('sec-fetch-dest', dest);
  set('sec-fetch-mode', mode);
  set('sec-fetch-site', site);
  if (type === 'document') {
    set('sec-fetch-user', '?1');
    set('upgrade-insecure-requests', '1');
  }
  set('user-agent', UA);
  if (spec.cookies) set('cookie', SHOP_COOKIES.map((c) => `${c.name}=${c.value}`).join('; '));
  if (spec.body !== undefined) set('content-type', spec.bodyType ?? '');
  for (const [name, value] of spec.headers ?? []) set(name, value);

  const sorted = [...map.values()].sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()));
  if (h2) {
    const pseudo: Header[] = [
      [':authority', url.host],
      [':method', spec.method],
      [':path', url.pathname + url.search],
      [':scheme', 'https'],
    ];
    return [...pseudo, ...sorted.map(([n, v]): Header => [n.toLowerCase(), v])];
  }
  const named = sorted.map(([n, v]): Header => [n === n.toLowerCase() ? titleCase(n) : n, v]);
  return [['Host', url.host], ['Connection', 'keep-alive'], ...named];
}

const pairs = (list: Header[]) => list.map(([name, value]) => ({ name, value }));
const headerBytes = (list: Header[]) => list.reduce((sum, [n, v]) => sum + n.length + v.length + 4, 0);

/**
 * Adds one exchange to the recording and returns the HAR entry.
 *
 * spec: at (ms after the recording's start), method, url, type (_resourceType), initiator,
 * headers (extra request headers), body / bodyType (request), status, resHeaders, mime,
 * text (response body; undefined = no `text` key), base64 (store `text` as base64),
 * binary (a Buffer, stored as base64), rawContent (content.text written verbatim),
 * compress, wait, receive, fromCache, cookies (send the shop's cookies), h1.
 */
function add(ctx: Recording, spec: Spec): Entry {
  const s = { method: 'GET', type: 'fetch' as ResourceType, ...spec };
  const url = new URL(s.url);
  const h2 = !s.h1;
  const n = ctx.entries.length;
  const reqHeaders = requestHeaders(ctx, s, url, h2);

  // Timings: a new connection pays for DNS, TCP and TLS; later requests reuse it.
  let connection = ctx.connections.get(url.origin);
  const fresh = connection === undefined && !s.fromCache;
  if (fresh) {
    connection = String(ctx.nextConnection);
    ctx.nextConnection += 7 + (n % 5);
    ctx.connections.set(url.origin, connection);
  }
  const blocked = s.fromCache ? 0.41 : 1.2 + (n % 7) * 0.37;
  const dns = fresh ? 11.8 + (n % 5) * 1.3 : -1;
  const connect = fresh ? 36.4 + (n % 9) * 2.1 : -1;
  const ssl = fresh ? connect - 10.3 : -1;
  const send = s.fromCache ? 0 : 0.11 + (n % 4) * 0.05;
  const wait = s.fromCache ? 0.18 : (s.wait ?? 85 + (n % 6) * 11.5);

  // Body: decoded size, what content.text holds, what crossed the wire.
  let content: { size: number; mimeType?: string; compression?: number; text?: string; encoding?: string };
  let size = 0;
  if (s.binary) {
    size = s.binary.length;
    content = { size, mimeType: s.mime, text: s.binary.toString('base64'), encoding: 'base64' };
  } else if (s.rawContent !== undefined) {
    size = s.rawContent.size;
    content = { size, mimeType: s.mime, text: s.rawContent.text, encoding: s.rawContent.encoding };
  } else if (s.text !== undefined) {
    size = bytes(s.text);
    content = s.base64
      ? { size, mimeType: s.mime, text: Buffer.from(s.text).toString('base64'), encoding: 'base64' }
      : { size, mimeType: s.mime, text: s.text };
  } else {
    content = { size: 0, mimeType: s.mime ?? 'x-unknown' };
  }
  const wireBody = s.compress ? Math.max(24, Math.round(size * 0.31)) : size;
  if (s.compress && size > 0) {
    const { text, encoding } = content;
    content = { size, mimeType: content.mimeType, compression: size - wireBody, text };
    if (encoding) content.encoding = encoding;
  }
  const receive = s.fromCache ? 0.52 : (s.receive ?? 0.9 + size / 40000);

  // Response headers: the date first, then the length or the encoding, then the spec's.
  const started = ctx.t0 + s.at;
  const date = new Date(started + Math.round(wait)).toUTCString();
  const resHeaders: Header[] = [];
  const h = (name: string) => (h2 ? name : titleCase(name));
  resHeaders.push([h('date'), date]);
  if (s.compress) resHeaders.push([h('content-encoding'), 'br']);
  else if (s.status !== 204 && !s.noLength) resHeaders.push([h('content-length'), String(size)]);
  resHeaders.push(...(s.resHeaders ?? []));

  const requestBodySize = s.body === undefined ? 0 : bytes(s.body);
  const request: Record<string, unknown> = {
    method: s.method,
    url: s.url,
    httpVersion: h2 ? 'http/2.0' : 'http/1.1',
    headers: pairs(reqHeaders),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    cookies: s.cookies
      ? SHOP_COOKIES.map((c) => ({
          name: c.name,
          value: c.value,
          path: '/',
          domain: 'shop.example',
          expires: '2025-06-12T09:29:58.000Z',
          httpOnly: c.httpOnly,
          secure: true,
          sameSite: 'Lax',
        }))
      : [],
    headersSize: h2
      ? -1
      : `${s.method} ${url.pathname}${url.search} HTTP/1.1\r\n`.length + headerBytes(reqHeaders) + 2,
    bodySize: requestBodySize,
  };
  if (s.body !== undefined) {
    const form = s.bodyType === 'application/x-www-form-urlencoded';
    request.postData = {
      mimeType: s.bodyType,
      text: s.body,
      ...(form ? { params: [...new URLSearchParams(s.body)].map(([name, value]) => ({ name, value })) } : {}),
    };
  }

  const responseHeadersSize =
    `HTTP/1.1 ${s.status} ${STATUS_TEXT[s.status]}\r\n`.length + headerBytes(resHeaders) + 2;
  const response = {
    status: s.status,
    statusText: h2 ? '' : STATUS_TEXT[s.status],
    httpVersion: h2 ? 'http/2.0' : 'http/1.1',
    headers: pairs(resHeaders),
    cookies: [],
    content,
    redirectURL: '',
    headersSize: h2 || s.fromCache ? -1 : responseHeadersSize,
    bodySize: s.fromCache ? 0 : h2 ? -1 : wireBody,
    _transferSize: s.fromCache
      ? 0
      : h2
        ? Math.round(headerBytes(resHeaders) * 0.42) + 9 + wireBody
        : responseHeadersSize + wireBody,
    _error: null,
    _fetchedViaServiceWorker: false,
  };

  const [, , , priority] = FETCH_DEST[s.type];
  const timings = {
    blocked: r3(blocked),
    dns: r3(dns),
    ssl: r3(ssl),
    connect: r3(connect),
    send: r3(send),
    wait: r3(wait),
    receive: r3(receive),
    _blocked_queueing: r3(blocked * 0.62),
    _workerStart: -1,
    _workerReady: -1,
    _workerFetchStart: -1,
    _workerRespondWithSettled: -1,
  };
  const time = [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive]
    .filter((t) => t > 0)
    .reduce((a, b) => a + b, 0);

  const entry = {
    ...(s.fromCache ? { _fromCache: s.fromCache } : {}),
    _initiator: s.initiator ?? { type: 'other' },
    _priority: s.priority ?? priority,
    _resourceType: s.type,
    cache: {},
    ...(s.fromCache ? {} : { connection }),
    pageref: ctx.page,
    request,
    response,
    serverIPAddress: s.fromCache ? '' : (IPS[url.hostname] ?? '203.0.113.99'),
    startedDateTime: iso(ctx, s.at),
    time: r3(time),
    timings,
  };
  ctx.entries.push(entry);
  return entry;
}

/** The initiator of a call made by the shop's app bundle. */
function fromScript(functionName: string, lineNumber: number, columnNumber: number, url = APP_JS) {
  return {
    type: 'script',
    stack: { callFrames: [{ functionName, scriptId: '31', url, lineNumber, columnNumber }] },
  };
}

const fromParser = (ctx: Recording, lineNumber: number) => ({ type: 'parser', url: ctx.pageUrl, lineNumber });

/** A CORS preflight: OPTIONS answered 204, recorded just before the request it clears. */
function preflight(
  ctx: Recording,
  at: number,
  url: string,
  method: string,
  headers: string,
  allowOrigin = SHOP,
) {
  const requestId = `81234.${ctx.nextRequest++}`;
  const h1 = url.startsWith(APIPAY);
  const h = (name: string) => (h1 ? titleCase(name) : name);
  return add(ctx, {
    at,
    method: 'OPTIONS',
    url,
    type: 'preflight',
    initiator: { type: 'preflight', url, requestId },
    preflightFor: { method, headers },
    h1,
    status: 204,
    wait: 38.5 + (ctx.entries.length % 4) * 3.2,
    resHeaders: [
      [h('access-control-allow-headers'), headers],
      [h('access-control-allow-methods'), 'GET,POST,PUT,PATCH,DELETE,OPTIONS'],
      [h('access-control-allow-origin'), allowOrigin],
      [h('access-control-max-age'), '600'],
      [h('server'), 'nginx'],
      [h('vary'), 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
    ],
  });
}

function harOf(ctx: Recording) {
  const entries = [...ctx.entries].sort(
    (a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime),
  );
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: ctx.pages.map((p) => ({
        startedDateTime: iso(ctx, p.at),
        id: p.id,
        title: p.title,
        pageTimings: { onContentLoad: p.onContentLoad, onLoad: p.onLoad },
      })),
      entries,
    },
  };
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// ---------------------------------------------------------------------------------------
// Provider response headers and bodies
// ---------------------------------------------------------------------------------------

const KIOTAPAY_HEADERS: Header[] = [
  ['access-control-allow-origin', SHOP],
  ['content-type', 'application/json; charset=utf-8'],
  ['server', 'nginx'],
  ['vary', 'Origin'],
  ['x-content-type-options', 'nosniff'],
];

const rebellHeaders = (ctx: Recording, at: number): Header[] => [
  ['access-control-allow-origin', SHOP],
  ['client-id', REBELL_CLIENT_ID],
  ['content-type', 'application/json; charset=UTF-8'],
  ['response-time', rebellRequestTime(ctx, at + 120)],
  ['vary', 'Origin'],
];

const PAYFIELD_HEADERS: Header[] = [
  ['access-control-allow-origin', SHOP],
  ['cache-control', 'no-store'],
  ['content-type', 'application/json'],
  ['server', 'nginx'],
  ['vary', 'Origin'],
];

const apipayHeaders = (remaining: number, extra: Header[] = []): Header[] => [
  ['Server', 'nginx/1.24.0'],
  ['Content-Type', 'application/json'],
  ['Connection', 'keep-alive'],
  ['Cache-Control', 'no-cache, private'],
  ['X-RateLimit-Limit', '60'],
  ['X-RateLimit-Remaining', String(remaining)],
  ...extra,
  ['Access-Control-Allow-Origin', SHOP],
  ['Vary', 'Origin'],
];

const ALTPAY_HEADERS: Header[] = [
  ['access-control-allow-origin', SHOP],
  ['content-type', 'application/json'],
  ['vary', 'Origin'],
];

const KIOTAPAY_INVALID_TOKEN = json(
  kiotapayError(
    'AUTH_INVALID_TOKEN',
    'Invalid authentication token',
    'The provided token is expired or invalid.',
  ),
);

const unix = (ctx: Recording, at: number) => Math.floor((ctx.t0 + at) / 1000);
const rebellRequestTime = (ctx: Recording, at: number) => rebellTime(new Date(ctx.t0 + at));

function kiotapayToken(ctx: Recording, at: number, seed: string): string {
  const iat = unix(ctx, at);
  return jwt(
    {
      iss: 'https://api.kiotapay.co',
      sub: 'merchant_58213',
      scope: 'payments:write payments:read',
      iat,
      exp: iat + 300,
    },
    `kiotapay-jwt/${seed}`,
  );
}

// ---------------------------------------------------------------------------------------
// examples/checkout-session.har
// ---------------------------------------------------------------------------------------

const ORDER = 'ORD-20250314-0042';
const CHECKOUT = `${SHOP}/checkout`;
const COMPLETE = `${SHOP}/checkout/complete?order=${ORDER}`;

const CHECKOUT_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout · Example Shop</title>
<link rel="stylesheet" href="/assets/app.3f9c1e.css">
<script type="module" src="/assets/vendor.1a4e0c.js"></script>
<script type="module" src="/assets/app.8d2b7a.js"></script>
</head>
<body>
<header><img src="/img/logo.png" alt="Example Shop" width="2" height="2"></header>
<main id="checkout" data-order="${ORDER}">
  <h1>Checkout</h1>
  <ul class="methods">
    <li><img src="/img/pay/mobile-money.png" alt="" width="1" height="1"> M-Pesa (Kiotapay)</li>
    <li><img src="/img/pay/wallet.png" alt="" width="1" height="1"> Rebell wallet</li>
    <li>Card payout (Payfield)</li>
    <li>Kaspi (ApiPay.kz)</li>
    <li>Bank transfer (Alternative Payments)</li>
  </ul>
  <div id="app"></div>
</main>
</body>
</html>
`;

const COMPLETE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Order ${ORDER} · Example Shop</title>
<link rel="stylesheet" href="/assets/app.3f9c1e.css">
<script type="module" src="/assets/app.8d2b7a.js"></script>
</head>
<body>
<main id="complete" data-order="${ORDER}">
  <img src="/img/success.png" alt="" width="2" height="2">
  <h1>Thank you! Your order is being processed.</h1>
  <div id="app"></div>
</main>
</body>
</html>
`;

const APP_CSS_TEXT = `:root{--brand:#1f6feb;--ok:#1a7f37;--err:#cf222e}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2328}
header{padding:12px 24px;border-bottom:1px solid #d0d7de}main{max-width:720px;margin:0 auto;padding:24px}
.methods{list-style:none;padding:0}.methods li{padding:12px;border:1px solid #d0d7de;border-radius:6px;margin:8px 0}
.error{color:var(--err)}.ok{color:var(--ok)}button{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:10px 16px}
`;

const VENDOR_JS_TEXT = `/*! shop-vendor 3.2.1 | (c) Example Shop */
export function h(t,p,...c){return{t,p:p||{},c}}export function render(v,el){el.textContent="";el.append(String(v&&v.t||""))}
export const sleep=ms=>new Promise(r=>setTimeout(r,ms));
`;

const APP_JS_TEXT = `import{h,render,sleep}from"./vendor.1a4e0c.js";
const api=(u,o={})=>fetch(u,{credentials:"same-origin",...o}).then(r=>r.json().then(b=>({status:r.status,body:b})));
async function request(url,opts){const r=await fetch(url,opts);return{status:r.status,body:await r.json().catch(()=>null)}}
function track(e,d){navigator.sendBeacon("https://analytics.shop.example/collect",JSON.stringify({event:e,...d}))}
export async function boot(){const cart=await api("/api/cart?currency=KZT");render(h("div",{},cart.body.total),document.getElementById("app"));track("page_view",{page:location.pathname})}
boot();
`;

const LOGO = png(2, 2, [31, 111, 235, 255]);
const ICON_MOBILE = png(1, 1, [26, 127, 55, 255]);
const ICON_WALLET = png(1, 1, [130, 80, 223, 255]);
const SUCCESS = png(2, 2, [26, 127, 55, 255]);

function checkoutSession() {
  const ctx = session('2025-03-14T09:30:00.000Z', [
    ['page_1', CHECKOUT, 0, 412.63, 689.27],
    ['page_2', COMPLETE, 600_000, 298.41, 502.96],
  ]);

  // ---- page_1: the checkout page and its resources ----------------------------------
  add(ctx, {
    at: 0,
    url: CHECKOUT,
    type: 'document',
    referer: `${SHOP}/cart`,
    fetchSite: 'same-origin',
    cookies: true,
    status: 200,
    mime: 'text/html',
    text: CHECKOUT_HTML,
    compress: true,
    wait: 142.37,
    resHeaders: [
      ['cache-control', 'no-store'],
      ['content-type', 'text/html; charset=utf-8'],
      ['server', 'nginx'],
      ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
      ['vary', 'Accept-Encoding'],
    ],
  });
  const asset = (
    at: number,
    url: string,
    type: ResourceType,
    line: number,
    mime: string,
    text: string,
    priority?: string,
  ) =>
    add(ctx, {
      at,
      url,
      type,
      priority,
      initiator: fromParser(ctx, line),
      status: 200,
      mime,
      text,
      compress: true,
      wait: 31.6 + line,
      resHeaders: [
        ['cache-control', 'public, max-age=31536000, immutable'],
        ['content-type', `${mime}; charset=utf-8`],
        ['etag', `"${hex(url, 16)}"`],
        ['server', 'nginx'],
        ['vary', 'Accept-Encoding'],
      ],
    });
  asset(161, APP_CSS, 'stylesheet', 7, 'text/css', APP_CSS_TEXT);
  asset(163, VENDOR_JS, 'script', 8, 'application/javascript', VENDOR_JS_TEXT);
  asset(164, APP_JS, 'script', 9, 'application/javascript', APP_JS_TEXT);
  const image = (at: number, path: string, line: number, data: Buffer) =>
    add(ctx, {
      at,
      url: `${SHOP}${path}`,
      type: 'image',
      initiator: fromParser(ctx, line),
      status: 200,
      mime: 'image/png',
      binary: data,
      wait: 24.2 + line,
      resHeaders: [
        ['accept-ranges', 'bytes'],
        ['cache-control', 'public, max-age=86400'],
        ['content-type', 'image/png'],
        ['server', 'nginx'],
      ],
    });
  image(172, '/img/logo.png', 12, LOGO);
  image(173, '/img/pay/mobile-money.png', 16, ICON_MOBILE);
  image(174, '/img/pay/wallet.png', 17, ICON_WALLET);

  add(ctx, {
    at: 402,
    url: `${SHOP}/api/cart?currency=KZT`,
    initiator: fromScript('api', 1, 19),
    cookies: true,
    status: 200,
    mime: 'application/json',
    text: json({
      id: 'c_7f3a9e21',
      currency: 'KZT',
      items: [
        { sku: 'TEA-GRN-250', name: 'Green tea, 250 g', quantity: 2, price: '4995.00' },
        { sku: 'MUG-CER-01', name: 'Ceramic mug', quantity: 1, price: '15000.00' },
      ],
      total: '24990.00',
      order: ORDER,
    }),
    wait: 61.3,
    resHeaders: [
      ['cache-control', 'no-store'],
      ['content-type', 'application/json; charset=utf-8'],
      ['server', 'nginx'],
    ],
  });
  const beacon = (at: number, event: string, data: Record<string, unknown>) =>
    add(ctx, {
      at,
      method: 'POST',
      url: `${ANALYTICS}/collect`,
      type: 'ping',
      initiator: fromScript('track', 3, 43),
      body: json({ event, ...data }),
      bodyType: 'text/plain;charset=UTF-8',
      status: 204,
      wait: 27.9,
      resHeaders: [
        ['access-control-allow-origin', '*'],
        ['server', 'nginx'],
      ],
    });
  beacon(455, 'page_view', { page: '/checkout', order: ORDER });

  // ---- Kiotapay: token, then an M-Pesa collection accepted as PENDING ----------------
  const tokenBody = json({ apiKey: KIOTAPAY_API_KEY, apiSecret: KIOTAPAY_API_SECRET });
  /** POST /api/v1/get-token: the 300 s access token the payments carry. */
  const kiotapayGetToken = (at: number, seed: string, refreshSeed: string, wait: number) => {
    const token = kiotapayToken(ctx, at, seed);
    add(ctx, {
      at,
      method: 'POST',
      url: `${KIOTAPAY}/api/v1/get-token`,
      initiator: fromScript('request', 2, 1187),
      body: tokenBody,
      bodyType: 'application/json',
      status: 200,
      mime: 'application/json',
      text: json(
        kiotapaySuccess(200, {
          accessToken: token,
          refreshToken: `rt_${hex(refreshSeed, 48)}`,
          tokenType: 'Bearer',
          expiresIn: 300,
          refreshExpiresIn: 1800,
        }),
      ),
      wait,
      resHeaders: KIOTAPAY_HEADERS,
    });
    return token;
  };
  const paymentBody = (reference: string) =>
    json({
      amount: 1500,
      currency: 'KES',
      phoneNumber: '254712345678',
      reference,
      description: `Order ${ORDER}`,
      callbackUrl: `${SHOP}/api/webhooks/kiotapay`,
    });
  /** POST /api/v1/payments with the order's reference and what Kiotapay answered. */
  const kiotapayPayment = (at: number, token: string, reference: string, answer: Omit<Spec, 'at' | 'url'>) =>
    add(ctx, {
      at,
      method: 'POST',
      url: `${KIOTAPAY}/api/v1/payments`,
      initiator: fromScript('request', 2, 1187),
      headers: [['authorization', `Bearer ${token}`]],
      body: paymentBody(reference),
      bodyType: 'application/json',
      mime: 'application/json',
      resHeaders: KIOTAPAY_HEADERS,
      ...answer,
    });
  preflight(ctx, 12_000, `${KIOTAPAY}/api/v1/get-token`, 'POST', 'content-type');
  const token1 = kiotapayGetToken(12_080, 'first', 'kiotapay-refresh-1', 188.4);
  preflight(ctx, 12_420, `${KIOTAPAY}/api/v1/payments`, 'POST', 'authorization,content-type');
  kiotapayPayment(12_500, token1, `${ORDER}-K1`, {
    status: 201,
    text: json(
      kiotapaySuccess(201, {
        transactionId: 'KTP-9F2C41D7',
        reference: `${ORDER}-K1`,
        amount: 1500,
        currency: 'KES',
        phoneNumber: '254712345678',
        status: 'PENDING',
        createdAt: '2025-03-14T09:30:12.642Z',
      }),
    ),
    wait: 402.7,
  });

  // ---- Rebell: F INVALID_SIGNATURE, then A, then U PAYMENT_IN_PROCESS, then S --------
  const rebellPay = json({
    productCode: 'CASHIER_PAYMENT',
    paymentRequestId: `PRQ-${ORDER}-1`,
    paymentAmount: { currency: 'EUR', value: '4990' },
    order: {
      referenceOrderId: ORDER,
      orderDescription: `Order ${ORDER}`,
      orderAmount: { currency: 'EUR', value: '4990' },
    },
    paymentRedirectUrl: `${SHOP}/checkout/return`,
    paymentNotifyUrl: `${SHOP}/api/webhooks/rebell`,
  });
  const rebellInquiry = json({ paymentRequestId: `PRQ-${ORDER}-1` });
  const rebellCall = (at: number, path: string, body: string, seed: string, text: string) =>
    add(ctx, {
      at,
      method: 'POST',
      url: `${REBELL}${path}`,
      initiator: fromScript('rebellCall', 2, 2034),
      headers: [
        ['client-id', REBELL_CLIENT_ID],
        ['request-time', rebellRequestTime(ctx, at)],
        ['signature', rebellSignature(seed)],
      ],
      body,
      bodyType: 'application/json; charset=UTF-8',
      status: 200,
      mime: 'application/json',
      text,
      wait: 231.5,
      resHeaders: rebellHeaders(ctx, at),
    });
  preflight(
    ctx,
    40_000,
    `${REBELL}/v1/payments/pay`,
    'POST',
    'client-id,content-type,request-time,signature',
  );
  rebellCall(
    40_090,
    '/v1/payments/pay',
    rebellPay,
    'pay-1',
    json(rebellResult('F', 'INVALID_SIGNATURE', 'Request signature validation failed')),
  );
  rebellCall(
    43_500,
    '/v1/payments/pay',
    rebellPay,
    'pay-2',
    json({
      ...rebellResult('A', 'ACCEPT', 'Request accepted, processing asynchronously'),
      paymentRequestId: `PRQ-${ORDER}-1`,
      paymentId: '20250314194010800100188820294613251',
      paymentAmount: { currency: 'EUR', value: '4990' },
      normalUrl: 'https://pay.rebellapp.com/cashier?paymentId=20250314194010800100188820294613251',
    }),
  );
  preflight(
    ctx,
    46_000,
    `${REBELL}/v1/payments/inquiryPayment`,
    'POST',
    'client-id,content-type,request-time,signature',
  );
  rebellCall(
    46_080,
    '/v1/payments/inquiryPayment',
    rebellInquiry,
    'inquiry-1',
    json({
      ...rebellResult('U', 'PAYMENT_IN_PROCESS', 'Payment being processed'),
      paymentRequestId: `PRQ-${ORDER}-1`,
      paymentId: '20250314194010800100188820294613251',
      paymentStatus: 'PROCESSING',
    }),
  );
  rebellCall(
    51_100,
    '/v1/payments/inquiryPayment',
    rebellInquiry,
    'inquiry-2',
    json({
      ...rebellResult('S', 'SUCCESS', 'Success'),
      paymentRequestId: `PRQ-${ORDER}-1`,
      paymentId: '20250314194010800100188820294613251',
      paymentStatus: 'SUCCESS',
      paymentAmount: { currency: 'EUR', value: '4990' },
      paymentTime: '2025-03-14T09:30:49+00:00',
    }),
  );

  // ---- Kiotapay, six minutes later: the 300 s token has expired ----------------------
  preflight(ctx, 372_000, `${KIOTAPAY}/api/v1/payments/KTP-9F2C41D7`, 'GET', 'authorization');
  add(ctx, {
    at: 372_090,
    url: `${KIOTAPAY}/api/v1/payments/KTP-9F2C41D7`,
    initiator: fromScript('pollStatus', 2, 1402),
    headers: [['authorization', `Bearer ${token1}`]],
    status: 401,
    mime: 'application/json',
    text: KIOTAPAY_INVALID_TOKEN,
    wait: 74.2,
    resHeaders: [...KIOTAPAY_HEADERS, ['www-authenticate', 'Bearer error="invalid_token"']],
  });
  const token2 = kiotapayGetToken(373_200, 'second', 'kiotapay-refresh-2', 176.9);
  kiotapayPayment(373_600, token2, `${ORDER}-K2`, {
    status: 402,
    // Chrome sometimes stores JSON as base64: this error must be decoded before reading.
    base64: true,
    text: json(
      kiotapayError(
        'INSUFFICIENT_FUNDS',
        'Insufficient funds',
        'The account has insufficient funds. Available balance: KES 820.00, requested: KES 1,500.00.',
      ),
    ),
    wait: 512.3,
  });

  // ---- Payfield: balance, a pay-in in the wrong currency, a payout in three tries ----
  const payfieldCall = (
    at: number,
    method: string,
    path: string,
    body: string | undefined,
    status: number,
    text: string,
    wait: number,
  ) =>
    add(ctx, {
      at,
      method,
      url: `${PAYFIELD}${path}`,
      initiator: fromScript('payfield', 2, 2871),
      headers: payfieldAuth(unix(ctx, at), body ?? ''),
      ...(body === undefined ? {} : { body, bodyType: 'application/json' }),
      status,
      mime: 'application/json',
      text,
      wait,
      resHeaders: PAYFIELD_HEADERS,
    });
  preflight(ctx, 420_000, `${PAYFIELD}/api/v1/balance`, 'GET', 'x-api-key,x-signature,x-timestamp');
  payfieldCall(
    420_070,
    'GET',
    '/api/v1/balance',
    undefined,
    200,
    json({ shop_code: 'SHOP-KZ-01', currency: 'KZT', balance: '1250000.00', available: '1187500.00' }),
    66.1,
  );
  preflight(
    ctx,
    424_000,
    `${PAYFIELD}/api/v1/payins`,
    'POST',
    'content-type,x-api-key,x-signature,x-timestamp',
  );
  payfieldCall(
    424_080,
    'POST',
    '/api/v1/payins',
    json({
      external_id: `PI-${ORDER}`,
      shop_code: 'SHOP-KZ-01',
      amount: '49.90',
      currency: 'EUR',
      callback_url: `${SHOP}/api/webhooks/payfield`,
    }),
    422,
    json(payfieldError('validation_error', 'Shop currency mismatch. Expected KZT.')),
    92.4,
  );
  preflight(
    ctx,
    431_000,
    `${PAYFIELD}/api/v1/payouts`,
    'POST',
    'content-type,x-api-key,x-signature,x-timestamp',
  );
  const payout = (amount: string | number) =>
    json({
      external_id: 'PO-20250314-0007',
      shop_code: 'SHOP-KZ-01',
      amount,
      currency: 'KZT',
      card_number: TEST_CARD,
      callback_url: `${SHOP}/api/webhooks/payfield`,
    });
  const amountMessage = 'amount must be a positive decimal string';
  payfieldCall(
    431_070,
    'POST',
    '/api/v1/payouts',
    payout(5000),
    422,
    json(payfieldError('validation_error', amountMessage, [{ field: 'amount', message: amountMessage }])),
    71.8,
  );
  const payoutCreated = {
    external_id: 'PO-20250314-0007',
    shop_code: 'SHOP-KZ-01',
    amount: '5000.00',
    currency: 'KZT',
    card_number: '411111******1111',
    status: 'pending',
    created_at: '2025-03-14T09:37:16Z',
  };
  payfieldCall(436_500, 'POST', '/api/v1/payouts', payout('5000.00'), 201, json(payoutCreated), 143.6);
  // A double click: the idempotent "already exists" reply is HTTP 200, not an error.
  payfieldCall(
    437_100,
    'POST',
    '/api/v1/payouts',
    payout('5000.00'),
    200,
    json({ message: 'Payout already exists', ...payoutCreated }),
    58.3,
  );

  // ---- ApiPay.kz (HTTP/1.1): validation, rate limit, then the Kaspi session ----------
  const invoice = (phone: string, amount: number) =>
    json({ phone_number: phone, amount, description: `Order ${ORDER}`, external_id: ORDER });
  const apipayCall = (
    at: number,
    body: string,
    status: number,
    text: string,
    headers: Header[],
    wait: number,
  ) =>
    add(ctx, {
      at,
      method: 'POST',
      url: `${APIPAY}/api/v1/invoices`,
      h1: true,
      initiator: fromScript('kaspiInvoice', 2, 3310),
      headers: [
        ['Accept', 'application/json'],
        ['X-API-Key', APIPAY_API_KEY],
      ],
      body,
      bodyType: 'application/json',
      status,
      mime: 'application/json',
      text,
      wait,
      resHeaders: headers,
    });
  preflight(ctx, 480_000, `${APIPAY}/api/v1/invoices`, 'POST', 'content-type,x-api-key');
  apipayCall(
    480_060,
    invoice('+7 701 234 56 78', 0),
    422,
    json(
      apipayMessage('Validation failed', {
        errors: {
          phone_number: ['Phone number must be in format 8XXXXXXXXXX'],
          amount: ['Amount must be between 0.01 and 99999999.99'],
        },
      }),
    ),
    apipayHeaders(57),
    48.2,
  );
  apipayCall(
    483_000,
    invoice('87012345678', 24990),
    429,
    json(apipayMessage('Too many requests. Please retry after 60 seconds.', { retryAfter: 60 })),
    apipayHeaders(0, [
      ['Retry-After', '60'],
      ['X-RateLimit-Reset', String(unix(ctx, 543_000))],
    ]),
    21.7,
  );
  apipayCall(
    544_000,
    invoice('87012345678', 24990),
    503,
    json(apipayMessage('Kaspi session expired')),
    apipayHeaders(59),
    1204.6,
  );
  beacon(546_000, 'checkout_error', { provider: 'apipay', status: 503 });

  // ---- page_2: the order page after navigation --------------------------------------
  navigate(ctx, 'page_2');
  add(ctx, {
    at: 600_000,
    url: COMPLETE,
    type: 'document',
    referer: CHECKOUT,
    fetchSite: 'same-origin',
    initiator: fromScript('goToComplete', 2, 2590),
    cookies: true,
    status: 200,
    mime: 'text/html',
    text: COMPLETE_HTML,
    compress: true,
    wait: 118.2,
    resHeaders: [
      ['cache-control', 'no-store'],
      ['content-type', 'text/html; charset=utf-8'],
      ['server', 'nginx'],
      ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
      ['vary', 'Accept-Encoding'],
    ],
  });
  const cached = (at: number, url: string, type: ResourceType, line: number, mime: string, text: string) =>
    add(ctx, {
      at,
      url,
      type,
      initiator: fromParser(ctx, line),
      fromCache: 'disk',
      status: 200,
      mime,
      text,
      compress: true,
      resHeaders: [
        ['cache-control', 'public, max-age=31536000, immutable'],
        ['content-type', `${mime}; charset=utf-8`],
        ['etag', `"${hex(url, 16)}"`],
        ['server', 'nginx'],
      ],
    });
  cached(600_131, APP_CSS, 'stylesheet', 5, 'text/css', APP_CSS_TEXT);
  cached(600_133, APP_JS, 'script', 6, 'application/javascript', APP_JS_TEXT);
  image(600_140, '/img/success.png', 10, SUCCESS);
  const shopJson = (at: number, path: string, body: unknown, fn: string) =>
    add(ctx, {
      at,
      url: `${SHOP}${path}`,
      initiator: fromScript(fn, 1, 19),
      cookies: true,
      status: 200,
      mime: 'application/json',
      text: json(body),
      wait: 57.4,
      resHeaders: [
        ['cache-control', 'no-store'],
        ['content-type', 'application/json; charset=utf-8'],
        ['server', 'nginx'],
      ],
    });
  shopJson(
    600_380,
    `/api/orders/${ORDER}`,
    {
      id: ORDER,
      status: 'paid',
      paid_with: 'rebell',
      total: { currency: 'EUR', value: '49.90' },
      created_at: '2025-03-14T09:29:41Z',
    },
    'api',
  );
  shopJson(
    600_392,
    '/api/cart?currency=KZT',
    { id: 'c_7f3a9e21', currency: 'KZT', items: [], total: '0.00' },
    'api',
  );

  // ---- Alternative Payments: wrong credentials, then the wrong environment ----------
  const tokenUrl = `${ALTPAY}/oauth/token`;
  preflight(ctx, 600_500, tokenUrl, 'POST', 'authorization');
  const altpayToken = (at: number, secret: string, status: number, text: string, wait: number) =>
    add(ctx, {
      at,
      method: 'POST',
      url: tokenUrl,
      initiator: fromScript('altpayToken', 2, 3954),
      headers: [['authorization', basic(ALTPAY_CLIENT_ID, secret)]],
      body: 'grant_type=client_credentials',
      bodyType: 'application/x-www-form-urlencoded',
      status,
      mime: 'application/json',
      text,
      wait,
      resHeaders: ALTPAY_HEADERS,
    });
  // The first try uses the sandbox ("demo") secret against production.
  altpayToken(
    600_580,
    `ap_secret_demo_${hex('altpay-demo-secret', 32)}`,
    403,
    json(alternativePaymentsError('Invalid client credentials')),
    97.3,
  );
  const altpayAccess = jwt(
    {
      iss: 'https://public-api.alternativepayments.io',
      sub: ALTPAY_CLIENT_ID,
      iat: unix(ctx, 606_000),
      exp: unix(ctx, 606_000) + 3600,
    },
    'altpay-jwt',
  );
  altpayToken(
    606_000,
    ALTPAY_CLIENT_SECRET,
    200,
    json({ access_token: altpayAccess, token_type: 'Bearer', expires_in: 3600 }),
    88.6,
  );
  const requestId = 'b5e3c2a8-4f1d-4c7e-9a2b-6d8f0e1c3a57';
  preflight(ctx, 606_300, `${ALTPAY}/payment/request/${requestId}`, 'GET', 'authorization');
  add(ctx, {
    at: 606_380,
    url: `${ALTPAY}/payment/request/${requestId}`,
    initiator: fromScript('altpayStatus', 2, 4120),
    headers: [['authorization', `Bearer ${altpayAccess}`]],
    status: 404,
    mime: 'application/json',
    text: json(alternativePaymentsError(`Payment request ${requestId} not found`)),
    wait: 63.9,
    resHeaders: ALTPAY_HEADERS,
  });
  beacon(607_000, 'purchase', { order: ORDER, value: '49.90', currency: 'EUR' });

  return harOf(ctx);
}

// ---------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------

const ONE_PAGE = (url: string): PageSpec[] => [['page_1', url, 0, 301.5, 544.2]];

/** What a fixture says of one provider call: the response, and anything else of `add`'s. */
type CallSpec = Omit<Spec, 'at' | 'url' | 'status'> & { status?: number; path?: string };

/** Shorthands for one provider call each, used by the fixtures. */
const calls = {
  kiotapay(
    ctx: Recording,
    at: number,
    { method = 'POST', path = '/api/v1/payments', status = 200, text, mime, ...rest }: CallSpec,
  ) {
    const token = kiotapayToken(ctx, at - 400_000, `fixture-${at}`);
    return add(ctx, {
      at,
      method,
      url: `${KIOTAPAY}${path}`,
      initiator: fromScript('request', 2, 1187),
      headers: [['authorization', `Bearer ${token}`]],
      ...(method === 'POST'
        ? {
            body: json({ amount: 1500, currency: 'KES', phoneNumber: '254712345678', reference: 'ORD-7731' }),
          }
        : {}),
      bodyType: 'application/json',
      status,
      mime: mime ?? 'application/json',
      text,
      wait: 120.4,
      resHeaders: KIOTAPAY_HEADERS,
      ...rest,
    });
  },
  rebell(ctx: Recording, at: number, { status = 200, text, ...rest }: CallSpec) {
    return add(ctx, {
      at,
      method: 'POST',
      url: `${REBELL}/v1/payments/pay`,
      initiator: fromScript('rebellCall', 2, 2034),
      headers: [
        ['client-id', REBELL_CLIENT_ID],
        ['request-time', rebellRequestTime(ctx, at)],
        ['signature', rebellSignature(`fixture-${at}`)],
      ],
      body: json({
        productCode: 'CASHIER_PAYMENT',
        paymentRequestId: 'PRQ-ORD-7731-1',
        paymentAmount: { currency: 'EUR', value: '1250' },
        order: { referenceOrderId: 'ORD-7731', orderDescription: 'Order ORD-7731' },
      }),
      bodyType: 'application/json; charset=UTF-8',
      status,
      mime: 'application/json',
      text,
      wait: 210.2,
      resHeaders: rebellHeaders(ctx, at),
      ...rest,
    });
  },
  payfield(ctx: Recording, at: number, { path = '/api/v1/payouts', status = 200, text, ...rest }: CallSpec) {
    const body = json({
      external_id: 'PO-7731',
      shop_code: 'SHOP-KZ-01',
      amount: '5000.00',
      currency: 'KZT',
      card_number: TEST_CARD,
    });
    return add(ctx, {
      at,
      method: 'POST',
      url: `${PAYFIELD}${path}`,
      initiator: fromScript('payfield', 2, 2871),
      headers: payfieldAuth(unix(ctx, at), body),
      body,
      bodyType: 'application/json',
      status,
      mime: 'application/json',
      text,
      wait: 95.1,
      resHeaders: PAYFIELD_HEADERS,
      ...rest,
    });
  },
  apipay(ctx: Recording, at: number, { status = 200, text, headers, ...rest }: CallSpec) {
    return add(ctx, {
      at,
      method: 'POST',
      url: `${APIPAY}/api/v1/invoices`,
      h1: true,
      initiator: fromScript('kaspiInvoice', 2, 3310),
      headers: [
        ['Accept', 'application/json'],
        ['X-API-Key', APIPAY_API_KEY],
      ],
      body: json({ phone_number: '87012345678', amount: 24990, description: 'Order ORD-7731' }),
      bodyType: 'application/json',
      status,
      mime: 'application/json',
      text,
      wait: 61.5,
      resHeaders: headers ?? apipayHeaders(41),
      ...rest,
    });
  },
  altpayToken(ctx: Recording, at: number, { status = 200, text, ...rest }: CallSpec) {
    return add(ctx, {
      at,
      method: 'POST',
      url: `${ALTPAY}/oauth/token`,
      initiator: fromScript('altpayToken', 2, 3954),
      headers: [['authorization', basic(ALTPAY_CLIENT_ID, ALTPAY_CLIENT_SECRET)]],
      body: 'grant_type=client_credentials',
      bodyType: 'application/x-www-form-urlencoded',
      status,
      mime: 'application/json',
      text,
      wait: 90.7,
      resHeaders: ALTPAY_HEADERS,
      ...rest,
    });
  },
};

function chromeExport() {
  const ctx = session('2025-03-18T14:05:00.000Z', ONE_PAGE(CHECKOUT));
  preflight(ctx, 1_000, `${KIOTAPAY}/api/v1/payments`, 'POST', 'authorization,content-type');
  calls.kiotapay(ctx, 1_080, {
    status: 401,
    text: KIOTAPAY_INVALID_TOKEN,
  });
  calls.rebell(ctx, 4_200, {
    text: json({
      ...rebellResult('S', 'SUCCESS', 'Success'),
      paymentRequestId: 'PRQ-ORD-7731-1',
      paymentId: '20250318140504800100188820294699817',
      paymentStatus: 'SUCCESS',
    }),
  });
  calls.payfield(ctx, 9_500, {
    status: 401,
    base64: true,
    text: json(payfieldError('unauthorized', 'Invalid signature')),
  });
  calls.altpayToken(ctx, 15_300, {
    status: 403,
    text: json(alternativePaymentsError('Invalid client credentials')),
  });
  return harOf(ctx);
}

const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const GATEWAY_504 = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>api.kiotapay.co | 504: Gateway time-out</title></head>
<body>
<h1>Gateway time-out <span>Error code 504</span></h1>
<p>The web server reported a gateway time-out error. Please try again in a few minutes.</p>
<p>Ray ID: 8f1c2a3b4d5e6f70 &bull; 2025-03-19 08:12:41 UTC</p>
</body>
</html>
`;

function htmlGateway() {
  const ctx = session('2025-03-19T08:12:00.000Z', ONE_PAGE(CHECKOUT));
  const htmlHeaders: Header[] = [
    ['content-type', 'text/html'],
    ['server', 'nginx'],
  ];
  calls.kiotapay(ctx, 2_000, { status: 502, mime: 'text/html', text: NGINX_502, resHeaders: htmlHeaders });
  calls.kiotapay(ctx, 41_000, {
    method: 'GET',
    path: '/api/v1/payments/KTP-51AA09E3',
    status: 504,
    mime: 'text/html',
    text: GATEWAY_504,
    wait: 30_012.8,
    resHeaders: [
      ['content-type', 'text/html; charset=UTF-8'],
      ['server', 'cloudflare'],
    ],
  });
  return harOf(ctx);
}

function truncatedJson() {
  const ctx = session('2025-03-19T11:40:00.000Z', ONE_PAGE(CHECKOUT));
  const missingField = json(
    kiotapayError('REQ_MISSING_FIELD', 'Missing required field', "The field 'phoneNumber' is required."),
  );
  calls.kiotapay(ctx, 1_500, {
    status: 400,
    text: missingField.slice(0, missingField.indexOf('"details"') + 20),
  });
  const serverError = json(payfieldError('server_error', 'Internal Server Error'));
  calls.payfield(ctx, 6_200, { status: 500, text: serverError.slice(0, Math.floor(serverError.length / 2)) });
  return harOf(ctx);
}

function emptyBodies() {
  const ctx = session('2025-03-20T10:00:00.000Z', ONE_PAGE(CHECKOUT));
  calls.kiotapay(ctx, 1_000, {
    method: 'GET',
    path: '/api/v1/payments/KTP-9F2C41D7',
    status: 401,
    rawContent: { size: 0, text: '' },
  });
  calls.payfield(ctx, 3_000, { path: '/api/v1/payins', status: 500, text: undefined });
  calls.apipay(ctx, 5_000, { status: 503, text: undefined, mime: 'x-unknown', headers: apipayHeaders(52) });
  add(ctx, {
    at: 7_000,
    method: 'POST',
    url: `${ALTPAY}/payment/request`,
    initiator: fromScript('altpayCreate', 2, 4011),
    headers: [
      ['authorization', `Bearer ${jwt({ sub: ALTPAY_CLIENT_ID, exp: 1742460000 }, 'altpay-expired')}`],
    ],
    body: json({ amount: 1250, currency: 'USD', redirect_url: `${SHOP}/checkout/return` }),
    bodyType: 'application/json',
    status: 401,
    mime: 'application/json',
    rawContent: { size: 0, text: '' },
    wait: 44.1,
    resHeaders: ALTPAY_HEADERS,
  });
  calls.rebell(ctx, 9_000, { status: 200, rawContent: { size: 0, text: '' } });
  return harOf(ctx);
}

function binaryBody() {
  const ctx = session('2025-03-20T15:30:00.000Z', ONE_PAGE(CHECKOUT));
  // A gzip stream the browser did not inflate: magic bytes, NULs, then noise.
  const gzipLike = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]),
    seededBytes('binary-body', 38),
    Buffer.from([0x00, 0x00, 0xff, 0xff]),
  ]);
  calls.kiotapay(ctx, 1_000, { status: 500, binary: gzipLike });
  calls.payfield(ctx, 4_000, {
    status: 500,
    rawContent: {
      size: 92,
      text: 'eyJtZXNzYWdlIjoiSW50ZXJuYWwgU2Vy***[body truncated by proxy]***',
      encoding: 'base64',
    },
  });
  calls.apipay(ctx, 7_000, { status: 502, base64: true, text: json(apipayMessage('Kaspi API error')) });
  return harOf(ctx);
}

function relayed() {
  const ctx = session('2025-03-21T12:00:00.000Z', ONE_PAGE(CHECKOUT));
  const checkout = (
    at: number,
    status: number,
    text: string,
    { method = 'POST', path = '/api/checkout' } = {},
  ) =>
    add(ctx, {
      at,
      method,
      url: `${SHOP}${path}`,
      initiator: fromScript('placeOrder', 2, 655),
      cookies: true,
      ...(method === 'POST'
        ? { body: json({ order: 'ORD-7731', method: 'wallet' }), bodyType: 'application/json' }
        : {}),
      status,
      mime: 'application/json',
      text,
      wait: 340.2,
      resHeaders: [
        ['content-type', 'application/json; charset=utf-8'],
        ['server', 'nginx'],
      ],
    });
  checkout(1_000, 200, json(rebellResult('F', 'INSUFFICIENT_BALANCE', 'Customer has insufficient funds')));
  checkout(5_000, 502, json(payfieldError('unauthorized', 'Invalid signature')));
  checkout(
    9_000,
    503,
    json(
      apipayBusinessError(
        'Kaspi session invalid',
        'kaspi_session_invalid',
        'The Kaspi Business session is no longer valid. Contact support to reconnect it.',
      ),
    ),
  );
  checkout(13_000, 500, json({ error: 'boom' }));
  checkout(17_000, 500, json({ message: 'Server Error' }));
  checkout(21_000, 404, json(alternativePaymentsError('Payment request not found')), {
    method: 'GET',
    path: '/api/checkout/status?order=ORD-7731',
  });
  checkout(
    25_000,
    200,
    json({ ...rebellResult('S', 'SUCCESS', 'Success'), paymentId: '20250321120025800100188820294700102' }),
  );
  add(ctx, {
    at: 29_000,
    method: 'POST',
    url: 'https://api.kiotapay.co.evil.example/api/v1/payments',
    initiator: fromScript('request', 2, 1187),
    headers: [['authorization', `Bearer ${kiotapayToken(ctx, 28_000, 'evil')}`]],
    body: json({ amount: 1500, currency: 'KES', phoneNumber: '254712345678', reference: 'ORD-7731' }),
    bodyType: 'application/json',
    status: 401,
    mime: 'application/json',
    text: KIOTAPAY_INVALID_TOKEN,
    wait: 150.3,
    resHeaders: [
      ['access-control-allow-origin', '*'],
      ['content-type', 'application/json'],
    ],
  });
  return harOf(ctx);
}

function badEntries() {
  const ctx = session('2025-03-22T09:00:00.000Z', ONE_PAGE(CHECKOUT));
  calls.kiotapay(ctx, 1_000, {
    method: 'GET',
    path: '/api/v1/payments/KTP-9F2C41D7',
    status: 401,
    text: KIOTAPAY_INVALID_TOKEN,
  });
  const noRequest = calls.payfield(ctx, 2_000, {
    status: 500,
    text: json(payfieldError('server_error', 'Internal Server Error')),
  });
  const responseString = calls.kiotapay(ctx, 3_000, { status: 500, text: '' });
  const statusString = calls.kiotapay(ctx, 4_000, {
    status: 500,
    text: json(
      kiotapayError('SERVER_ERROR', 'Internal server error', 'An unexpected error occurred on the server.'),
    ),
  });
  const noUrl = calls.apipay(ctx, 5_000, {
    status: 422,
    text: json(
      apipayMessage('Validation failed', {
        errors: { amount: ['Amount must be between 0.01 and 99999999.99'] },
      }),
    ),
  });
  const noResponse = calls.rebell(ctx, 6_000, {
    text: json(rebellResult('F', 'PARAM_ILLEGAL', 'Illegal parameters')),
  });
  // Chrome's record of a request that never got a response (CORS failure, aborted).
  const failed = calls.kiotapay(ctx, 7_000, {
    status: 0,
    text: undefined,
    mime: 'x-unknown',
    resHeaders: [],
  });
  calls.apipay(ctx, 8_000, { status: 401, text: json(apipayMessage('Invalid API key')) });

  // Broken on purpose, so no longer entries of the generator's shape.
  const loose = (entry: Entry): Record<string, unknown> => entry;
  delete loose(noRequest).request;
  loose(responseString).response = 'HTTP/2 500 Internal Server Error';
  statusString.response.status = '500';
  delete noUrl.request.url;
  delete loose(noResponse).response;
  Object.assign(failed.response, {
    statusText: '',
    httpVersion: '',
    headers: [],
    headersSize: -1,
    bodySize: -1,
    _transferSize: 0,
    _error: 'net::ERR_FAILED',
  });

  const har = harOf(ctx);
  const entries = har.log.entries;
  // null and a number among the entries, where a careless exporter or editor put them.
  return {
    log: { ...har.log, entries: [...entries.slice(0, 4), null, entries[4], 42, ...entries.slice(5)] },
  };
}

function truncatedHar() {
  const ctx = session('2025-03-23T16:20:00.000Z', ONE_PAGE(CHECKOUT));
  calls.kiotapay(ctx, 1_000, {
    status: 401,
    text: KIOTAPAY_INVALID_TOKEN,
  });
  calls.rebell(ctx, 3_000, {
    text: json(rebellResult('F', 'PARAM_ILLEGAL', 'One or more parameters invalid')),
  });
  calls.apipay(ctx, 5_000, {
    status: 429,
    text: json(apipayMessage('Too many requests. Please retry after 60 seconds.', { retryAfter: 60 })),
    headers: apipayHeaders(0, [['Retry-After', '60']]),
  });
  const text = pretty(harOf(ctx));
  // Cut inside the third entry's response, as an interrupted download would.
  const third = text.lastIndexOf('"_initiator"');
  const cut = text.indexOf('"statusText": "Too Ma', third) + '"statusText": "Too Ma'.length;
  return text.slice(0, cut);
}

function emptyEntries() {
  return harOf(session('2025-03-24T07:45:00.000Z', ONE_PAGE(CHECKOUT)));
}

const NOT_JSON = `https://shop.example/checkout
https://shop.example/assets/app.3f9c1e.css
https://shop.example/assets/app.8d2b7a.js
https://shop.example/api/cart?currency=KZT
https://api.kiotapay.co/api/v1/get-token
https://api.kiotapay.co/api/v1/payments
https://api.rebellapp.com/v1/payments/pay
`;

// ---------------------------------------------------------------------------------------

/** Every file the generator writes, by path from the repository's root, with its text. */
export function exampleHars(): Map<string, string> {
  const fixtures = 'tests/fixtures/har';
  return new Map([
    ['examples/checkout-session.har', pretty(checkoutSession())],
    [`${fixtures}/chrome-export.har`, pretty(chromeExport())],
    [`${fixtures}/html-gateway.har`, pretty(htmlGateway())],
    [`${fixtures}/truncated-json.har`, pretty(truncatedJson())],
    [`${fixtures}/empty-bodies.har`, pretty(emptyBodies())],
    [`${fixtures}/binary-body.har`, pretty(binaryBody())],
    [`${fixtures}/relayed.har`, pretty(relayed())],
    [`${fixtures}/bad-entries.har`, pretty(badEntries())],
    [`${fixtures}/not-a-har.json`, pretty({ hello: 'world', entries: [] })],
    [`${fixtures}/not-json.har`, NOT_JSON],
    [`${fixtures}/truncated.har`, truncatedHar()],
    [`${fixtures}/empty-entries.har`, pretty(emptyEntries())],
  ]);
}
