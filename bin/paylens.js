#!/usr/bin/env node
// The CLI is TypeScript shared with the extension; tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
// A closed pipe (\`paylens diagnose x.har | head\`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
