/**
 * `npm run bench`: measures the matcher (with the session analyzer) against its parse floor,
 * the session analyzer against the matcher, HAR reading at 100 MB and 1 GB (and 1 GB of
 * failing provider entries, in each format) beside `jq` and Python on the same file, the
 * panel at 50,000 and 200,000 diagnoses in real Chromium, the panel's bundle, and the CLI's
 * cold start on a one-entry HAR beside `node -e ''`; prints a table and writes
 * bench/results.json. A benchmark, not a test: it asserts nothing.
 *
 * `npm run bench -- --only matcher,har` runs some parts only (matcher, analyzer, har, panel,
 * bundle, cli); results.json then holds their keys alone.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchAnalyzer } from './analyzer';
import { benchBundle } from './bundle';
import { benchCli } from './cli';
import { benchHar } from './har';
import { benchMatcher } from './matcher';
import { benchPanel } from './panel';
import type { PeerResult } from './peers';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => console.error(`bench: ${line}`);

const PARTS = ['matcher', 'analyzer', 'har', 'panel', 'bundle', 'cli'] as const;
type Part = (typeof PARTS)[number];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? PARTS : (process.argv[onlyAt + 1] ?? '').split(',');
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0 || only.length === 0)
  throw new Error(`--only takes a comma-separated list of ${PARTS.join(', ')}; not ${unknown.join(', ')}`);
const runs = (part: Part) => only.includes(part);

interface Row {
  key: string;
  /** Null when it could not be measured here (a peer not installed). */
  value: number | null;
  unit: string;
  target: string;
  met: boolean;
  floor?: string;
}

if (runs('panel') || runs('bundle')) {
  log('building the extension');
  execFileSync(process.execPath, [`${root}node_modules/wxt/bin/wxt.mjs`, 'build'], {
    cwd: root,
    stdio: 'ignore',
  });
}

if (runs('har') || runs('cli')) {
  // Both time the CLI as it ships: the bundle `npm run build:package` makes of the sources.
  log('building the package');
  execFileSync(process.execPath, [`${root}scripts/build-package.mjs`], { stdio: 'ignore' });
}

const rows: Row[] = [];
const detail: Record<string, unknown> = {};

if (runs('matcher')) {
  log('matcher with the session analyzer over 200,000 exchanges');
  const matcher = benchMatcher();
  detail.matcher = matcher.detail;
  rows.push(
    {
      key: 'matcherRatio',
      value: matcher.matcherRatio,
      unit: '×',
      target: '≤ 1.15',
      met: matcher.matcherRatio <= 1.15,
      floor: `JSON.parse of the provider bodies: ${matcher.detail.floorMs.toFixed(1)} ms`,
    },
    {
      key: 'matcherExchangesPerSec',
      value: matcher.matcherExchangesPerSec,
      unit: '/s',
      target: '—',
      met: true,
    },
    {
      key: 'nonProviderNsPerExchange',
      value: matcher.nonProviderNsPerExchange,
      unit: 'ns',
      target: '≤ 60',
      met: matcher.nonProviderNsPerExchange <= 60,
      floor: `reading a byte of each page request's URL: ${matcher.detail.pageUrlReadNs.toFixed(1)} ns`,
    },
  );
}

if (runs('analyzer')) {
  log('session analyzer over the same traffic');
  const analyzer = benchAnalyzer();
  detail.analyzer = analyzer.detail;
  rows.push({
    key: 'analyzerOverheadRatio',
    value: analyzer.analyzerOverheadRatio,
    unit: '×',
    target: '≤ 1.10',
    met: analyzer.analyzerOverheadRatio <= 1.1,
    floor: `the matcher alone: ${analyzer.detail.matcherMs.toFixed(1)} ms`,
  });
}

/** A peer's seconds, or why it was not run. */
const peerFloor = (name: string, peer: PeerResult) =>
  'skipped' in peer
    ? `${name}: skipped, ${peer.skipped}`
    : `${name}: ${peer.seconds.toFixed(2)} s, ${peer.peakRssMb === null ? '?' : peer.peakRssMb.toFixed(0)} MB`;

