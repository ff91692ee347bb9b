/**
 * A provider is one folder and one line in a registry: this test adds a made-up sixth one
 * (tests/fixtures/providers/zarapay) to the catalog's list, without touching any other file,
 * and sees the CLI diagnose its documented errors and the sandbox serve and list them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { providerFolders } from '../../lib/providers';
import type { WireExample } from '../../lib/providers/wire';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { zarapayFolder } from '../fixtures/providers/zarapay';
import { parseZarapay } from '../fixtures/providers/zarapay/seed';
import { send } from '../sandbox/client';

const folders = [...providerFolders, zarapayFolder];
const catalog = folders.map((folder) => folder.catalog);
const [host = ''] = zarapayFolder.catalog.hosts;
const wire = await zarapayFolder.wire();
const examples = wire.examples(wire.exampleCredentials, new Date());
const ruleExamples = zarapayFolder.catalog.rules.flatMap((rule) => examples.forRule(rule));
const seedRows = parseZarapay(
  readFileSync(new URL('../fixtures/providers/zarapay/seed.txt', import.meta.url), 'utf8'),
);

/** A HAR whose entries are the examples, as DevTools would have recorded them. */
function harOf(exchanges: readonly WireExample[]): string {
  const entries = exchanges.map(({ call, answer }) => ({
    startedDateTime: '2026-11-22T10:00:00.000Z',
    time: 80,
    request: {
      method: call.method,
      url: `https://${host}${call.path}`,
      httpVersion: 'http/2.0',
      headers: Object.entries(call.headers).map(([name, value]) => ({ name, value })),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: call.body?.length ?? 0,
    },
    response: {
      status: answer.status,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: [{ name: 'content-type', value: 'application/json' }],
      cookies: [],
      content: { size: 0, mimeType: 'application/json', text: JSON.stringify(answer.body) },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 80, receive: 0 },
  }));
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}

async function diagnoseJson(file: string, providers = catalog) {
  let stdout = '';
  const status = await main(
    ['diagnose', file, '--format', 'json'],
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => {},
      stdin: (async function* () {})(),
    },
    providers,
  );
  return { status, document: JSON.parse(stdout) };
}

describe('a sixth provider, registered from its folder alone', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'paylens-sixth-')), 'zarapay.har');
  writeFileSync(file, harOf(ruleExamples));

  it('has an example for every rule of its catalog, and a seed row for each', () => {
    expect(ruleExamples.map((example) => example.rule)).toEqual(zarapayFolder.catalog.rules);
    expect(seedRows.map((row) => row.code)).toEqual(ruleExamples.map((example) => example.name));
  });

  it('is diagnosed by paylens diagnose with the meaning its seed documents', async () => {
    const { status, document } = await diagnoseJson(file);
    expect(status).toBe(0);
    expect(document.summary.byProvider).toEqual({ zarapay: seedRows.length });
    const meanings = document.diagnoses.map((diagnosis: { meaning: string }) => diagnosis.meaning);
    expect(meanings).toEqual(seedRows.map((row) => row.meaning));
  });

  it('is unknown to the CLI when the registry does not list it', async () => {
    const { document } = await diagnoseJson(file, catalog.slice(0, -1));
    expect(document.summary.diagnosed).toBe(0);
  });

  describe('in the sandbox', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ https: false, providers: folders });
    });
    afterAll(() => sandbox.close());

    it('is listed in the shop, a button per example', async () => {
      const { text } = await send(sandbox, { host: 'shop.test', path: '/' });
      expect(text).toContain('<section class="provider" id="zarapay">');
      for (const { name } of ruleExamples) expect(text).toContain(`data-scenario="zarapay:${name}"`);
      expect(sandbox.chromiumArgs[0]).toContain(`MAP ${host} `);
    });

    it('answers each scenario on its host, and refuses other credentials as documented', async () => {
      const [declined] = ruleExamples.filter((example) => example.name === 'ZP_CARD_DECLINED');
      const call = declined?.call;
      if (!call) throw new Error('no ZP_CARD_DECLINED example');
      const asked = {
        method: call.method,
        host,
        path: `${call.path}?scenario=ZP_CARD_DECLINED`,
        body: call.body,
      };
      const answered = await send(sandbox, { ...asked, headers: call.headers });
      expect(answered.status).toBe(402);
      expect(JSON.parse(answered.text)).toEqual(declined?.answer.body);
      const refused = await send(sandbox, {
        ...asked,
        headers: { ...call.headers, Authorization: 'Bearer nope' },
      });
      expect(refused.status).toBe(401);
    });
  });
});
