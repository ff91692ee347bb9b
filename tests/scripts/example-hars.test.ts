/**
 * The committed example HAR and generated fixtures are what scripts/example-hars.ts makes,
 * byte for byte: edit the generator and run `npm run make-examples`, never the files.
 * Hand-written fixtures beside them are not the generator's and are not compared.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleHars } from '../../scripts/example-hars';

const ROOT = new URL('../../', import.meta.url);

describe('npm run make-examples', () => {
  const generated = [...exampleHars()];

  it('writes the example session and the HAR fixtures', () => {
    expect(generated.map(([path]) => path)).toContain('examples/checkout-session.har');
    expect(generated.filter(([path]) => path.startsWith('tests/fixtures/har/')).length).toBeGreaterThan(5);
  });

  it.each(generated)('%s is committed as generated', (path, text) => {
    const committed = readFileSync(fileURLToPath(new URL(path, ROOT)));
    // Buffers, so that a changed byte is found whatever the encoding, and the diff stays short.
    expect(committed.equals(Buffer.from(text)), `${path} differs: run npm run make-examples`).toBe(true);
  });
});
