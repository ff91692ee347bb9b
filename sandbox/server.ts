/**
 * The provider sandbox: one loopback server that answers for every provider host, the
 * demo shop and the hosted-fields origin, told apart by the Host header. A browser reaches
 * it under the real host names through Chromium's --host-resolver-rules.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProviderFolder } from '../lib/providers';
import type { Provider } from '../lib/providers/provider';
import type { Answer, Call } from '../lib/providers/wire';
import { isSecretName } from '../lib/redact';
import { selfSignedCertificate } from './certificate';
import { catalogScenarios, DEFAULT_SCENARIO, type ScenarioSet, scenarioSet } from './scenarios';
import { TOKEN_LIFETIME_HEADER } from './shop/insight-cases';
import {
  HOSTED_FIELDS_HOST,
  hostedFieldsPage,
  type OriginOf,
  orderPage,
  SHOP_HOST,
  shopPage,
} from './shop/pages';

/**
 * A company's own proxy in front of a provider, as real integrations often have: it
 * answers like the provider, under a host PayLens knows only once the user adds it.
 */
export const PROXY_HOSTS: Readonly<Record<string, string>> = { 'payments.shop.test': 'kiotapay' };

/** Every host name the browser must map to a sandbox answering for `providers`. */
export function sandboxHosts(providers: readonly Provider[]): string[] {
  return [
    SHOP_HOST,
    HOSTED_FIELDS_HOST,
    ...Object.keys(PROXY_HOSTS),
    ...providers.flatMap((provider) => provider.hosts),
  ];
}

/** The hosts of the sandbox of the catalog's providers. */
export const SANDBOX_HOSTS: readonly string[] = sandboxHosts(catalogScenarios.providers);

/** The query parameter, or else the request header, that picks a scenario. */
export const SCENARIO_PARAM = 'scenario';
export const SCENARIO_HEADER = 'X-Sandbox-Scenario';

export interface SandboxOptions {
  /** 0, the default, picks a free port. */
  port?: number;
  /** Serve TLS with a certificate made at startup; default true. */
  https?: boolean;
  /** Called with one line per request answered. */
  log?: (line: string) => void;
  /** The providers it answers for, and the shop lists; the catalog's by default. */
  providers?: readonly ProviderFolder[];
  /**
   * Also run the shop's own backend, a process with the PayLens hook loaded, behind
   * `https://shop.test/server-checkout`. Its stderr lines go to `log`.
   */
  backend?: boolean;
}

export interface Sandbox {
  port: number;
  https: boolean;
  /** The shop, as the browser opens it once the hosts are mapped: `https://shop.test/`. */
  url: string;
  /** The certificate (PEM) when serving https, for clients that verify it. */
  cert?: string;
  /** Chromium flags that send every sandbox host here, and accept the certificate. */
  chromiumArgs: string[];
  close(): Promise<void>;
}

const asset = (file: string) => readFileSync(new URL(`./shop/${file}`, import.meta.url), 'utf8');
const ASSETS: Record<string, [body: string, contentType: string]> = {
  '/shop.js': [asset('shop.js'), 'text/javascript; charset=utf-8'],
  '/shop.css': [asset('shop.css'), 'text/css; charset=utf-8'],
};

/** What the panel must ignore: PayLens-Diagnoses headers a page made up (`?kind=`). */
export const FORGED_DIAGNOSES_PATH = '/forged-diagnoses';
const FORGED_HEADERS: Record<string, string> = {
  // Valid base64url JSON, but a diagnosis off the schema.
  forged: Buffer.from(
    JSON.stringify({
      v: 1,
      diagnoses: [{ provider: 'kiotapay', title: '<img src=x onerror="window.__xss=1">' }],
      truncated: 0,
    }),
  ).toString('base64url'),
  oversized: 'A'.repeat(64 * 1024),
  malformed: '<script>window.__xss=1</script>',
};

const PAGES: Record<string, (originOf: OriginOf, scenarios: ScenarioSet) => string> = {
  [`${SHOP_HOST}/`]: shopPage,
  [`${SHOP_HOST}/order`]: (_, scenarios) => orderPage(scenarios),
  [`${HOSTED_FIELDS_HOST}/hosted-fields`]: (_, scenarios) => hostedFieldsPage(scenarios),
};

/** What one sandbox serves: its scenarios, its hosts, and the provider behind each host. */
interface Served {
  scenarios: ScenarioSet;
  hosts: readonly string[];
  providerOfHost: ReadonlyMap<string, string>;
}

