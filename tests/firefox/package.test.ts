/**
 * The Firefox MV3 package loads in a real Firefox: installed into a fresh profile, it is
 * active and not disabled by the application (which is what a manifest Firefox rejects
 * gets). Unsigned add-ons are accepted because ESR lets a profile turn signing off.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SKIP_E2E_VARIABLE } from '../../e2e/chromium';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON_ID = 'paylens@paylens.dev';
const output = fileURLToPath(new URL('../../.output', import.meta.url));

interface AddonState {
  id: string;
  active: boolean;
  appDisabled: boolean;
  userDisabled: boolean;
  manifestVersion: number;
}

function packagePath(): string {
  const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  const zip = join(output, `paylens-${version}-firefox.zip`);
  if (!existsSync(zip)) throw new Error(`${zip} is missing: run \`npm run build:all\` first`);
  return zip;
}

/**
 * The add-on's state as Firefox records it in extensions.json, once it is active or the
 * time is up: Firefox writes the file several times while it starts.
 */
async function addonState(profile: string, timeoutMs: number): Promise<AddonState | undefined> {
  const file = join(profile, 'extensions.json');
  const deadline = Date.now() + timeoutMs;
  let last: AddonState | undefined;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try {
        const { addons } = JSON.parse(readFileSync(file, 'utf8')) as { addons: AddonState[] };
        last = addons.find(({ id }) => id === ADDON_ID) ?? last;
        if (last?.active) return last;
      } catch {
        // Firefox is still writing it.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return last;
}

describe('the Firefox package', () => {
  const profile = mkdtempSync(join(tmpdir(), 'paylens-firefox-'));
  let firefox: ChildProcess | undefined;

  afterAll(() => {
    firefox?.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  });

  it('installs and stays enabled in Firefox', { timeout: 60_000 }, async () => {
    if (!existsSync(FIREFOX)) {
      throw new Error(
        `Firefox is not at ${FIREFOX}: install it (apt-get install -y firefox-esr), set FIREFOX_PATH, or set ${SKIP_E2E_VARIABLE}=1 to skip the browser tests`,
      );
    }
    mkdirSync(join(profile, 'extensions'));
    copyFileSync(packagePath(), join(profile, 'extensions', `${ADDON_ID}.xpi`));
    writeFileSync(
      join(profile, 'user.js'),
      [
        'user_pref("xpinstall.signatures.required", false);',
        // Add-ons placed in the profile are enabled without asking.
        'user_pref("extensions.autoDisableScopes", 0);',
        'user_pref("extensions.enabledScopes", 15);',
        'user_pref("app.update.enabled", false);',
      ].join('\n'),
    );
    firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, 'about:blank'], {
      env: { ...process.env, MOZ_HEADLESS: '1' },
      stdio: 'ignore',
    });
    const addon = await addonState(profile, 45_000);
    expect(addon).toMatchObject({
      id: ADDON_ID,
      active: true,
      appDisabled: false,
      userDisabled: false,
      manifestVersion: 3,
    });
  });
});
