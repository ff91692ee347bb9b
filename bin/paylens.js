#!/usr/bin/env node
// The CLI as the package ships it: one script bundled into dist/ by `npm run build:package`
// (run by `prepare`), with V8's code cache of it, which spares compiling it on every start.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

// A closed pipe (\`paylens diagnose x.har | head\`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const file = fileURLToPath(new URL('../dist/cli/paylens.js', import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(new URL('../dist/cli/paylens.cache', import.meta.url));
} catch {
  // No cache: V8 compiles the script as it would any other.
}
// V8 rejects a cache built by another version or with other flags, and compiles instead.
const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
const { main } = script.runInThisContext()(createRequire(file));
process.exitCode = await main(process.argv.slice(2));
