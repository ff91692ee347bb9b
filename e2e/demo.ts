/**
 * `npm run demo`: builds the extension, starts the sandbox and opens Chromium on the demo
 * shop, with DevTools and the PayLens panel shown. Needs a display.
 *
 * `npm run demo -- --screenshot out.png [--theme dark]`: headless instead; fires documented
 * errors of every provider, selects one, and saves the DevTools window as a 1280×800 PNG, the
 * stores' screenshot size.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { providers } from '../lib/providers';
import { SCENARIOS } from '../sandbox/scenarios';
import { buildExtension, buildPackage, chromiumPath, launchPayLens, type PayLensBrowser } from './harness';

/** The size the Chrome Web Store and addons.mozilla.org take screenshots at. */
const STORE_SCREENSHOT = { width: 1280, height: 800 };

/** The row the screenshot shows in detail. */
const SELECTED = { provider: 'payfield', category: 'payment' };

/**
 * One documented error per category of each provider, taking providers in turn, so that
 * every provider and every category shows in the list.
 */
function showcase(): string[] {
  const perProvider = providers.map(({ id }) => {
    const categories = new Set<string>();
    return SCENARIOS.filter((scenario) => {
      if (scenario.provider !== id || !scenario.rule || categories.has(scenario.rule.category)) return false;
      categories.add(scenario.rule.category);
      return true;
    });
  });
  const rounds = Math.max(...perProvider.map((scenarios) => scenarios.length));
  return Array.from({ length: rounds }, (_, round) =>
    perProvider.flatMap((scenarios) => scenarios[round] ?? []),
  )
    .flat()
    .map((scenario) => scenario.id);
}

async function screenshot(session: PayLensBrowser, file: string): Promise<void> {
  const fired = showcase();
  for (const id of fired) await session.click(id);
  await session.waitForDiagnoses(fired.length);
  await session.select(SELECTED);
  await session.devtools.setViewport(STORE_SCREENSHOT);
  // Off the rows, so that none shows its hover colour.
  await session.devtools.mouse.move(0, 0);
  writeFileSync(file, await session.devtools.screenshot());
  console.log(`Wrote ${file}: the DevTools window with ${fired.length} diagnoses, one of them selected.`);
}

async function interactive(session: PayLensBrowser): Promise<void> {
  console.log(
    `PayLens demo: Chromium shows the shop (${session.sandbox.url}) with DevTools and the PayLens panel.\n` +
      'Click the shop’s buttons to fire errors. Close the window or press Ctrl-C to stop.',
  );
  await new Promise<void>((resolve) => {
    session.browser.once('disconnected', resolve);
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { screenshot: { type: 'string' }, theme: { type: 'string', default: 'light' } },
  });
  const theme = values.theme;
  if (theme !== 'light' && theme !== 'dark') {
    console.error(`--theme is light or dark, not "${theme}".`);
    return 2;
  }
  if (!values.screenshot && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error(
      'npm run demo opens a Chromium window, and there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set).\n' +
        'Run it on a desktop or under xvfb-run, or take a screenshot headless instead:\n' +
        '  npm run demo -- --screenshot out.png [--theme dark]',
    );
    return 1;
  }
  chromiumPath(); // Before a build that would be wasted.
  buildExtension();
  buildPackage();
  const session = await launchPayLens({
    headless: Boolean(values.screenshot),
    theme,
    backend: true,
    // Headless, DevTools fills the picture; in a window, it sits below the shop.
    dock: values.screenshot ? 'undocked' : 'bottom',
  });
  try {
    await session.openShop();
    await session.showPanel();
    if (values.screenshot) await screenshot(session, values.screenshot);
    else await interactive(session);
  } finally {
    await session.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
