/** The panel's JavaScript as the browser loads it: its entry script and preloaded chunks, gzipped. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const build = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));

export function benchBundle() {
  const html = readFileSync(join(build, 'devtools-panel.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
  ].map((match) => match[1] as string);
  if (scripts.length === 0) throw new Error('no scripts found in devtools-panel.html');
  const sizes = Object.fromEntries(
    scripts.map((script) => [
      script,
      gzipSync(readFileSync(join(build, script)), { level: 9 }).length / 1024,
    ]),
  );
  return {
    panelBundleGzipKb: Object.values(sizes).reduce((sum, size) => sum + size, 0),
    detail: { scripts: sizes },
  };
}
