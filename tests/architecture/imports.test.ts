/**
 * Arrows point one way: lib ← panel (the browser-free panel core) ← adapters, components ←
 * entrypoints. lib and panel touch no browser API, only adapters do, and components receive
 * the ports by injection.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Which top-level folders each layer may import from. */
const ALLOWED: Record<string, readonly string[]> = {
  lib: ['lib'],
  panel: ['lib', 'panel'],
  adapters: ['lib', 'panel', 'adapters'],
  components: ['lib', 'panel', 'components'],
  entrypoints: ['lib', 'panel', 'adapters', 'components', 'entrypoints'],
  // The backend side of the package: the library and nothing of the extension.
  node: ['lib', 'node'],
};

function sources(layer: string): string[] {
  return readdirSync(join(ROOT, layer), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => join(layer, file));
}

/** The top-level folder of each relative import of a file. */
function importedLayers(file: string): Array<{ specifier: string; layer: string }> {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    ([, specifier = '']) => ({
      specifier,
      layer: relative(ROOT, join(ROOT, dirname(file), specifier)).split('/')[0] ?? '',
    }),
  );
}

describe.each(Object.keys(ALLOWED))('%s/', (layer) => {
  const allowed = ALLOWED[layer] ?? [];

  it.each(sources(layer))('%s imports only from its own layer and the ones below', (file) => {
    const wrong = importedLayers(file).filter(({ layer: target }) => !allowed.includes(target));
    expect(wrong.map(({ specifier }) => specifier)).toEqual([]);
  });
});

describe.each(['lib', 'panel', 'components'])('%s/', (layer) => {
  it.each(sources(layer))('%s touches no browser extension API', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    expect(source).not.toMatch(/\b(?:chrome|browser)\.\w|webextension-polyfill/);
  });
});
