/**
 * Prints, per provider, how many rows of each seed table the catalog reproduces word for word
 * through diagnose(): the coverage tables of the README. Rows it misses go to stderr and make
 * the exit code 1.
 *
 *   npx tsx scripts/coverage-table.ts
 */
import { providerById } from '../lib/providers';
import { rowProblems, SEED_IDS, seedRows } from '../tests/seeds/rows';

const cell = (text: string): string => text.replaceAll('|', '\\|');

const out: string[] = [];
let missed = 0;
for (const id of SEED_IDS) {
  const tables = new Map<string, { documented: number; covered: number }>();
  for (const row of seedRows(id)) {
    const counts = tables.get(row.table) ?? { documented: 0, covered: 0 };
    tables.set(row.table, counts);
    counts.documented++;
    const problems = rowProblems(row);
    if (problems.length === 0) counts.covered++;
    else {
      missed++;
      console.error(`${id} › ${row.table} › ${row.key}\n  ${problems.join('\n  ')}`);
    }
  }
  const totals = [...tables.values()].reduce(
    (sum, counts) => ({
      documented: sum.documented + counts.documented,
      covered: sum.covered + counts.covered,
    }),
    { documented: 0, covered: 0 },
  );
  out.push(
    `### ${providerById(id)?.name ?? id} (\`${id}\`)`,
    '',
    '| table | documented rows | covered |',
    '|---|---:|---:|',
    ...[...tables].map(([table, counts]) => `| ${cell(table)} | ${counts.documented} | ${counts.covered} |`),
    `| **total** | **${totals.documented}** | **${totals.covered}** |`,
    '',
  );
}
console.log(out.join('\n').trimEnd());
if (missed > 0) process.exitCode = 1;
