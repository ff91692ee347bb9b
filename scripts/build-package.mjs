// Builds the npm package: tsc emits ESM and declarations to dist/, then relative imports
// get the `.js` (or `/index.js`) that Node's ESM loader and `moduleResolution: nodenext`
// require; the sources leave them out for the extension's bundler. The CLI is then bundled
// into the one file dist/cli/paylens.js that bin/paylens.js runs, with V8's code cache of it:
// resolving, loading and compiling some sixty small modules was most of its start.
//   node scripts/build-package.mjs [outDir]   (default: dist/)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
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

// The CLI in one script, from tsc's output so it is the code tsc checked; the streaming
// JSON parser goes in too, nine more modules otherwise. yauzl stays a require, resolved from
// the installed package's node_modules, as only a zip loads it; explain and providers stay
// lazy: evaluated only by the run that needs them. A script rather than a module so that V8
// can take its compiled code from a cache (Node 20's ESM loader has none): the file is a
// function expression of `require` returning the CLI's exports, which bin/paylens.js runs
// with node:vm, handing the cache below to V8.
const cli = join(dist, 'cli');
const bundled = await build({
  entryPoints: [join(cli, 'main.js')],
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.12',
  // import() of yauzl and zlib as a require: a vm script has no module loader of its own.
  supported: { 'dynamic-import': false },
  external: ['yauzl'],
  // Folds constants (a byte such as QUOTE) into the code that compares with them, across
  // modules: V8 would read each from the script's scope in the HAR scanners' inner loops.
  // Names and layout stay, so stack traces still read.
  minifySyntax: true,
  // dist/ may be built outside the repository (the pack test does): its packages are here.
  nodePaths: [join(root, 'node_modules')],
  logLevel: 'warning',
});
const script = `(function (require) {
var module = { exports: {} }, exports = module.exports;
${bundled.outputFiles[0].text}
return module.exports;
})`;
// The modules it was bundled from would only be a second copy of the CLI in the package.
rmSync(cli, { recursive: true });
mkdirSync(cli);
const file = join(cli, 'paylens.js');
writeFileSync(file, script);

// V8's code cache of the script, taken after diagnosing the example HAR in each format so
// that the functions a diagnosis runs are in it compiled, not only the top level. V8 checks
// it against its version, its flags and the source, and compiles as usual when it does not
// fit (another Node version than the one that built the package): slower, never wrong.
const compiled = new Script(script, { filename: file });
const { main } = compiled.runInThisContext()(createRequire(file));
const quiet = { stdout: () => {}, stderr: () => {}, stdin: [] };
for (const format of ['text', 'json', 'markdown']) {
  const status = await main(
    ['diagnose', join(root, 'examples/checkout-session.har'), '--format', format],
    quiet,
  );
  if (status !== 0) throw new Error(`the bundled CLI exited ${status} on the example HAR`);
}
writeFileSync(join(cli, 'paylens.cache'), compiled.createCachedData());
