/**
 * The package as a user installs it: packed, installed from the tarball into a scratch
 * project with no network and no dev dependencies, then used there as the README says.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_HEADER, readBackendHeader } from '../../lib/backend-header';
import { type Sandbox, startSandbox } from '../../sandbox/server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let scratch = '';

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/**
 * A lock file for the scratch project: the tarball, and the repository's own locked
 * versions of its dependencies. npm's cache holds their tarballs (the repository
 * installed them) but not the registry's metadata that resolving version ranges needs.
 */
function scratchLock(tarball: string, registry: string) {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const own = lock.packages[''] ?? {};
  const packages: Record<string, LockEntry> = {
    '': { name: 'shop', dependencies: { paylens: `file:${tarball}` } },
    'node_modules/paylens': {
      version: own.version,
      resolved: `file:${tarball}`,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
    },
  };
  /** Where Node finds `name` from the package at `from`: its own node_modules, then its parents'. */
  const resolve = (from: string, name: string): string => {
    for (let at = from; ; at = at.replace(/\/?node_modules\/(?:@[^/]+\/)?[^/]+$/, '')) {
      const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!at) throw new Error(`${name} is not in the lock file`);
    }
  };
  const queue = Object.keys(own.dependencies ?? {}).map((name) => resolve('', name));
  for (const path of queue) {
    if (packages[path]) continue;
    const { dev: _, devOptional: __, ...entry } = lock.packages[path] as LockEntry;
    // The repository's lock leaves out where each tarball comes from; npm finds it in its
    // cache by that address and the integrity.
    const name = path.replace(/^.*node_modules\//, '');
    const resolved = new URL(`${name}/-/${name.replace(/^@[^/]+\//, '')}-${entry.version}.tgz`, registry)
      .href;
    packages[path] = { resolved, ...entry };
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }))
      queue.push(resolve(path, name));
  }
  return { name: 'shop', lockfileVersion: 3, requires: true, packages };
}
let sandbox: Sandbox;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'paylens-pack-'));
  // The sandbox answers from this process: children are run without blocking it.
  sandbox = await startSandbox({ https: true });
  writeFileSync(join(scratch, 'sandbox.pem'), sandbox.cert ?? '');
  // Packed from a copy built aside: rebuilding dist/ in place would pull it from under the
  // other test files that run the CLI meanwhile.
  const staging = join(scratch, 'staging');
  mkdirSync(join(staging, 'bin'), { recursive: true });
  for (const file of ['package.json', 'README.md', 'bin/paylens.js', 'bin/load-cli.js', 'bin/package.json'])
    copyFileSync(join(ROOT, file), join(staging, file));
  await run(process.execPath, [join(ROOT, 'scripts/build-package.mjs'), join(staging, 'dist')]);
  const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
    cwd: staging,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  const dependencies = { paylens: `file:${filename}` };
  const registry = `${(await run(npm, ['config', 'get', 'registry'])).stdout.trim().replace(/\/$/, '')}/`;
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies }),
  );
  writeFileSync(join(scratch, 'package-lock.json'), JSON.stringify(scratchLock(filename, registry)));
  await run(npm, ['install', '--offline', '--omit=dev', '--no-audit', '--no-fund'], { cwd: scratch });
  copyFileSync(join(ROOT, 'tests/package/app.mjs'), join(scratch, 'app.mjs'));
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed package, installed offline', () => {
  it('brings no TypeScript runtime and runs its CLI', async () => {
    for (const absent of ['tsx', 'typescript', 'wxt', 'preact'])
      expect(existsSync(join(scratch, 'node_modules', absent)), absent).toBe(false);
    copyFileSync(join(ROOT, 'examples/checkout-session.har'), join(scratch, 'session.har'));
    const { stdout } = await run('npx', ['--no-install', 'paylens', 'diagnose', 'session.har'], {
      cwd: scratch,
    });
    expect(stdout).toMatch(/\d+ diagnoses in 48 entries/);
  });

  it('exports the library and paylens/node, with types that resolve under nodenext', async () => {
    writeFileSync(
      join(scratch, 'check.ts'),
      `import { createMatcher, diagnose, formats, type Diagnosis, type Exchange } from 'paylens';
import { watchPayments, type JsonDiagnosis } from 'paylens/node';
const exchange: Exchange = {
  method: 'GET', url: 'https://api.kiotapay.co/x', status: 401, requestHeaders: [], responseHeaders: [],
  responseBody: '{"error":{"code":"AUTH_INVALID_TOKEN"}}', startedDateTime: '2026-01-01T00:00:00Z',
};
const found: Diagnosis | null = diagnose(exchange) ?? createMatcher({ anyHost: true })(exchange);
// @ts-expect-error a number is no exchange: the types are real, not any
diagnose(42);
const watch = watchPayments({ onDiagnosis: (diagnosis: JsonDiagnosis) => diagnosis.code });
watch.stop();
console.log(found?.code, typeof formats.text, watch.diagnoses.length);
`,
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          lib: ['es2022', 'dom'],
        },
        files: ['check.ts'],
      }),
    );
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', scratch]);
    // The same, as plain JavaScript at run time.
    writeFileSync(
      join(scratch, 'check.mjs'),
      `import { diagnose, formats } from 'paylens';
import { watchPayments } from 'paylens/node';
const found = diagnose({
  method: 'GET', url: 'https://api.kiotapay.co/x', status: 401, requestHeaders: [], responseHeaders: [],
  responseBody: '{"error":{"code":"AUTH_INVALID_TOKEN"}}', startedDateTime: '2026-01-01T00:00:00Z',
});
const watch = watchPayments();
watch.stop();
console.log(found?.code, typeof formats.text, watch.diagnoses.length);
`,
    );
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: scratch });
    expect(stdout).toBe('AUTH_INVALID_TOKEN function 0\n');
  });

  describe('node --import paylens/register', () => {
    interface App {
      child: ChildProcess;
      port: number;
      stderr: () => string;
    }
    const apps: App[] = [];
    afterAll(() => {
      for (const { child } of apps) child.kill();
    });

    async function startApp(hooked: boolean): Promise<App> {
      const child = spawn(
        process.execPath,
        [...(hooked ? ['--import', 'paylens/register'] : []), 'app.mjs', String(sandbox.port)],
        {
          cwd: scratch,
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: join(scratch, 'sandbox.pem'),
            NODE_ENV: 'development',
            ...(hooked ? { PAYLENS_HAR: 'backend.har', PAYLENS_HEADER: '1' } : {}),
          },
        },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk) => (stderr += chunk));
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout?.on('data', (chunk) => {
          const match = /listening (\d+)/.exec(String(chunk));
          if (match) resolve(Number(match[1]));
        });
        child.on('exit', () => reject(new Error(`the app exited: ${stderr}`)));
      });
      const app = { child, port, stderr: () => stderr };
      apps.push(app);
      return app;
    }

    function get(app: App, path: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
      return new Promise((resolve, reject) => {
        request({ host: '127.0.0.1', port: app.port, path }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    }

    const ROUTES = ['/fetch', '/https', '/stream'];

    it('leaves the responses byte for byte as they are, streamed too, and adds the header', async () => {
      const [plain, hooked] = await Promise.all([startApp(false), startApp(true)]);
      for (const path of ROUTES) {
        const [without, withHook] = await Promise.all([get(plain, path), get(hooked, path)]);
        expect(withHook.body.equals(without.body), path).toBe(true);
        const { date: _a, [BACKEND_HEADER.toLowerCase()]: header, ...headers } = withHook.headers;
        const { date: _b, ...original } = without.headers;
        expect(headers, path).toEqual(original);
        expect(original[BACKEND_HEADER.toLowerCase()]).toBeUndefined();
        const report = readBackendHeader(header);
        expect(
          report?.diagnoses.map(({ code, status }) => ({ code, status })),
          path,
        ).toEqual([{ code: 'AUTH_INVALID_TOKEN', status: 401 }]);
      }
      expect((await get(plain, '/stream')).body.toString()).toMatch(
        /^status 401\n\{.*AUTH_INVALID_TOKEN.*\}\nend of stream\n$/s,
      );

      const late = await get(hooked, '/late');
      expect(late.headers[BACKEND_HEADER.toLowerCase()]).toBeUndefined();
      await expect.poll(() => hooked.stderr().match(/Kiotapay · AUTH_INVALID_TOKEN/g)?.length).toBe(4);
      expect(hooked.stderr()).toMatch(
        /^GET https:\/\/api\.kiotapay\.co:\d+\/api\/v1\/payments\/KTP-9F2C41D7/,
      );
      expect(plain.stderr()).toBe('');

      // What the hook recorded, the CLI diagnoses the same.
      const { stdout } = await run(
        'npx',
        ['--no-install', 'paylens', 'diagnose', 'backend.har', '--format', 'json'],
        {
          cwd: scratch,
        },
      );
      const { diagnoses } = JSON.parse(stdout) as { diagnoses: Array<Record<string, unknown>> };
      const first = readBackendHeader((await get(hooked, '/fetch')).headers[BACKEND_HEADER.toLowerCase()]);
      expect(diagnoses).toHaveLength(4);
      // What both say of the provider's error: only the CLI names a file and numbers entries,
      // and the recorded token is redacted, so its insights are not there to compare.
      const comparable = ({
        entryIndex,
        startedDateTime,
        file,
        insights,
        ...rest
      }: Record<string, unknown>) => rest;
      const expected = comparable(first?.diagnoses[0] ?? {});
      for (const [index, diagnosis] of diagnoses.entries()) {
        expect(diagnosis.entryIndex).toBe(index);
        expect(comparable(diagnosis)).toEqual(expected);
      }
    });
  });
});
