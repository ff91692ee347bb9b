/**
 * HAR files of 100 MB and 1 GB, read by the CLI's path, against JSON.parse(readFileSync());
 * then a 1 GB HAR in which every provider entry fails, in each format, whose memory must
 * not grow with its tens of thousands of diagnoses.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHar } from './har-file';
import { benchPeers } from './peers';

const MB = 1024 * 1024;
const child = fileURLToPath(new URL('./har-child.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

interface ChildResult {
  seconds: number;
  peakRssMb: number;
  entries: number;
}

function runChild(mode: 'cli' | 'floor', file: string, format = 'json'): ChildResult {
  const output = execFileSync(process.execPath, [tsx, child, mode, file, format], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '');
}

export async function benchHar(log: (line: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'paylens-bench-'));
  try {
    const small = join(dir, '100mb.har');
    const large = join(dir, '1gb.har');
    log('writing a 100 MB HAR');
    await writeHar(small, 100 * MB);
    const floor = runChild('floor', small);
    const cli = runChild('cli', small);
    if (cli.entries !== floor.entries)
      throw new Error(`read ${cli.entries} entries, JSON.parse ${floor.entries}`);
    const peers = benchPeers(small, log);
    log('writing a 1 GB HAR');
    await writeHar(large, 1024 * MB);
    const huge = runChild('cli', large);
    rmSync(large);
    log('writing a 1 GB HAR in which every provider entry fails');
    await writeHar(large, 1024 * MB, { providersFail: true });
    const failing = (['text', 'json', 'markdown'] as const).map((format) => {
      log(`reading it as ${format}`);
      return { format, ...runChild('cli', large, format) };
    });
    return {
      har100mbSeconds: cli.seconds,
      har100mbParseFloorSeconds: floor.seconds,
      peers,
      har1gbSeconds: huge.seconds,
      har1gbPeakRssMb: huge.peakRssMb,
      // The worst of the three formats: each must stay under the bound.
      har1gbAllFailingPeakRssMb: Math.max(...failing.map((run) => run.peakRssMb)),
      har1gbAllFailingSeconds: Math.max(...failing.map((run) => run.seconds)),
      detail: {
        har100mbEntries: cli.entries,
        har100mbPeakRssMb: cli.peakRssMb,
        har1gbEntries: huge.entries,
        har1gbAllFailing: failing,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
