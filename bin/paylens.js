#!/usr/bin/env node
// CommonJS (bin/package.json), as an ES module entry point loads Node's ESM loader first.
const { loadCli } = require('./load-cli.js');

// A closed pipe (`paylens diagnose x.har | head`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main, processIo, startHarThreads } = loadCli();
// A large HAR is cut into entries in a second thread, which loads the CLI the same way.
main(process.argv.slice(2), processIo(startHarThreads(require.resolve('./load-cli.js')))).then((status) => {
  process.exitCode = status;
});
