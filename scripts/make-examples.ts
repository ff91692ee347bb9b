/**
 * Writes the example HAR and the generated HAR fixtures (scripts/example-hars.ts):
 * `npm run make-examples`. tests/scripts/example-hars.test.ts fails when they drift.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleHars } from './example-hars';

const root = fileURLToPath(new URL('..', import.meta.url));

for (const [relative, text] of exampleHars()) {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${relative} (${Buffer.byteLength(text)} bytes)`);
}
