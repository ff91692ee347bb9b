/**
 * `npm run bench`: measures the matcher against its parse floor, the session analyzer against
 * the matcher, HAR reading at 100 MB and 1 GB (and 1 GB of failing provider entries, in each
 * format), the panel at 50,000 diagnoses in real Chromium, and the panel's bundle; prints a
 * table and writes bench/results.json. A benchmark, not a test: it asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchAnalyzer } from './analyzer';
import { benchBundle } from './bundle';
import { benchHar } from './har';
import { benchMatcher } from './matcher';
import { benchPanel } from './panel';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => console.error(`bench: ${line}`);

interface Row {
  key: string;
  value: number;
  unit: string;
  target: string;
  met: boolean;
  floor?: string;
}

log('building the extension');
execFileSync(process.execPath, [`${root}node_modules/wxt/bin/wxt.mjs`, 'build'], {
  cwd: root,
  stdio: 'ignore',
});

log('matcher over 200,000 exchanges');
const matcher = benchMatcher();
log('session analyzer over the same traffic');
const analyzer = benchAnalyzer();
log('HAR files');
const har = await benchHar(log);
log('panel with 50,000 diagnoses');
const panel = await benchPanel(log);
const bundle = benchBundle();

const rows: Row[] = [
  {
    key: 'matcherRatio',
    value: matcher.matcherRatio,
    unit: '×',
    target: '≤ 1.3',
    met: matcher.matcherRatio <= 1.3,
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
    target: '< 1000',
    met: matcher.nonProviderNsPerExchange < 1000,
  },
  {
    key: 'analyzerOverheadRatio',
    value: analyzer.analyzerOverheadRatio,
    unit: '×',
    target: '≤ 1.10',
    met: analyzer.analyzerOverheadRatio <= 1.1,
    floor: `the matcher alone: ${analyzer.detail.matcherMs.toFixed(1)} ms`,
  },
  {
    key: 'har100mbSeconds',
    value: har.har100mbSeconds,
    unit: 's',
    target: `≤ 2 × floor (${(2 * har.har100mbParseFloorSeconds).toFixed(2)} s)`,
    met: har.har100mbSeconds <= 2 * har.har100mbParseFloorSeconds,
    floor: `JSON.parse(readFileSync()): ${har.har100mbParseFloorSeconds.toFixed(2)} s`,
  },
  {
    key: 'har100mbParseFloorSeconds',
    value: har.har100mbParseFloorSeconds,
    unit: 's',
    target: '—',
    met: true,
  },
  {
    key: 'har1gbSeconds',
    value: har.har1gbSeconds,
    unit: 's',
    target: '—',
    met: true,
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
  {
    key: 'panelFirstRenderMs',
    value: panel.panelFirstRenderMs,
    unit: 'ms',
    target: '< 300',
    met: panel.panelFirstRenderMs < 300,
  },
  {
    key: 'panelFilterMs',
    value: panel.panelFilterMs,
    unit: 'ms',
    target: '< 100',
    met: panel.panelFilterMs < 100,
  },
  {
    key: 'panelDomRows',
    value: panel.panelDomRows,
    unit: 'rows',
    target: 'a few hundred at most',
    met: panel.panelDomRows <= 300,
  },
  { key: 'panelHeapMb', value: panel.panelHeapMb, unit: 'MB', target: '—', met: true },
  {
    key: 'panelBundleGzipKb',
    value: bundle.panelBundleGzipKb,
    unit: 'KB',
    target: '< 60',
    met: bundle.panelBundleGzipKb < 60,
  },
];

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`;
const results = {
  ...Object.fromEntries(rows.map((row) => [row.key, Number(row.value.toFixed(3))])),
  machine,
  takenAt: new Date().toISOString(),
  detail: {
    matcher: matcher.detail,
    analyzer: analyzer.detail,
    har: har.detail,
    panel: panel.detail,
    bundle: bundle.detail,
  },
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

const format = (value: number) => (value >= 1000 ? Math.round(value).toLocaleString('en') : value.toFixed(2));
console.log(`\nPayLens benchmarks on ${machine}\n`);
console.log('| key | value | target | met | floor |');
console.log('|---|---:|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.key} | ${format(row.value)} ${row.unit} | ${row.target} | ${row.met ? 'yes' : 'NO'} | ${row.floor ?? ''} |`,
  );
}
console.log('\nWritten to bench/results.json');
