// Builds the npm package: tsc emits ESM and declarations to dist/, then relative imports
// get the `.js` (or `/index.js`) that Node's ESM loader and `moduleResolution: nodenext`
// require; the sources leave them out for the extension's bundler.
//   node scripts/build-package.mjs [outDir]   (default: dist/)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = resolve(process.argv[2] ?? join(root, 'dist'));

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], {
    stdio: 'inherit',
  });
} catch {
  // tsc has printed why.
  process.exit(1);
}

function withExtension(file, specifier) {
  const target = resolve(dirname(file), specifier);
  if (existsSync(`${target}.js`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.js'))) return `${specifier}/index.js`;
  throw new Error(`${file}: cannot resolve ${specifier}`);
}

const RELATIVE = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*?)(?<!\.js)\2/g;

function rewrite(directory) {
  for (const name of readdirSync(directory)) {
    const file = join(directory, name);
    if (statSync(file).isDirectory()) rewrite(file);
    else if (name.endsWith('.js') || name.endsWith('.d.ts')) {
      const source = readFileSync(file, 'utf8');
      const fixed = source.replace(
        RELATIVE,
        (_, before, quote, specifier) => `${before}${quote}${withExtension(file, specifier)}${quote}`,
      );
      if (fixed !== source) writeFileSync(file, fixed);
    }
  }
}
rewrite(dist);
