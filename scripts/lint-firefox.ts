/**
 * Lints the built Firefox MV3 package with web-ext (Mozilla's addons-linter) and fails on
 * any error, and on any warning that is not justified here and in the README's Security
 * section. Run after `wxt zip -b firefox --mv3`.
 *
 *   npx tsx scripts/lint-firefox.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = `${root}.output/firefox-mv3`;

/** Warnings accepted, by code, with the reason a reviewer would be given. */
const JUSTIFIED: Record<string, string> = {
  UNSAFE_VAR_ASSIGNMENT:
    "Preact's renderer assigns innerHTML to support dangerouslySetInnerHTML, which PayLens never uses (tests/security checks the sources).",
};

interface Message {
  code: string;
  message: string;
  file?: string;
}

if (!existsSync(`${source}/manifest.json`)) {
  console.error(
    'lint-firefox: no Firefox build in .output/firefox-mv3; run `npx wxt zip -b firefox --mv3` first',
  );
  process.exit(2);
}

const webExt = `${root}node_modules/web-ext/bin/web-ext.js`;
let output: string;
try {
  output = execFileSync(
    process.execPath,
    [webExt, 'lint', '--source-dir', source, '--output', 'json', '--no-config-discovery'],
    {
      encoding: 'utf8',
    },
  );
} catch (error) {
  // web-ext exits non-zero when it finds errors; its report is still on stdout.
  output = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(output) as { errors: Message[]; warnings: Message[]; notices: Message[] };
const unjustified = report.warnings.filter((warning) => !(warning.code in JUSTIFIED));
for (const problem of [...report.errors, ...unjustified]) {
  console.error(`lint-firefox: ${problem.code} ${problem.file ?? ''}: ${problem.message}`);
}
const justified = report.warnings.length - unjustified.length;
console.log(
  `lint-firefox: ${report.errors.length} errors, ${unjustified.length} unjustified warnings, ${justified} justified, ${report.notices.length} notices`,
);
if (report.errors.length > 0 || unjustified.length > 0) process.exit(1);
