/**
 * The demo shop's own backend, run as its own process with the PayLens hook loaded:
 *   node --import tsx --import paylens/register sandbox/shop/backend.ts <sandbox port>
 * `POST /server-checkout?scenario=<provider:name>` sends that scenario's call to the
 * provider from the server, as a real shop does with its secrets, and answers the page
 * with the status it got. Prints `listening <port>` once it accepts requests.
 */
import dns from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scenarioById } from '../scenarios';

const sandboxPort = Number(process.argv[2]);

// The backend's DNS, as the browser's --host-resolver-rules: every provider host is the sandbox.
const lookup = dns.lookup;
Object.assign(dns, {
  lookup: (_host: string, options: unknown, callback: unknown) =>
    (lookup as (...args: unknown[]) => void)('127.0.0.1', options, callback),
});

const server = createServer(async (incoming, response) => {
  const url = new URL(incoming.url ?? '/', 'http://backend');
  const scenario =
    url.pathname === '/server-checkout' ? scenarioById(url.searchParams.get('scenario') ?? '') : undefined;
  incoming.resume();
  if (!scenario) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('No such scenario.');
    return;
  }
  const { method, path, headers, body } = scenario.call;
  const call = new URL(path, `https://${scenario.host}:${sandboxPort}`);
  call.searchParams.set('scenario', scenario.name);
  try {
    const answer = await fetch(call, { method, headers, ...(body === undefined ? {} : { body }) });
    await answer.arrayBuffer();
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ scenario: scenario.id, providerStatus: answer.status }));
  } catch (error) {
    response
      .writeHead(502, { 'Content-Type': 'text/plain' })
      .end(`The provider could not be reached: ${error}`);
  }
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
