/**
 * The HARs real tools write, and damaged copies, through the CLI: what each one exits
 * with, the one stderr line, and the counts of `summary.files`.
 *
 * The binary variants (Latin-1, UTF-16, gzip, zlib, damaged gzip, zlib and zip, a directory of mixed
 * files) are made here from the text fixture `one-error.har`, each one transformation
 * of a file a reviewer can read. The Playwright zip is committed: Python's zipfile wrote
 * it from `playwright/` (the HAR as `har.har`, as `recordHar` names it, with its bodies),
 * and `two-hars.zip`, `seven-hars.zip`, `long-names.zip` and `macos-compressed.zip` (with
 * the `__MACOSX` metadata Finder adds) from copies of `one-error.har`.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `${root}tests/fixtures/har/${name}`;
const ONE_ERROR = readFileSync(fixture('one-error.har'), 'utf8');
const ONE_ERROR_BYTES = Buffer.byteLength(ONE_ERROR);

/** The CLI's result, with stderr as its lines: each refusal or warning is one. */
async function run(argv: string[], stdin: ReadonlyArray<Uint8Array | string> = []) {
  const result = await runCli(argv, stdin);
  return { ...result, lines: result.stderr.split('\n').filter(Boolean) };
}

const dir = mkdtempSync(join(tmpdir(), 'paylens-real-world-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function made(name: string, content: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The text with `word` written in Latin-1, as old tools wrote it: one invalid UTF-8 byte. */
function withLatin1(text: string, word: string): Buffer {
  const at = text.indexOf(word);
  return Buffer.concat([
    Buffer.from(text.slice(0, at)),
    Buffer.from(word, 'latin1'),
    Buffer.from(text.slice(at + word.length)),
  ]);
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

const one = { entries: 1, diagnosed: 1, skipped: 0 };

describe('paylens diagnose on HARs real tools write', () => {
  it.each([
    ['a request-only HAR', fixture('request-only.har'), '3 entries skipped: no response', 3, 0, 3],
    [
      'an old Safari data: entry with an empty method',
      fixture('safari-data-url.har'),
      '1 entry skipped: empty method',
      1,
      0,
      1,
    ],
  ])(
    'reads %s, exits 0 and says on one line why it skipped',
    async (_, path, why, entries, diagnosed, skipped) => {
      const { status, stdout, lines } = await run(['diagnose', path, '--format', 'json']);
      expect(status).toBe(0);
      expect(lines).toEqual([`paylens: ${path}: ${why}`]);
      expect(JSON.parse(stdout).summary.files).toEqual([{ file: path, entries, diagnosed, skipped }]);
    },
  );

  it('says the skip in the text summary too', async () => {
    const { status, stdout, lines } = await run(['diagnose', fixture('request-only.har')]);
    expect(status).toBe(0);
    expect(stdout).toBe('0 diagnoses in 3 entries.\n3 entries skipped: not usable HAR entries.\n');
    expect(lines).toHaveLength(1);
  });

  it.each([
    ['a UTF-8 BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ONE_ERROR)])],
    [
      'UTF-16 LE with its BOM',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ONE_ERROR, 'utf16le')]),
    ],
    ['UTF-16 BE with its BOM', () => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(ONE_ERROR)])],
    ['a Latin-1 byte in the page title', () => withLatin1(ONE_ERROR, 'Café')],
    ['gzip, whatever the name', () => gzipSync(ONE_ERROR)],
    ['zlib, as mitmproxy writes a .zhar', () => deflateSync(ONE_ERROR)],
    [
      'a zip made by macOS, its __MACOSX metadata beside it',
      () => readFileSync(fixture('macos-compressed.zip')),
    ],
  ])('reads a HAR in %s', async (name, bytes) => {
    const path = made(`${name.replace(/\W+/g, '-')}.har`, bytes());
    const { status, stdout, lines } = await run(['diagnose', path, '--format', 'json']);
    expect(lines).toEqual([]);
    expect(status).toBe(0);
    const { diagnoses, summary } = JSON.parse(stdout);
    expect(summary.files).toEqual([{ file: path, ...one }]);
    expect(diagnoses[0]).toMatchObject({ file: path, code: 'AUTH_INVALID_TOKEN', message: 'Jeton expiré' });
  });

  it('replaces a Latin-1 byte inside an entry as it does in the title', async () => {
    const path = made('latin1-entry.har', withLatin1(ONE_ERROR, 'expiré'));
    const { status, stdout, lines } = await run(['diagnose', path, '--format', 'json']);
    expect(status).toBe(0);
    expect(lines).toEqual([]);
    const { diagnoses, summary } = JSON.parse(stdout);
    expect(summary.files).toEqual([{ file: path, ...one }]);
    expect(diagnoses[0].message).toBe('Jeton expir\uFFFD');
  });

  it.each([
    ['gzip', gzipSync],
    ['zlib', deflateSync],
  ])('reads %s from standard input', async (_, compress) => {
    const { status, stdout } = await run(['diagnose', '-', '--format', 'json'], [compress(ONE_ERROR)]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).summary.files).toEqual([{ file: '-', ...one }]);
  });

  it('asks for the path of a zip given on standard input, which it cannot seek', async () => {
    const zip = readFileSync(fixture('playwright-recording.zip'));
    const { status, stdout, lines } = await run(['diagnose', '-'], [zip]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(lines).toEqual([
      'paylens: cannot read standard input: it is a zip archive, which is read from its path, not a pipe',
    ]);
  });

  it.each([
    ['whitespace only', () => readFileSync(fixture('whitespace-only.har')), 'the file is empty'],
    ['damaged gzip', () => gzipSync(ONE_ERROR).subarray(0, 60), 'it is gzip-compressed but damaged'],
    [
      'damaged zlib',
      () => Buffer.concat([deflateSync(ONE_ERROR).subarray(0, 2), Buffer.from('not deflate at all')]),
      'it is zlib-compressed but damaged',
    ],
    [
      'damaged zip',
      () => readFileSync(fixture('playwright-recording.zip')).subarray(0, 200),
      'it is a zip archive but damaged',
    ],
    [
      'a zip of two HARs',
      () => readFileSync(fixture('two-hars.zip')),
      'it is a zip archive with 2 .har files (monday/session.har, tuesday/session.har): unzip it and name each one',
    ],
    [
      'a zip of two HARs, one with a name of 204 characters',
      () => readFileSync(fixture('long-names.zip')),
      `it is a zip archive with 2 .har files (${'x'.repeat(79)}…, b.har): unzip it and name each one`,
    ],
    [
      'a zip of seven HARs, one named with an escape sequence',
      () => readFileSync(fixture('seven-hars.zip')),
      'it is a zip archive with 7 .har files (caf\u00e9\uFFFD[31m.har, b.har, c.har, d.har, e.har and 2 more): unzip it and name each one',
    ],
  ])('refuses %s with exit 2, one line and no output', async (name, bytes, reason) => {
    const path = made(`refused-${name.replace(/\W+/g, '-')}`, bytes());
    const { status, stdout, lines } = await run(['diagnose', path, '--format', 'json']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(lines).toEqual([`paylens: cannot read ${path}: ${reason}`]);
  });

  it.each(['text', 'markdown', 'json'])(
    'writes no control character of a name from an archive in %s, beside a file it read',
    async (format) => {
      const { status, stdout, stderr } = await run([
        'diagnose',
        fixture('seven-hars.zip'),
        fixture('one-error.har'),
        '--format',
        format,
      ]);
      expect(status).toBe(0);
      expect(stdout).toContain('7 .har files');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
      expect(`${stdout}${stderr}`).not.toMatch(/\u001b/);
    },
  );

  it.each([
    ['trailing data', 'trailing-data.har', `extra data after the HAR at byte ${ONE_ERROR_BYTES + 1}`, 1],
    ['two HARs end to end', 'concatenated.har', `extra data after the HAR at byte ${ONE_ERROR_BYTES}`, 1],
    ['a HAR cut inside an entry', 'truncated.har', 'it ends inside entry #2', 2],
  ])('refuses %s with exit 2 after writing what it read', async (_, name, reason, diagnosed) => {
    const path = fixture(name);
    const { status, stdout, lines } = await run(['diagnose', path, '--format', 'json']);
    expect(status).toBe(2);
    expect(lines).toEqual([`paylens: cannot read ${path}: ${reason}`]);
    expect(JSON.parse(stdout).summary.files).toEqual([
      { file: path, entries: diagnosed, diagnosed, skipped: 0, error: reason },
    ]);
  });
});

