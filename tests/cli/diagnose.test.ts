import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `${root}tests/fixtures/har/${name}`;
const EXAMPLE = `${root}examples/checkout-session.har`;

const run = runCli;

describe('paylens diagnose', () => {
  it('prints a readable block per diagnosis and a summary by default', async () => {
    const { status, stdout, stderr } = await run(['diagnose', EXAMPLE]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('#20 GET https://api.kiotapay.co/api/v1/payments/');
    expect(stdout).toContain('Meaning: The provided token is expired or invalid.');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      '11 diagnoses in 48 entries (rebell 2, kiotapay 2, payfield 2, apipay 3, alternative-payments 2).',
    );
  });

  it('prints the JSON contract', async () => {
    const { status, stdout } = await run(['diagnose', EXAMPLE, '--format', 'json']);
    const document = JSON.parse(stdout);
    expect(status).toBe(0);
    expect(document.summary).toEqual({
      entries: 48,
      diagnosed: 11,
      byProvider: { rebell: 2, kiotapay: 2, payfield: 2, apipay: 3, 'alternative-payments': 2 },
      files: [{ file: EXAMPLE, entries: 48, diagnosed: 11, skipped: 0 }],
      warnings: [],
    });
    expect(Object.keys(document.diagnoses[0]).slice(0, 2)).toEqual(['file', 'entryIndex']);
    expect(document.diagnoses.every((d: { file: string }) => d.file === EXAMPLE)).toBe(true);
    expect(document.diagnoses.find((d: { entryIndex: number }) => d.entryIndex === 33)).toMatchObject({
      provider: 'apipay',
      category: 'rate-limit',
      retry: { advice: 'after', afterSeconds: 60 },
    });
  });

  it('prints Markdown without the capture’s secrets', async () => {
    const { stdout } = await run(['diagnose', EXAMPLE, '--format', 'markdown']);
    expect(stdout.match(/^### /gm)).toHaveLength(11);
    expect(stdout).not.toContain('4111111111111111');
    expect(stdout).not.toMatch(/Bearer eyJ/);
    expect(stdout).toMatch(
      /^authorization: Bearer \[JWT, issued 2025-03-14 09:30:12 UTC, expired 2025-03-14 09:35:12 UTC\]$/im,
    );
  });

  it('reads HARP, the HAR in a JSONP callback that HAR viewers load, as the HAR itself', async () => {
    const diagnosesOf = async (name: string) => {
      const { status, stdout, stderr } = await run(['diagnose', fixture(name), '--format', 'json']);
      expect([status, stderr]).toEqual([0, '']);
      const { diagnoses } = JSON.parse(stdout);
      return diagnoses.map(({ file: _, ...rest }: { file: string }) => rest);
    };
    const wrapped = await diagnosesOf('one-error.harp');
    expect(wrapped).toHaveLength(1);
    expect(wrapped).toEqual(await diagnosesOf('one-error.har'));
  });

  it('reads standard input with -', async () => {
    const { status, stdout } = await run(
      ['diagnose', '-', '--format', 'json'],
      [
        '{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://api.kiotapay.co/x"},',
        '"response":{"status":503,"content":{"text":""}}}]}}',
      ],
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout).diagnoses[0]).toMatchObject({ provider: 'kiotapay', status: 503 });
  });

  it('narrows to chosen providers and recognises relayed errors with --any-host', async () => {
    const only = JSON.parse(
      (await run(['diagnose', EXAMPLE, '--format', 'json', '--provider', 'apipay', '--provider', 'rebell']))
        .stdout,
    );
    expect(only.summary.byProvider).toEqual({ rebell: 2, apipay: 3 });
    const relayed = JSON.parse(
      (await run(['diagnose', fixture('relayed.har'), '--format', 'json', '--any-host'])).stdout,
    );
    expect(relayed.diagnoses.map((d: { match: string }) => d.match)).toEqual(Array(4).fill('fingerprint'));
  });

  it('exits 1 with --fail-on-error only when something was diagnosed', async () => {
    expect((await run(['diagnose', EXAMPLE, '--fail-on-error'])).status).toBe(1);
    expect((await run(['diagnose', fixture('empty-entries.har'), '--fail-on-error'])).status).toBe(0);
  });

  it('diagnoses the good entries of a HAR with bad ones and says how many it skipped', async () => {
    const text = await run(['diagnose', fixture('bad-entries.har')]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('7 entries skipped: not usable HAR entries.');
    const json = await run(['diagnose', fixture('bad-entries.har'), '--format', 'json']);
    expect(JSON.parse(json.stdout).summary.diagnosed).toBe(2);
    expect(json.stderr).toBe(
      `paylens: ${fixture('bad-entries.har')}: 7 entries skipped: no response (2), not an object (2), no request (1), no numeric status (1), no URL (1)\n`,
    );
  });

  it('reads a HAR of which not one entry is usable, and says why on stderr', async () => {
    const { status, stdout, stderr } = await run(
      ['diagnose', '-', '--format', 'json'],
      [
        '{"log":{"version":"1.2","entries":[{"request":{"url":"https://x.test"}},{"response":{"status":500}}]}}',
      ],
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout).summary.files).toEqual([{ file: '-', entries: 2, diagnosed: 0, skipped: 2 }]);
    expect(stderr).toBe('paylens: standard input: 2 entries skipped: no response (1), no request (1)\n');
  });

  it.each([
    [['diagnose', fixture('missing.har')], /^paylens: cannot read .*missing\.har: no such file\n$/],
    [
      ['diagnose', fixture('not-json.har')],
      /^paylens: cannot read .*: it is not valid JSON \(unexpected "h"\)\n$/,
    ],
    [
      ['diagnose', fixture('not-a-har.json')],
      /^paylens: cannot read .*: it is not a HAR file: there is no log\.entries array\n$/,
    ],
    [
      ['diagnose', `${root}tests/support`],
      /^paylens: cannot read .*support: no \.har, \.harp, \.har\.gz, \.zhar or \.zip file in it\n$/,
    ],
    [
      ['diagnose'],
      /^paylens: missing the HAR file to read \(or - for standard input\) \(see paylens --help\)\n$/,
    ],
    [['diagnose', EXAMPLE, '--format', 'xml'], /^paylens: unknown format "xml" \(use text, json, markdown\)/],
    [['diagnose', EXAMPLE, '--provider', 'stripe'], /^paylens: unknown provider "stripe"/],
    [['inspect', EXAMPLE], /^paylens: unknown command "inspect"/],
    [['diagnose', EXAMPLE, '--colour'], /^paylens: Unknown option '--colour'/],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const { status, stdout, stderr } = await run(argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('paylens diagnose --config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paylens-config-'));
  const config = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const relayedHar = config(
    'own-host.har',
    JSON.stringify({
      log: {
        version: '1.2',
        entries: [
          {
            request: { method: 'POST', url: 'https://pay.mycompany.test/api/v1/payments' },
            response: { status: 401, content: { text: '' } },
          },
          {
            request: { method: 'POST', url: 'https://eu.sandbox.example/api/v1/payouts' },
            response: { status: 500, content: {} },
          },
          {
            request: { method: 'POST', url: 'https://api.apipay.kz/x' },
            response: { status: 503, content: {} },
          },
        ],
      },
    }),
  );

  it('applies custom hosts and provider switches from the file', async () => {
    const path = config(
      'paylens.json',
      JSON.stringify({
        hosts: { 'pay.mycompany.test': 'kiotapay', '*.sandbox.example': 'payfield' },
        anyHost: false,
        providers: { apipay: false },
        retention: 5000,
        copyFormat: 'markdown',
      }),
    );
    const { status, stdout } = await run(['diagnose', relayedHar, '--config', path, '--format', 'json']);
    expect(status).toBe(0);
    expect(
      JSON.parse(stdout).diagnoses.map((d: { provider: string; match: string }) => [d.provider, d.match]),
    ).toEqual([
      ['kiotapay', 'host'],
      ['payfield', 'host'],
    ]);
  });

  it.each([
    ['unknown key', '{"theme":"dark"}', /^paylens: config .*: theme: unknown setting/],
    [
      'bad pattern',
      '{"hosts":{"*.com":"kiotapay"}}',
      /^paylens: config .*: hosts\["\*\.com"\]: "\*\.com" is too broad/,
    ],
    [
      'unknown provider',
      '{"hosts":{"pay.example":"stripe"}}',
      /hosts\["pay\.example"\]: unknown provider "stripe"/,
    ],
    ['wrong type', '{"anyHost":"yes","retention":0}', /: anyHost: must be true or false \(and 1 more\)$/],
    ['not JSON', '{hosts:', /^paylens: config .* is not valid JSON/],
  ])('exits 2 naming the wrong key: %s', async (_, content, message) => {
    const path = config('bad.json', content);
    const { status, stdout, stderr } = await run(['diagnose', relayedHar, '--config', path]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd()).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 when the config file is missing', async () => {
    const { status, stderr } = await run(['diagnose', relayedHar, '--config', join(dir, 'nope.json')]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^paylens: cannot read config .*nope\.json: no such file\n$/);
  });
});

describe('the installed command', () => {
  const exec = promisify(execFile);
  const paylens = (...args: string[]) =>
    exec(process.execPath, [`${root}bin/paylens.js`, ...args], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    }).then(
      (result) => ({ status: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        status: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  it('runs from the package’s bin with the documented exit statuses', async () => {
    const ok = await paylens('diagnose', EXAMPLE, '--format', 'json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).summary.diagnosed).toBe(11);
    expect((await paylens('diagnose', EXAMPLE, '--fail-on-error')).status).toBe(1);
    const bad = await paylens('diagnose', fixture('not-json.har'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 30_000);

  // The bin runs the CLI bundled into one script, whose commands, formats, gzip and zip
  // readers are loaded only by the runs that use them: each answers as the sources do.
  it('answers every command and format as the sources do', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'paylens-bin-'));
    const gzipped = join(scratch, 'session.har.gz');
    writeFileSync(gzipped, gzipSync(readFileSync(EXAMPLE)));
    const runs = [
      ...['text', 'json', 'markdown'].map((format) => ['diagnose', EXAMPLE, '--format', format]),
      ['diagnose', gzipped, '--format', 'json'],
      ['diagnose', fixture('playwright-recording.zip'), '--format', 'json'],
      ['explain', 'AUTH_INVALID_TOKEN'],
      ['explain', '429', '--provider', 'apipay', '--format', 'json'],
      ['providers'],
      ['providers', '--format', 'json'],
      ['--help'],
    ];
    try {
      for (const argv of runs) expect(await paylens(...argv), argv.join(' ')).toEqual(await run(argv));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);

  it('cuts a large HAR in a thread of its own, and answers as the sources do', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'paylens-bin-'));
    try {
      // Past the 16 MB from which the bin hands a file to a second thread.
      const har = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { log: { entries: unknown[] } };
      const entries = har.log.entries;
      const copies = Math.ceil((17 * 1024 * 1024) / readFileSync(EXAMPLE).length);
      har.log.entries = Array.from({ length: copies }, () => entries).flat();
      const large = join(scratch, 'large.har');
      const text = JSON.stringify(har);
      writeFileSync(large, text);
      const truncated = join(scratch, 'truncated.har');
      writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.7)));
      for (const argv of [
        ['diagnose', large, '--format', 'json'],
        ['diagnose', large, '--any-host', '--format', 'markdown'],
        ['diagnose', truncated],
      ])
        expect(await paylens(...argv), argv.join(' ')).toEqual(await run(argv));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);

  it('runs from the code cache the build made of it', async () => {
    // In a child as the bin is run, with no test runner's flags: V8 checks them.
    const check = `const { readFileSync } = require('node:fs');
const { Script } = require('node:vm');
const file = ${JSON.stringify(`${root}dist/cli/paylens.js`)};
const script = new Script(readFileSync(file, 'utf8'), {
  filename: file,
  cachedData: readFileSync(file.replace(/js$/, 'cache')),
});
console.log(script.cachedDataRejected);`;
    const { stdout } = await exec(process.execPath, ['-e', check]);
    expect(stdout).toBe('false\n');
  });
});
