/** node --import paylens/register, in this process: stderr, the recorded HAR and the header bridge. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_HEADER, readBackendHeader } from '../../lib/backend-header';
import { diagnoseHar } from '../../lib/diagnose-har';
import { jsonDiagnosis } from '../../lib/format/json';
import { startHook } from '../../node/hook';
import { scenarioCall, useSandbox } from './support';

const sandbox = useSandbox();
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function hook(env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'paylens-hook-'));
  let stderr = '';
  stops.push(startHook({ env, cwd: dir, stderr: (text) => (stderr += text) }));
  return { dir, stderr: () => stderr };
}

/** A node:http app whose one route calls a provider scenario and answers with the status it got. */
async function app(id: string): Promise<{ url: string; close(): void }> {
  const server = createServer(async (_, response) => {
    const provider = await fetch(...scenarioCall(sandbox(), id));
    await provider.text();
    response.end(`provider said ${provider.status}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkout`,
    close: () => server.close(),
  };
}

function get(url: string): Promise<{ headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    request(url, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ headers: response.headers, text }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the Node hook', () => {
  it('prints each diagnosis to stderr in the CLI’s text format, for fetch and http.request', async () => {
    const { stderr } = hook();
    const response = await fetch(...scenarioCall(sandbox(), 'kiotapay:AUTH_INVALID_TOKEN'));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'AUTH_INVALID_TOKEN' } });
    expect(stderr()).toMatch(
      /^GET http:\/\/api\.kiotapay\.co:\d+\/.* → 401\n {2}Kiotapay · AUTH_INVALID_TOKEN/,
    );

    const [url, init] = scenarioCall(sandbox(), 'payfield:echoed-credentials');
    const text = await new Promise<string>((resolve) => {
      const sent = request(
        url,
        { method: init.method, headers: init.headers as Record<string, string> },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(body));
        },
      );
      sent.end(init.body as string);
    });
    expect(text).toContain('validation_error');
    expect(stderr()).toContain('Payfield · validation_error');
  });

  it('says nothing about hosts that are not providers’, and leaves successes alone', async () => {
    const { stderr } = hook();
    const success = await fetch(...scenarioCall(sandbox(), 'kiotapay:success'));
    expect(success.ok).toBe(true);
    const other = await fetch(`http://shop.test:${sandbox().port}/`);
    expect(await other.text()).toContain('PayLens demo shop');
    expect(stderr()).toBe('');
  });

  it('records provider exchanges to PAYLENS_HAR, redacted, and the CLI diagnoses them the same', async () => {
    const { dir } = hook({ PAYLENS_HAR: 'capture.har' });
    const watched: unknown[] = [];
    const { watchPayments } = await import('../../node/index');
    const watch = watchPayments({ onDiagnosis: (diagnosis) => watched.push(diagnosis) });
    stops.push(watch.stop);
    await (await fetch(...scenarioCall(sandbox(), 'kiotapay:success'))).text();
    await (await fetch(...scenarioCall(sandbox(), 'kiotapay:echoed-credentials'))).text();

    const har = readFileSync(join(dir, 'capture.har'), 'utf8');
    expect(JSON.parse(har).log.entries).toHaveLength(2);
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(JSON.parse(har).log.creator).toEqual({ name: 'PayLens', version });
    expect(har).toContain('[REDACTED]');
    const { findings } = await diagnoseHar([har]);
    // The same, but for what only the secrets showed: the recorded token is redacted, so its
    // age is no longer known from the HAR.
    const withoutInsights = (diagnosis: object) => ({ ...diagnosis, insights: [] });
    expect(
      findings.map((finding) => withoutInsights({ ...jsonDiagnosis(finding), entryIndex: null })),
    ).toEqual(watched.map((diagnosis) => withoutInsights(diagnosis as object)));
    expect(watch.diagnoses).toEqual(watched);
  });

  it('adds the diagnoses to the response being served, in the PayLens-Diagnoses header', async () => {
    hook({ PAYLENS_HEADER: '1' });
    const shop = await app('kiotapay:AUTH_INVALID_TOKEN');
    try {
      const { headers, text } = await get(shop.url);
      expect(text).toBe('provider said 401');
      const report = readBackendHeader(headers[BACKEND_HEADER.toLowerCase()]);
      expect(report?.truncated).toBe(0);
      expect(report?.diagnoses.map(({ provider, code, status }) => ({ provider, code, status }))).toEqual([
        { provider: 'kiotapay', code: 'AUTH_INVALID_TOKEN', status: 401 },
      ]);
    } finally {
      shop.close();
    }
  });

  it('refuses the header with one line when NODE_ENV=production, and still prints', async () => {
    const { stderr } = hook({ PAYLENS_HEADER: '1', NODE_ENV: 'production' });
    expect(stderr()).toBe(
      'paylens: PAYLENS_HEADER is refused when NODE_ENV=production; diagnoses stay on stderr.\n',
    );
    const shop = await app('kiotapay:AUTH_INVALID_TOKEN');
    try {
      const { headers } = await get(shop.url);
      expect(headers[BACKEND_HEADER.toLowerCase()]).toBeUndefined();
      expect(stderr()).toContain('AUTH_INVALID_TOKEN');
    } finally {
      shop.close();
    }
  });

  it('reads custom hosts from ./paylens.json, or the file PAYLENS_CONFIG names', async () => {
    const proxied = () =>
      `http://payments.shop.test:${sandbox().port}/api/v1/payments/KTP-9F2C41D7?scenario=AUTH_INVALID_TOKEN`;
    const plain = hook();
    await (await fetch(proxied())).text();
    expect(plain.stderr()).toBe('');

    const dir = mkdtempSync(join(tmpdir(), 'paylens-config-'));
    writeFileSync(join(dir, 'paylens.json'), JSON.stringify({ hosts: { 'payments.shop.test': 'kiotapay' } }));
    writeFileSync(
      join(dir, 'other.json'),
      JSON.stringify({ hosts: { 'payments.shop.test': 'kiotapay' }, typo: 1 }),
    );
    for (const env of [{}, { PAYLENS_CONFIG: 'other.json' }]) {
      let stderr = '';
      stops.push(startHook({ env, cwd: dir, stderr: (text) => (stderr += text) }));
      await (await fetch(proxied())).text();
      expect(stderr).toContain('Kiotapay · AUTH_INVALID_TOKEN');
      if (env.PAYLENS_CONFIG) expect(stderr).toMatch(/^paylens: config .*other\.json: typo: unknown setting/);
      for (const stop of stops.splice(0)) stop();
    }
  });

  it('lets the application have a response whose body never ends: at once, or after 2 s from a provider', async () => {
    hook();
    const endless = createServer((_, response) => {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.write('{"error":');
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const { port } = endless.address() as AddressInfo;
      const response = await fetch(`http://api.kiotapay.co:${port}/api/v1/payments`);
      expect(response.status).toBe(401);
      expect(Date.now() - started).toBeLessThan(4_000);
      await response.body?.cancel();

      // Another host's open stream is not waited for at all.
      const otherStarted = Date.now();
      const other = await fetch(`http://downloads.example:${port}/`);
      expect(Date.now() - otherStarted).toBeLessThan(500);
      await other.body?.cancel();
    } finally {
      endless.closeAllConnections();
      endless.close();
    }
  });

  it('reports an error of its own once and goes on capturing', async () => {
    // A HAR path inside a missing folder cannot be written.
    const { stderr } = hook({ PAYLENS_HAR: 'missing/folder/capture.har' });
    await (await fetch(...scenarioCall(sandbox(), 'kiotapay:AUTH_INVALID_TOKEN'))).text();
    await (await fetch(...scenarioCall(sandbox(), 'kiotapay:AUTH_INVALID_TOKEN'))).text();
    expect(stderr().match(/an error inside PayLens was caught/g)).toHaveLength(1);
    expect(stderr().match(/Kiotapay · AUTH_INVALID_TOKEN/g)).toHaveLength(2);
  });
});
