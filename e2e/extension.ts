/** The built extension that Chromium loads, rebuilt when its sources are newer. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');

/** Everything `wxt build` reads to make the Chrome extension. */
const SOURCES = [
  'entrypoints',
  'components',
  'adapters',
  'panel',
  'lib',
  'public',
  'wxt.config.ts',
  'package.json',
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Runs `wxt build` unless .output/chrome-mv3 is newer than every source. */
export function buildExtension(): void {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((source) => newestChange(join(ROOT, source))));
  if (builtAt > changedAt) return;
  console.log('Building the extension (wxt build): .output/chrome-mv3 is missing or older than its sources.');
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`wxt build failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
  }
}

/** Everything the npm package is built from: the shop's backend loads it as `paylens/register`. */
const PACKAGE_SOURCES = ['lib', 'node', 'cli', 'tsconfig.build.json', 'package.json'];

/** Runs `npm run build:package` unless dist/ is newer than every source of the package. */
export function buildPackage(): void {
  const built = join(ROOT, 'dist', 'node', 'register.js');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const changedAt = Math.max(...PACKAGE_SOURCES.map((source) => newestChange(join(ROOT, source))));
  if (builtAt > changedAt) return;
  console.log('Building the package (npm run build:package): dist/ is missing or older than its sources.');
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-package.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`The package build failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
  }
}
