// Builds the npm package: tsc emits ESM and declarations to dist/, then relative imports
// get the `.js` (or `/index.js`) that Node's ESM loader and `moduleResolution: nodenext`
// require; the sources leave them out for the extension's bundler. The CLI is then bundled
// into the one file dist/cli/paylens.js that bin/paylens.js runs: resolving and loading some
// sixty small modules was a large share of its start.
//   node scripts/build-package.mjs [outDir]   (default: dist/)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

// The CLI in one ESM file, from tsc's output so it is the code tsc checked; the streaming
// JSON parser goes in too, nine more modules otherwise. yauzl stays an import, resolved from
// the installed package's node_modules, as only a zip loads it; the other lazy imports
// (explain, providers) stay lazy: evaluated only by the run that needs them.
const cli = join(dist, 'cli');
await build({
  entryPoints: [join(cli, 'main.js')],
  outfile: join(cli, 'paylens.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  external: ['yauzl'],
  logLevel: 'warning',
});
// The modules it was bundled from would only be a second copy of the CLI in the package.
for (const name of readdirSync(cli)) if (name !== 'paylens.js') rmSync(join(cli, name));
