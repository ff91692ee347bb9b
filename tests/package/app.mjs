// A small shop backend for the package test: each route calls a provider scenario of the
// sandbox, with fetch or with https.request, and answers with what it got.
import dns from 'node:dns';
import { createServer } from 'node:http';
import { request } from 'node:https';

const [sandboxPort] = process.argv.slice(2);
// The test's DNS: every provider's real host name goes to the local sandbox.
const lookup = dns.lookup;
dns.lookup = (_host, options, callback) => lookup('127.0.0.1', options, callback);

const provider = (path) => `https://api.kiotapay.co:${sandboxPort}${path}`;
const ROUTES = {
  '/fetch': '/api/v1/payments/KTP-9F2C41D7?scenario=AUTH_INVALID_TOKEN',
  '/https': '/api/v1/payments/KTP-9F2C41D7?scenario=AUTH_INVALID_TOKEN',
  '/stream': '/api/v1/payments/KTP-9F2C41D7?scenario=AUTH_INVALID_TOKEN',
  '/late': '/api/v1/payments/KTP-9F2C41D7?scenario=AUTH_INVALID_TOKEN',
};

function viaHttps(url) {
  return new Promise((resolve, reject) => {
    request(url, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString() }),
      );
    })
      .on('error', reject)
      .end();
  });
}

const server = createServer(async (incoming, response) => {
  const path = ROUTES[incoming.url];
  if (!path) return response.writeHead(404).end();
  if (incoming.url === '/late') {
    // Answered first: what the provider says afterwards cannot ride on this response.
    response.end('accepted');
    await (await fetch(provider(path))).text();
    return;
  }
  if (incoming.url === '/stream') {
    const answer = await fetch(provider(path));
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.write(`status ${answer.status}\n`);
    // The provider's body passed on as it arrives, with pauses of the app's own.
    for await (const chunk of answer.body) {
      response.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    response.end('\nend of stream\n');
    return;
  }
  const answer =
    incoming.url === '/fetch'
      ? await fetch(provider(path)).then(async (r) => ({ status: r.status, body: await r.text() }))
      : await viaHttps(provider(path));
  response.writeHead(200, { 'Content-Type': 'application/json', 'X-Shop': 'demo' });
  response.end(JSON.stringify(answer));
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