describe('paylens diagnose on a pipe named as a path', () => {
  it('reads it as standard input, gzip included, as `<(…)` and `/dev/stdin` give one', async () => {
    const fifo = join(dir, 'pipe.har');
    execFileSync('mkfifo', [fifo]);
    // Opening a pipe waits for its other end: the writer and the CLI open it together.
    const written = new Promise<void>((resolve, reject) =>
      createWriteStream(fifo).on('error', reject).end(gzipSync(ONE_ERROR), resolve),
    );
    const [{ status, stdout, lines }] = await Promise.all([
      run(['diagnose', fifo, '--format', 'json']),
      written,
    ]);
    expect(lines).toEqual([]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).summary.files).toEqual([{ file: fifo, ...one }]);
  });
});

describe('paylens diagnose on Playwright recordings', () => {
  const folder = fixture('playwright/recording.har');
  const zip = fixture('playwright-recording.zip');

  it.each([
    ['a HAR with its bodies beside it', folder],
    ['a recordHar zip', zip],
  ])('reads the content._file bodies of %s', async (_, path) => {
    const { status, stdout, lines } = await run(['diagnose', path, '--format', 'json']);
    expect(status).toBe(0);
    expect(lines).toEqual([
      `paylens: ${path}: 1 provider entry was read without bodies stored in files beside the HAR (\`_file\`) that could not be read`,
    ]);
    const { diagnoses, summary } = JSON.parse(stdout);
    expect(summary.files).toEqual([{ file: path, entries: 3, diagnosed: 2, skipped: 0 }]);
    expect(diagnoses.map((d: { entryIndex: number; code: string | null }) => [d.entryIndex, d.code])).toEqual(
      [
        // #2 names a file outside the recording's folder: not followed, diagnosed without it.
        [1, 'AUTH_INVALID_TOKEN'],
        [2, null],
      ],
    );
  });

  const posts = fixture('playwright-posts/recording.har');

  it('reads the postData._file request bodies, which tell two requests apart', async () => {
    const { status, stdout, lines } = await run(['diagnose', posts, '--format', 'json']);
    expect(status).toBe(0);
    expect(lines).toEqual([]);
    const { diagnoses } = JSON.parse(stdout);
    expect(diagnoses).toHaveLength(2);
    // Their bodies differ (the phone number was fixed): no "sent again unchanged".
    expect(diagnoses.flatMap((d: { insights: Array<{ kind: string }> }) => d.insights)).toEqual([]);
    const markdown = (await run(['diagnose', posts, '--format', 'markdown'])).stdout;
    expect(markdown).toContain('"phoneNumber": "254712345678"');
    expect(markdown).toContain('"apiSecret": "[REDACTED]"');
    expect(markdown).not.toContain('kiota_secret_PwFile01');
  });

  it('says which entries standard input left without their stored bodies', async () => {
    const { status, stdout, lines } = await run(['diagnose', '-', '--format', 'json'], [readFileSync(posts)]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).summary.diagnosed).toBe(2);
    expect(lines).toEqual([
      "paylens: standard input: 2 provider entries were read without bodies stored in files beside the HAR (`_file`), which standard input cannot reach: give the HAR's path",
    ]);
  });

  it('redacts the bodies read from files like any other', async () => {
    const { stdout } = await run(['diagnose', zip, '--format', 'markdown']);
    expect(stdout).toContain('Response body (redacted)');
    expect(stdout).toContain('AUTH_INVALID_TOKEN');
    expect(stdout).not.toContain('c2VjcmV0');
    expect(stdout).not.toContain('"name": "paylens"');
  });
});

