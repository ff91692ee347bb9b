#!/usr/bin/env node
// The CLI as the package ships it: one script bundled into dist/ by `npm run build:package`
// (run by `prepare`), with V8's code cache of it, which spares compiling it on every start.
// CommonJS (bin/package.json), as an ES module entry point loads Node's ESM loader first.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

// A closed pipe (\`paylens diagnose x.har | head\`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const file = join(__dirname, '../dist/cli/paylens.js');
let cachedData;
try {
  cachedData = readFileSync(join(__dirname, '../dist/cli/paylens.cache'));
} catch {
  // No cache: V8 compiles the script as it would any other.
}
// V8 rejects a cache built by another version or with other flags, and compiles instead.
const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
const { main, processIo, startHarThreads } = script.runInThisContext()(createRequire(file));
// A large HAR is cut into entries in a second thread, which runs this same script.
main(process.argv.slice(2), processIo(startHarThreads({ file, cachedData }))).then((status) => {
  process.exitCode = status;
});
