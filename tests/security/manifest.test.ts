/**
 * Least privilege, read off the built packages: the extension asks for storage alone,
 * injects nothing into pages, runs nothing in the background, keeps the default CSP, and
 * loads no code from anywhere but its own package. Run after `npm run build:all`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const output = fileURLToPath(new URL('../../.output', import.meta.url));
const TARGETS = ['chrome-mv3', 'firefox-mv3'];

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file));
}

describe.each(TARGETS)('the %s package', (target) => {
  const dir = join(output, target);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: run \`npm run build:all\` before these tests`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const files = builtFiles(dir);

  it('is Manifest V3 with a DevTools page and nothing that runs elsewhere', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.devtools_page).toBe('devtools.html');
    for (const key of [
      'background',
      'content_scripts',
      'web_accessible_resources',
      'externally_connectable',
      'action',
    ]) {
      expect(manifest, key).not.toHaveProperty(key);
    }
  });

  it('asks for storage and nothing else: no host access at all', () => {
    expect(manifest.permissions).toEqual(['storage']);
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions']) {
      expect(manifest, key).not.toHaveProperty(key);
    }
  });

  it('keeps the default content security policy', () => {
    expect(manifest).not.toHaveProperty('content_security_policy');
  });

  it('loads scripts and styles only from its own package', () => {
    for (const page of files.filter((file) => file.endsWith('.html'))) {
      const html = readFileSync(page, 'utf8');
      const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
      expect(sources.length, page).toBeGreaterThan(0);
      for (const source of sources) expect(source, page).toMatch(/^\/[\w./-]+$/);
    }
  });

  it('contains no code that evaluates strings or opens connections', () => {
    for (const script of files.filter((file) => file.endsWith('.js'))) {
      const code = readFileSync(script, 'utf8');
      for (const construct of [
        /(?<![`'"])\bfetch\(/,
        /\beval\(/,
        /new Function\(/,
        /\bimportScripts\(/,
        /\bXMLHttpRequest\b/,
        /\bWebSocket\b/,
        /\bsendBeacon\b/,
        /\bEventSource\b/,
      ]) {
        expect(code, `${script} ${construct}`).not.toMatch(construct);
      }
    }
  });
});

describe('the Firefox package', () => {
  it('declares its gecko id and that it collects no data', () => {
    const manifest = JSON.parse(readFileSync(join(output, 'firefox-mv3', 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: 'paylens@paylens.dev',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('is not declared in the Chrome package, where the key is unknown', () => {
    const manifest = JSON.parse(readFileSync(join(output, 'chrome-mv3', 'manifest.json'), 'utf8'));
    expect(manifest).not.toHaveProperty('browser_specific_settings');
  });
});

describe('the sources', () => {
  it('never hand HTML to the DOM: provider text is rendered as text', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const sources = ['components', 'entrypoints', 'adapters'].flatMap((dir) =>
      builtFiles(join(root, dir)).filter((file) => /\.(tsx?|html)$/.test(file)),
    );
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(
        /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write/,
      );
    }
  });
});
