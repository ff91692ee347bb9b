/** Which Chromium the end-to-end tests and the demo drive, and what to do when there is none. */
import { existsSync } from 'node:fs';

/** Debian's binary itself: `/usr/bin/chromium` is a wrapper script that adds flags of its own. */
export const DEBIAN_CHROMIUM = '/usr/lib/chromium/chromium';

/** Set to 1 to skip the end-to-end tests on a machine without Chromium. */
export const SKIP_E2E_VARIABLE = 'PAYLENS_SKIP_E2E';

export const skipE2E = process.env[SKIP_E2E_VARIABLE] === '1';

/** `CHROME_PATH`, else Debian's Chromium; throws saying how to get one. */
export function chromiumPath(): string {
  const fromEnvironment = process.env.CHROME_PATH;
  const path = fromEnvironment || DEBIAN_CHROMIUM;
  if (existsSync(path)) return path;
  throw new Error(
    [
      `Chromium not found at ${path}${fromEnvironment ? ' (from CHROME_PATH)' : ''}.`,
      'The end-to-end tests and the demo drive a real Chromium. Either:',
      '  - install it: apt-get install -y chromium   (Debian; sudo if not root)',
      '  - or point CHROME_PATH at a Chromium or Chrome binary',
      `  - or skip the end-to-end tests: ${SKIP_E2E_VARIABLE}=1 npm test`,
    ].join('\n'),
  );
}
