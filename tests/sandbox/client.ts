/** Sends requests to a running sandbox as a mapped browser would: the real host name in Host. */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Exchange } from '../../lib/types';
import type { Scenario } from '../../sandbox/scenarios';
import type { Sandbox } from '../../sandbox/server';

export interface Sent {
  method?: string;
  host: string;
  path: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

export interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export function send(
  sandbox: Sandbox,
  { method = 'GET', host, path, headers = {}, body }: Sent,
): Promise<Received> {
  const options = {
    host: '127.0.0.1',
    port: sandbox.port,
    method,
    path,
    headers: { Host: host, ...headers },
  };
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const data = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: data,
          text: data.toString(),
        });
      });
      response.on('error', reject);
    };
    // The certificate is verified for the host name, as a browser without exceptions would.
    const req = sandbox.https
      ? httpsRequest({ ...options, servername: host.replace(/:\d+$/, ''), ca: sandbox.cert }, onResponse)
      : httpRequest(options, onResponse);
    req.on('error', reject);
    req.end(body);
  });
}

/** Where the shop sends a scenario's call: its path, and the scenario's name in the query. */
function urlOf(scenario: Scenario): URL {
  const url = new URL(scenario.call.path, `https://${scenario.host}`);
  url.searchParams.set('scenario', scenario.name);
  return url;
}

/** A scenario's call, as the shop sends it. */
export function sendScenario(sandbox: Sandbox, scenario: Scenario): Promise<Received> {
  const { method, headers, body } = scenario.call;
  const url = urlOf(scenario);
  return send(sandbox, {
    method,
    host: scenario.host,
    path: `${url.pathname}${url.search}`,
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

/** What DevTools would record: bodies of non-text types come base64-encoded. */
export function exchangeOf(scenario: Scenario, received: Received): Exchange {
  const textual = /json|text|html/.test(String(received.headers['content-type']));
  return {
    method: scenario.call.method,
    url: urlOf(scenario).href,
    status: received.status,
    requestHeaders: Object.entries(scenario.call.headers).map(([name, value]) => ({ name, value })),
    ...(scenario.call.body === undefined ? {} : { requestBody: scenario.call.body }),
    responseHeaders: Object.entries(received.headers).map(([name, value]) => ({
      name,
      value: String(value),
    })),
    responseBody: textual ? received.text : received.body.toString('base64'),
    ...(textual ? {} : { responseEncoding: 'base64' }),
    startedDateTime: new Date().toISOString(),
  };
}