function served(scenarios: ScenarioSet): Served {
  return {
    scenarios,
    hosts: sandboxHosts(scenarios.providers),
    providerOfHost: new Map([
      ...scenarios.providers.flatMap((provider) =>
        provider.hosts.map((host) => [host, provider.id] as const),
      ),
      ...Object.entries(PROXY_HOSTS),
    ]),
  };
}

interface SandboxRequest {
  host: string;
  /** `:<port>` when the Host header names one, else ''. */
  port: string;
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body };
}

function serveShop(request: SandboxRequest, scheme: string, scenarios: ScenarioSet): Reply {
  const { host, port, url } = request;
  const render = PAGES[`${host}${url.pathname}`];
  if (render) {
    const html = render((other) => `${scheme}://${other}${port}`, scenarios);
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      body: html,
    };
  }
  const forged =
    url.pathname === FORGED_DIAGNOSES_PATH ? FORGED_HEADERS[url.searchParams.get('kind') ?? ''] : undefined;
  if (forged) return text(200, 'Nothing to see.', { 'PayLens-Diagnoses': forged, ...cors(request.headers) });
  const file = ASSETS[url.pathname];
  if (file)
    return { status: 200, headers: { 'Content-Type': file[1], 'Cache-Control': 'no-store' }, body: file[0] };
  return text(404, `Not found: ${url.pathname}`);
}

function encode({ body, contentType }: Answer): [body: string | Uint8Array, contentType: string] {
  if (body instanceof Uint8Array || typeof body === 'string') return [body, contentType ?? 'text/plain'];
  return [JSON.stringify(body ?? {}), contentType ?? 'application/json; charset=utf-8'];
}

/** The shop calls providers cross-origin with credential headers: every call is preflighted. */
function cors(headers: IncomingMessage['headers']): Record<string, string> {
  return { 'Access-Control-Allow-Origin': headers.origin ?? '*', Vary: 'Origin' };
}

function preflight(headers: IncomingMessage['headers']): Reply {
  return {
    status: 204,
    headers: {
      ...cors(headers),
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      // Echoed: a `*` would not cover Authorization.
      'Access-Control-Allow-Headers': headers['access-control-request-headers'] ?? SCENARIO_HEADER,
      'Access-Control-Max-Age': '600',
      // Chromium asks before a page reaches a loopback address.
      ...(headers['access-control-request-private-network']
        ? { 'Access-Control-Allow-Private-Network': 'true' }
        : {}),
    },
    body: '',
  };
}

/** The scenario's credential headers, each sent with the planted value. */
function credentialsMatch(call: Call, headers: IncomingMessage['headers']): boolean {
  return Object.entries(call.headers).every(
    ([name, value]) => !isSecretName(name, 'header') || headers[name.toLowerCase()] === value,
  );
}

/** A token endpoint's answer with a shorter `expires_in`, so that a demo's token expires while you watch. */
function withTokenLifetime(answer: Answer, seconds: number): Answer {
  const { body } = answer;
  if (typeof body !== 'object' || body === null || body instanceof Uint8Array) return answer;
  const record = body as Record<string, unknown>;
  const data = record.data;
  if (typeof data === 'object' && data !== null && 'expires_in' in data) {
    return { ...answer, body: { ...record, data: { ...data, expires_in: seconds } } };
  }
  return 'expires_in' in record ? { ...answer, body: { ...record, expires_in: seconds } } : answer;
}

function serveProvider(request: SandboxRequest, provider: string, scenarios: ScenarioSet): Reply {
  const { method, url, headers } = request;
  if (method === 'OPTIONS') return preflight(headers);
  const header = headers[SCENARIO_HEADER.toLowerCase()];
  const name =
    url.searchParams.get(SCENARIO_PARAM) ?? (typeof header === 'string' ? header : DEFAULT_SCENARIO);
  const asked = scenarios.byId(`${provider}:${name}`);
  if (!asked) return text(400, `PayLens sandbox: ${provider} has no scenario "${name}".`, cors(headers));
  const scenario = credentialsMatch(asked.call, headers)
    ? asked
    : (scenarios.credentialsRejectedBy(provider) ?? asked);
  const lifetime = Number(headers[TOKEN_LIFETIME_HEADER.toLowerCase()]);
  const answer =
    Number.isInteger(lifetime) && lifetime > 0
      ? withTokenLifetime(scenario.answer, lifetime)
      : scenario.answer;
  const [body, contentType] = encode(answer);
  return {
    status: answer.status,
    headers: { ...cors(headers), 'Content-Type': contentType, ...answer.headers },
    body,
  };
}

function route(request: SandboxRequest, scheme: string, { scenarios, hosts, providerOfHost }: Served): Reply {
  const { host } = request;
  if (host === SHOP_HOST || host === HOSTED_FIELDS_HOST) return serveShop(request, scheme, scenarios);
  const provider = providerOfHost.get(host);
  if (provider) return serveProvider(request, provider, scenarios);
  return text(
    421,
    `PayLens sandbox: "${host}" is not one of its hosts. Map them to this server: ${hosts.join(', ')}.`,
  );
}