describe('paylens diagnose on many inputs', () => {
  const mixed = join(dir, 'mixed');
  mkdirSync(join(mixed, 'sub'), { recursive: true });
  writeFileSync(join(mixed, 'b.har.gz'), gzipSync(ONE_ERROR));
  writeFileSync(join(mixed, 'a.har'), ONE_ERROR);
  copyFileSync(fixture('playwright-recording.zip'), join(mixed, 'c.zip'));
  writeFileSync(join(mixed, 'empty.har'), '');
  writeFileSync(join(mixed, 'notes.txt'), 'not a HAR, not read');
  copyFileSync(fixture('request-only.har'), join(mixed, 'sub', 'd.HAR'));
  const inDir = (name: string) => join(mixed, name);

  it('walks a directory in sorted order, reports the unreadable file and runs the others', async () => {
    const { status, stdout, lines } = await run(['diagnose', mixed, '--format', 'json']);
    expect(status).toBe(0);
    expect(lines).toEqual([
      // The Playwright recording's #2 names a body outside its folder, which is not followed.
      `paylens: ${inDir('c.zip')}: 1 provider entry was read without bodies stored in files beside the HAR (\`_file\`) that could not be read`,
      `paylens: cannot read ${inDir('empty.har')}: the file is empty`,
      `paylens: ${inDir('sub/d.HAR')}: 3 entries skipped: no response`,
    ]);
    const { diagnoses, summary } = JSON.parse(stdout);
    expect(summary).toEqual({
      entries: 8,
      diagnosed: 4,
      byProvider: { kiotapay: 4 },
      files: [
        { file: inDir('a.har'), ...one },
        { file: inDir('b.har.gz'), ...one },
        { file: inDir('c.zip'), entries: 3, diagnosed: 2, skipped: 0 },
        { file: inDir('empty.har'), entries: 0, diagnosed: 0, skipped: 0, error: 'the file is empty' },
        { file: inDir('sub/d.HAR'), entries: 3, diagnosed: 0, skipped: 3 },
      ],
      warnings: [],
    });
    expect(diagnoses.map((d: { file: string }) => d.file)).toEqual([
      inDir('a.har'),
      inDir('b.har.gz'),
      inDir('c.zip'),
      inDir('c.zip'),
    ]);
  });

  it('keeps the order the files were given in, and names each in text and Markdown', async () => {
    const args = ['diagnose', inDir('c.zip'), inDir('a.har')];
    const text = await run(args);
    expect(text.stdout.match(/^==> .* <==$/gm)).toEqual([
      `==> ${inDir('c.zip')} <==`,
      `==> ${inDir('a.har')} <==`,
    ]);
    expect(text.stdout).toContain(`  ${inDir('a.har')}: 1 diagnosis in 1 entry\n`);
    const markdown = await run([...args, '--format', 'markdown']);
    expect(markdown.stdout.match(/^## .*$/gm)).toEqual([
      `## \`${inDir('c.zip')}\``,
      `## \`${inDir('a.har')}\``,
      '## PayLens diagnoses',
    ]);
    expect(markdown.stdout.match(/^### /gm)).toHaveLength(3);
  });

  it('exits 2 only when no input could be read, with one line for each', async () => {
    const { status, stdout, lines } = await run(['diagnose', inDir('empty.har'), join(dir, 'missing.har')]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(lines).toEqual([
      `paylens: cannot read ${inDir('empty.har')}: the file is empty`,
      `paylens: cannot read ${join(dir, 'missing.har')}: no such file`,
    ]);
  });

  it('exits 1 with --fail-on-error when one file was diagnosed and another unreadable', async () => {
    const { status, lines } = await run(['diagnose', inDir('empty.har'), inDir('a.har'), '--fail-on-error']);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
  });
});
