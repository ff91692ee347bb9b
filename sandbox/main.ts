/**
 * Runs the sandbox until interrupted: `npx tsx sandbox/main.ts [--port 8443] [--http] [--quiet]`.
 * Prints the Chromium flags that send the providers' host names to it.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    http: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}

const sandbox = await startSandbox({
  port,
  https: !values.http,
  ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
});

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
console.log(`PayLens sandbox on 127.0.0.1:${sandbox.port}. Open ${sandbox.url} in a Chromium that maps its hosts here:
  /usr/lib/chromium/chromium --user-data-dir="$(mktemp -d)" ${sandbox.chromiumArgs.map(quote).join(' ')} ${sandbox.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sandbox.close().finally(() => process.exit(0));
  });
}