/** `Shop.Test:8443` → host `shop.test`, port `:8443`. */
function parseHost(header = ''): { host: string; port: string } {
  const match = /^([^:[\]]+?)\.?(:\d+)?$/.exec(header.trim().toLowerCase());
  return { host: match?.[1] ?? '', port: match?.[2] ?? '' };
}

/** The value of Chromium's --host-resolver-rules for a sandbox on `port`. */
export function hostResolverRules(port: number, hosts: readonly string[] = SANDBOX_HOSTS): string {
  return hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
}

/** Where the shop's pages reach its backend. */
export const SERVER_CHECKOUT_PATH = '/server-checkout';

interface Backend {
  port: number;
  close(): Promise<void>;
}

/**
 * The shop's backend, a process of its own started with `--import paylens/register` (the
 * package as built by `npm run build:package`) and PAYLENS_HEADER=1, calling the providers
 * on this sandbox.
 */
async function startBackend(
  port: number,
  cert: string | undefined,
  log: (line: string) => void,
): Promise<Backend> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'paylens-backend-'));
  const caFile = join(dir, 'sandbox.pem');
  if (cert) writeFileSync(caFile, cert);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      'paylens/register',
      fileURLToPath(new URL('./shop/backend.ts', import.meta.url)),
      String(port),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        ...(cert ? { NODE_EXTRA_CA_CERTS: caFile } : {}),
        PAYLENS_HEADER: '1',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    const lines = stderr.split('\n');
    stderr = lines.pop() ?? '';
    for (const line of lines) log(`backend: ${line}`);
  });
  const backendPort = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const match = /listening (\d+)/.exec(chunk);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) =>
      reject(
        new Error(`The shop's backend exited (${code}): ${stderr} (is dist/ built? npm run build:package)`),
      ),
    );
  });
  return {
    port: backendPort,
    close: () =>
      new Promise<void>((resolve) => {
        rmSync(dir, { recursive: true, force: true });
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** Passes a page's request on to the backend and its answer, headers included, back. */
function proxy(incoming: IncomingMessage, response: ServerResponse, backend: Backend): void {
  const forward = httpRequest(
    { host: '127.0.0.1', port: backend.port, method: incoming.method, path: incoming.url },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cors(incoming.headers) });
      answer.pipe(response);
    },
  );
  forward.on('error', (error) => response.writeHead(502).end(`The shop's backend is down: ${error.message}`));
  incoming.pipe(forward);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const secure = options.https ?? true;
  const scheme = secure ? 'https' : 'http';
  const serving = served(options.providers ? await scenarioSet(options.providers) : catalogScenarios);
  const certificate = secure ? selfSignedCertificate(serving.hosts) : undefined;
  let backend: Backend | undefined;

  const handle = (incoming: IncomingMessage, response: ServerResponse) => {
    const request: SandboxRequest = {
      ...parseHost(incoming.headers.host),
      method: incoming.method ?? 'GET',
      url: new URL(incoming.url ?? '/', 'http://sandbox'),
      headers: incoming.headers,
    };
    if (backend && request.host === SHOP_HOST && request.url.pathname === SERVER_CHECKOUT_PATH) {
      proxy(incoming, response, backend);
      options.log?.(
        `${request.method} ${request.host}${request.url.pathname}${request.url.search} → backend`,
      );
      return;
    }
    // Answer once the request body is in, so that keep-alive connections stay usable.
    incoming.resume();
    incoming.on('end', () => {
      const { status, headers, body } = route(request, scheme, serving);
      response.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
      options.log?.(
        `${request.method} ${request.host}${request.url.pathname}${request.url.search} → ${status}`,
      );
    });
  };
  const server = certificate ? createHttpsServer(certificate, handle) : createHttpServer(handle);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  if (options.backend) {
    try {
      backend = await startBackend(port, certificate?.cert, options.log ?? (() => {}));
    } catch (error) {
      server.close();
      throw error;
    }
  }

  return {
    port,
    https: secure,
    url: `${scheme}://${SHOP_HOST}/`,
    ...(certificate ? { cert: certificate.cert } : {}),
    chromiumArgs: [
      `--host-resolver-rules=${hostResolverRules(port, serving.hosts)}`,
      ...(secure ? ['--ignore-certificate-errors'] : []),
    ],
    close: async () => {
      await backend?.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep connections open; close() alone would wait for them.
        server.closeAllConnections();
      });
    },
  };
}
