/**
 * The CLI's cold start: `node bin/paylens.js diagnose` on a HAR of one failing provider
 * entry, wall-clock from spawn to exit, beside `node -e ''` timed the same way: the floor,
 * as no Node program starts faster. bench/run.ts builds the package first, so the bin runs
 * what `npm run build:package` makes of the sources as they are.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 10;

interface HarEntry {
  response: { status: number };
}

/** The example HAR cut down to its first failing entry: a Kiotapay 401. */
function oneEntryHar(): string {
  const har = JSON.parse(readFileSync(join(root, 'examples/checkout-session.har'), 'utf8')) as {
    log: { entries: HarEntry[]; pages?: unknown[] };
  };
  const failing = har.log.entries.find((entry) => entry.response.status >= 400);
  if (!failing) throw new Error('the example HAR has no failing entry');
  const { pages: _, ...log } = har.log;
  return JSON.stringify({ log: { ...log, entries: [failing] } });
}

/** Milliseconds from spawn to exit; output to /dev/null, as the cost of a terminal is not ours. */
function timed(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const { status, stderr } = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (status !== 0) throw new Error(`node ${args.join(' ')} exited ${status}: ${stderr}`);
  return ms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle)
    ? ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
    : (sorted[Math.floor(middle)] as number);
}

/** Times `bin/paylens.js`, as `npm run build:package` last built it. */
export function benchCli() {
  const dir = mkdtempSync(join(tmpdir(), 'paylens-bench-cli-'));
  try {
    const har = join(dir, 'one.har');
    writeFileSync(har, oneEntryHar());
    const bin = join(root, 'bin/paylens.js');
    const cli = [bin, 'diagnose', har];
    const floor = ['-e', ''];
    // What it times must be a diagnosis, not a refusal that exits early.
    const output = execFileSync(process.execPath, cli, { encoding: 'utf8' });
    if (!output.trimEnd().endsWith('1 diagnosis in 1 entry (kiotapay 1).'))
      throw new Error(`the one-entry HAR was not diagnosed:\n${output}`);
    // That run and one of the floor go unrecorded, so both read their files from the page
    // cache; then the two alternate, so the machine's other jobs weigh on both alike.
    timed(floor);
    const cliMs: number[] = [];
    const floorMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      cliMs.push(timed(cli));
      floorMs.push(timed(floor));
    }
    return {
      cliColdStartMs: median(cliMs),
      nodeStartMs: median(floorMs),
      detail: { runs: RUNS, cliMs, nodeStartMs: floorMs },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
