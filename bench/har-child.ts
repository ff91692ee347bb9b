/**
 * Runs in a child process so its peak memory is its own: either the CLI's path over a
 * HAR (diagnose, JSON output unless another format is named) or the floor,
 * JSON.parse(readFileSync()). Prints one JSON line. The CLI is the one that ships, the
 * bundle loaded as bin/paylens.js loads it, which bench/run.ts has just built, with its second thread for
 * large files.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as cli from '../cli/main';

const require = createRequire(import.meta.url);
const loader = require.resolve('../bin/load-cli.js');
const { main, startHarThreads }: typeof cli = require(loader).loadCli();

const [mode, file, format = 'json'] = process.argv.slice(2);
if (!file || (mode !== 'cli' && mode !== 'floor'))
  throw new Error('usage: har-child.ts cli|floor <file.har> [text|json|markdown]');

const start = performance.now();
let entries = 0;
if (mode === 'floor') {
  entries = JSON.parse(readFileSync(file, 'utf8')).log.entries.length;
} else {
  // Like a pipe to a file: the output is not kept, only its end, which holds the summary.
  let tail = '';
  const status = await main(['diagnose', file, '--format', format], {
    stdout: (text) => {
      tail = (tail + text).slice(-4096);
    },
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    cutHarInThread: startHarThreads(loader),
  });
  if (status !== 0) throw new Error(`paylens exited ${status}`);
  // Each format's summary counts the entries: `"entries": N`, `in N entries`, `in N requests`.
  const counted = /"entries": (\d+)|in (\d+) (?:entries|requests)/.exec(tail);
  entries = Number(counted?.[1] ?? counted?.[2]);
}
const seconds = (performance.now() - start) / 1000;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ seconds, peakRssMb, entries }));
