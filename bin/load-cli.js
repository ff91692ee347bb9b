// Loads the CLI as the package ships it: one script bundled into dist/ by
// `npm run build:package` (run by `prepare`), with V8's code cache of it, which spares
// compiling it on every start. Both bin/paylens.js and the thread that cuts a large HAR
// load it through here.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, '../dist/cli/paylens.js');

/** The bundled CLI's exports. */
exports.loadCli = function loadCli() {
  let cachedData;
  try {
    cachedData = readFileSync(join(__dirname, '../dist/cli/paylens.cache'));
  } catch {
    // No cache: V8 compiles the script as it would any other.
  }
  // V8 rejects a cache built by another version or with other flags, and compiles instead.
  const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
  return script.runInThisContext()(createRequire(file));
};
