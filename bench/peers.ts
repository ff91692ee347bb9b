/**
 * The tools a user would pick instead, on the same HAR file in the same run: `jq` selecting
 * the provider errors, and Python's `json.load` doing the same selection. Each is found on
 * the PATH at run time and skipped with a note when missing; nothing is downloaded.
 * Peak memory comes from `/usr/bin/time` when it is there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { providers } from '../lib/providers';

export interface PeerRun {
  seconds: number;
  peakRssMb: number | null;
  /** Provider errors the peer selected, to check it did the same work as PayLens. */
  selected: number;
}

export type PeerResult = PeerRun | { skipped: string };

const hosts = providers.flatMap((provider) => provider.hosts);

/**
 * Entries whose request URL's host (user info and port left out, any case) is a provider
 * host and whose response status is 400 or more: what `paylens diagnose` reports, short
 * of 2xx failures inside a body.
 */
export const JQ_FILTER =
  '[.log.entries[] | select(.response.status >= 400)' +
  ' | select((.request.url | capture("^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*@)?(?<host>[^/?#:]*)").host' +
  ' | ascii_downcase) as $h | any($hosts[]; . == $h))] | length';

const PYTHON_SELECTION = `
import json, sys, urllib.parse
hosts = set(json.loads(sys.argv[2]))
with open(sys.argv[1], encoding='utf-8') as f:
    har = json.load(f)
print(sum(1 for e in har['log']['entries']
          if e['response']['status'] >= 400
          and (urllib.parse.urlsplit(e['request']['url']).hostname or '') in hosts))
`;

function onPath(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs the command, timed by the wall clock, with its peak memory when `/usr/bin/time` can tell. */
function timed(command: string, args: string[]): PeerRun {
  const measureMemory = existsSync('/usr/bin/time');
  const start = performance.now();
  const result = measureMemory
    ? spawnSync('/usr/bin/time', ['-f', 'peak-kb %M', command, ...args], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.trim().slice(-500)}`);
  const peakKb = /peak-kb (\d+)/.exec(result.stderr)?.[1];
  return {
    seconds,
    peakRssMb: peakKb === undefined ? null : Number(peakKb) / 1024,
    selected: Number(result.stdout.trim()),
  };
}

export function benchPeers(har: string, log: (line: string) => void): { jq: PeerResult; python: PeerResult } {
  const hostList = JSON.stringify(hosts);
  let jq: PeerResult = { skipped: 'jq is not installed (apt-get install jq)' };
  if (onPath('jq')) {
    log('jq selecting the provider errors of the 100 MB HAR');
    jq = timed('jq', ['--argjson', 'hosts', hostList, JQ_FILTER, har]);
  } else log(`skipped: ${jq.skipped}`);
  let python: PeerResult = { skipped: 'python3 is not installed' };
  if (onPath('python3')) {
    log("Python's json.load on the 100 MB HAR");
    python = timed('python3', ['-c', PYTHON_SELECTION, har, hostList]);
  } else log(`skipped: ${python.skipped}`);
  return { jq, python };
}
