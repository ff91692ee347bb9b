#!/usr/bin/env node
// The CLI as the package ships it: one file bundled into dist/ by `npm run build:package`
// (run by `prepare`).
// A closed pipe (\`paylens diagnose x.har | head\`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../dist/cli/paylens.js');
process.exitCode = await main(process.argv.slice(2));