if (runs('har')) {
  log('HAR files');
  const har = await benchHar(log);
  const { jq, python } = har.peers;
  detail.har = { ...har.detail, peers: har.peers };
  rows.push(
    {
      key: 'har100mbSeconds',
      value: har.har100mbSeconds,
      unit: 's',
      target: `≤ 0.5 × floor (${(0.5 * har.har100mbParseFloorSeconds).toFixed(2)} s)`,
      met: har.har100mbSeconds <= 0.5 * har.har100mbParseFloorSeconds,
      floor: `JSON.parse(readFileSync()): ${har.har100mbParseFloorSeconds.toFixed(2)} s`,
    },
    {
      key: 'har100mbParseFloorSeconds',
      value: har.har100mbParseFloorSeconds,
      unit: 's',
      target: '—',
      met: true,
    },
  );
  // A missing peer has no ratio: the key is written as null, the note says why.
  if ('skipped' in jq)
    rows.push({
      key: 'harVsJq',
      value: null,
      unit: '×',
      target: '≤ 0.3',
      met: false,
      floor: peerFloor('jq', jq),
    });
  else
    rows.push({
      key: 'harVsJq',
      value: har.har100mbSeconds / jq.seconds,
      unit: '×',
      target: '≤ 0.3',
      met: har.har100mbSeconds / jq.seconds <= 0.3,
      floor: peerFloor('jq', jq),
    });
  rows.push({
    key: 'harVsPython',
    value: 'skipped' in python ? null : har.har100mbSeconds / python.seconds,
    unit: '×',
    target: '—',
    met: true,
    floor: peerFloor("Python's json.load", python),
  });
  rows.push(
    {
      key: 'har1gbSeconds',
      value: har.har1gbSeconds,
      unit: 's',
      target: '≤ 2',
      met: har.har1gbSeconds <= 2,
      floor: 'JSON.parse cannot read 1 GB at all',
    },
    {
      key: 'har1gbPeakRssMb',
      value: har.har1gbPeakRssMb,
      unit: 'MB',
      target: '< 200',
      met: har.har1gbPeakRssMb < 200,
    },
    {
      key: 'har1gbAllFailingSeconds',
      value: har.har1gbAllFailingSeconds,
      unit: 's',
      target: '—',
      met: true,
      floor: 'the slowest of text, JSON and Markdown',
    },
    {
      key: 'har1gbAllFailingPeakRssMb',
      value: har.har1gbAllFailingPeakRssMb,
      unit: 'MB',
      target: '< 300',
      met: har.har1gbAllFailingPeakRssMb < 300,
      floor: 'the largest of text, JSON and Markdown',
    },
  );
}

/** The same three figures at each size: the first render, a filter, the heap. */
function panelRows(
  prefix: 'panel' | 'panel200k',
  figures: { panelFirstRenderMs: number; panelFilterMs: number; panelHeapMb: number },
): Row[] {
  return [
    {
      key: `${prefix}FirstRenderMs`,
      value: figures.panelFirstRenderMs,
      unit: 'ms',
      target: '< 300',
      met: figures.panelFirstRenderMs < 300,
    },
    {
      key: `${prefix}FilterMs`,
      value: figures.panelFilterMs,
      unit: 'ms',
      target: '< 100',
      met: figures.panelFilterMs < 100,
    },
    { key: `${prefix}HeapMb`, value: figures.panelHeapMb, unit: 'MB', target: '—', met: true },
  ];
}

if (runs('panel')) {
  log('panel with 50,000 diagnoses');
  const panel = await benchPanel(log, 50_000);
  log('panel with 200,000 diagnoses');
  const panel200k = await benchPanel(log, 200_000);
  detail.panel = { at50k: panel.detail, at200k: panel200k.detail };
  rows.push(...panelRows('panel', panel), ...panelRows('panel200k', panel200k));
  rows.push({
    key: 'panelDomRows',
    value: panel.panelDomRows,
    unit: 'rows',
    target: 'a few hundred at most',
    met: panel.panelDomRows <= 300,
  });
  rows.push({
    key: 'overviewDrawMs',
    value: panel.overviewDrawMs,
    unit: 'ms',
    target: '< 50',
    met: panel.overviewDrawMs < 50,
  });
}

if (runs('bundle')) {
  const bundle = benchBundle();
  detail.bundle = bundle.detail;
  rows.push({
    key: 'panelBundleGzipKb',
    value: bundle.panelBundleGzipKb,
    unit: 'KB',
    target: '< 60',
    met: bundle.panelBundleGzipKb < 60,
  });
}

if (runs('cli')) {
  log('CLI cold start');
  const cli = benchCli();
  detail.cli = cli.detail;
  rows.push({
    key: 'cliColdStartMs',
    value: cli.cliColdStartMs,
    unit: 'ms',
    target: '≤ 120',
    met: cli.cliColdStartMs <= 120,
    floor: `node -e '': ${cli.nodeStartMs.toFixed(1)} ms`,
  });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`;
const results = {
  ...Object.fromEntries(
    rows.map((row) => [row.key, row.value === null ? null : Number(row.value.toFixed(3))]),
  ),
  machine,
  takenAt: new Date().toISOString(),
  // Other jobs on the machine move every figure: the load at the end tells how busy it was.
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  ...(only === PARTS ? {} : { only }),
  detail,
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

const format = (value: number | null) =>
  value === null ? 'n/a' : value >= 1000 ? Math.round(value).toLocaleString('en') : value.toFixed(2);
console.log(`\nPayLens benchmarks on ${machine}\n`);
console.log('| key | value | target | met | floor |');
console.log('|---|---:|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.key} | ${format(row.value)} ${row.unit} | ${row.target} | ${row.met ? 'yes' : 'NO'} | ${row.floor ?? ''} |`,
  );
}
console.log('\nWritten to bench/results.json');
