/**
 * Drives PayLens in a real Chromium: the built extension loaded, every provider's host
 * mapped to the sandbox, DevTools open on the demo shop. The end-to-end tests and
 * `npm run demo` both use it. How and why: ../shared/e2e-recipe.md.
 *
 * Functions run in the browser (evaluate, waitForFunction) declare no named inner
 * functions: tsx, which runs the demo, wraps those in a `__name()` helper the page lacks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { HOSTED_FIELDS_HOST } from '../sandbox/shop/pages';
import { chromiumPath } from './chromium';
import { EXTENSION_DIR } from './extension';

export { chromiumPath } from './chromium';
export { buildExtension, buildPackage } from './extension';

export type Theme = 'light' | 'dark';
/** `undocked`: DevTools fills its own window; `bottom`: below the shop. */
export type Dock = 'undocked' | 'bottom';

export interface LaunchOptions {
  /** Default true. A window needs a display. */
  headless?: boolean;
  theme?: Theme;
  /** Default `undocked`. */
  dock?: Dock;
  /** Where Chromium writes its net log: every request it sends, with the origin that made it. */
  netLogFile?: string;
  /** Also run the shop's backend, with the PayLens hook, for its server-side checkout. */
  backend?: boolean;
}

/** What a row of the panel's timeline says, from its data- attributes. */
export interface Row {
  provider: string;
  code: string;
  category: string;
  status: string;
}

const WINDOW_SIZE = '1400,900';
const TIMEOUT_MS = 20_000;
/** The DevTools front end's module that holds its panels' tabs. */
const DEVTOOLS_LEGACY_MODULE = 'devtools://devtools/bundled/ui/legacy/legacy.js';
const EXTENSION_DEVTOOLS_PAGE = /^chrome-extension:\/\/([a-p]{32})\/devtools\.html/;

const ROW = '[data-testid="diagnosis-row"]';
const DETAILS = '[data-testid="details-pane"]';
const LIVE_COUNT = '[data-testid="live-count"]';

/** A selector for the rows that match every given attribute. */
function rowSelector(match: Partial<Row>): string {
  return (
    ROW +
    Object.entries(match)
      .map(([name, value]) => `[data-${name}="${value}"]`)
      .join('')
  );
}

/** DevTools reads its preferences from the profile, each value JSON-encoded once more. */
function seedDevtoolsPreferences(profile: string, theme: Theme, dock: Dock): void {
  const preferences = {
    currentDockState: JSON.stringify(dock),
    'ui-theme': JSON.stringify(theme === 'dark' ? 'dark' : 'default'),
  };
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ devtools: { preferences } }));
}

/** Starts the sandbox and Chromium; resolves once DevTools is open and PayLens is capturing. */
export async function launchPayLens(options: LaunchOptions = {}): Promise<PayLensBrowser> {
  const executablePath = chromiumPath();
  const sandbox = await startSandbox({ port: 0, https: true, backend: options.backend ?? false });
  const profile = mkdtempSync(join(tmpdir(), 'paylens-e2e-'));
  seedDevtoolsPreferences(profile, options.theme ?? 'light', options.dock ?? 'undocked');
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: options.headless ?? true,
      userDataDir: profile,
      ignoreDefaultArgs: ['--disable-extensions'],
      defaultViewport: null,
      // Puppeteer would exit on these at once; the demo closes the session itself, profile included.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        `--load-extension=${EXTENSION_DIR}`,
        `--disable-extensions-except=${EXTENSION_DIR}`,
        '--auto-open-devtools-for-tabs',
        `--window-size=${WINDOW_SIZE}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        // Without these Chromium keeps calling Google's services on a network it cannot reach.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(options.netLogFile ? [`--log-net-log=${options.netLogFile}`] : []),
        ...sandbox.chromiumArgs,
      ],
    });
    const [extensionTarget, devtoolsTarget] = await Promise.all([
      browser.waitForTarget((target) => EXTENSION_DEVTOOLS_PAGE.test(target.url()), { timeout: TIMEOUT_MS }),
      browser.waitForTarget(
        (target) => target.url().startsWith('devtools://devtools/bundled/devtools_app.html'),
        { timeout: TIMEOUT_MS },
      ),
    ]);
    const extensionId = EXTENSION_DEVTOOLS_PAGE.exec(extensionTarget.url())?.[1] ?? '';
    const devtools = await devtoolsTarget.asPage();
    // The one tab, which DevTools inspects; DevTools itself is not among the pages.
    const [shop] = await browser.pages();
    if (!shop) throw new Error('Chromium opened no tab');
    // The shop reads back what the panel copies.
    await browser
      .defaultBrowserContext()
      .overridePermissions(new URL(sandbox.url).origin, ['clipboard-read', 'clipboard-sanitized-write']);
    const session = new PayLensBrowser(browser, sandbox, shop, devtools, extensionId, profile);
    await session.waitForPanelCreated();
    return session;
  } catch (error) {
    // Report why the launch failed, not why the cleanup did.
    await browser?.close().catch(() => undefined);
    await sandbox.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

export class PayLensBrowser {
  #panel: Frame | undefined;

  constructor(
    readonly browser: Browser,
    readonly sandbox: Sandbox,
    /** The inspected tab, where the demo shop opens. */
    readonly shop: Page,
    /** The DevTools front end; the panel is a frame inside it. */
    readonly devtools: Page,
    readonly extensionId: string,
    private readonly profile: string,
  ) {}

  /** The panel's frame, once `showPanel()` has shown it. */
  get panel(): Frame {
    if (!this.#panel) throw new Error('The PayLens panel is not shown yet: call showPanel() first.');
    return this.#panel;
  }

  /** Opens a page of the demo shop (`/`, `/order`) in the inspected tab. */
  async openShop(path = '/'): Promise<void> {
    await this.shop.goto(new URL(path, this.sandbox.url).href);
  }

  /** Resolves once the devtools page has created the panel, which it does after it starts capturing. */
  async waitForPanelCreated(): Promise<void> {
    await this.#panelTab(false);
  }

  /** Selects the PayLens tab in DevTools, as a click on it would, and returns the panel's frame. */
  async showPanel(): Promise<Frame> {
    await this.#panelTab(true);
    const url = `chrome-extension://${this.extensionId}/devtools-panel.html`;
    const frame = await this.devtools.waitForFrame((candidate) => candidate.url() === url, {
      timeout: TIMEOUT_MS,
    });
    await frame.waitForSelector('.toolbar');
    this.#panel = frame;
    return frame;
  }

  /**
   * Panels are tabs of DevTools' InspectorView, a front-end internal (the recipe lists
   * fallbacks). A script, not a function: vitest rewrites the `import()` of functions it
   * compiles into a helper the page does not have.
   */
  async #panelTab(show: boolean): Promise<void> {
    const origin = JSON.stringify(`chrome-extension://${this.extensionId}`);
    await this.devtools.waitForFunction(
      `(async () => {
        const legacy = await import(${JSON.stringify(DEVTOOLS_LEGACY_MODULE)});
        const inspector = legacy.InspectorView.InspectorView.instance();
        const tab = inspector.tabbedPane.tabIds().find((id) => id.startsWith(${origin}));
        if (!tab) return false;
        if (${show}) await inspector.showPanel(tab);
        return true;
      })()`,
      { polling: 100, timeout: TIMEOUT_MS },
    );
  }

  /** The hosted-fields iframe, served from another site than the shop. */
  async hostedFields(): Promise<Frame> {
    const origin = `https://${HOSTED_FIELDS_HOST}/`;
    const frame = await this.shop.waitForFrame((candidate) => candidate.url().startsWith(origin), {
      timeout: TIMEOUT_MS,
    });
    await frame.waitForSelector('button[data-scenario]');
    return frame;
  }

  /** Clicks a scenario's button (`kiotapay:AUTH_INVALID_TOKEN`) and waits until its answer is back. */
  async click(scenario: string, frame: Frame = this.shop.mainFrame()): Promise<void> {
    const logged = `#log li[data-scenario="${scenario}"]`;
    const before = (await frame.$$(logged)).length;
    await frame.click(`button[data-scenario="${scenario}"]`);
    await frame.waitForFunction(
      (selector: string, count: number) => document.querySelectorAll(selector).length > count,
      { timeout: TIMEOUT_MS },
      logged,
      before,
    );
  }

  /** Clicks a server-side checkout's button and waits until the shop's backend has answered. */
  async checkOutOnServer(scenario: string): Promise<void> {
    const logged = `#log li[data-server-checkout="${scenario}"]`;
    const before = (await this.shop.$$(logged)).length;
    await this.shop.click(`button[data-server-checkout="${scenario}"]`);
    await this.shop.waitForFunction(
      (selector: string, count: number) => document.querySelectorAll(selector).length > count,
      { timeout: TIMEOUT_MS },
      logged,
      before,
    );
  }

  /**
   * Waits until the toolbar counts `held` diagnoses, `shown` of them passing the filters
   * ("3 diagnoses · 1 shown").
   */
  async waitForDiagnoses(held: number, shown = held): Promise<void> {
    await this.panel.waitForFunction(
      (selector: string, held: number, shown: number) => {
        const text = document.querySelector(selector)?.textContent ?? '';
        const match = /^(\d+) diagnos[a-z]+(?: · (\d+) shown)?/.exec(text);
        return match !== null && Number(match[1]) === held && Number(match[2] ?? match[1]) === shown;
      },
      { timeout: TIMEOUT_MS },
      LIVE_COUNT,
      held,
      shown,
    );
  }

  /** Every row the list shows, oldest first. The list renders only the rows in view, so it is scrolled through. */
  async rows(): Promise<Row[]> {
    return this.panel.evaluate(async (rowSelector: string) => {
      const list = document.querySelector<HTMLElement>('.timeline');
      const content = list?.firstElementChild;
      if (!list || !content) return [];
      if (list.clientHeight === 0) throw new Error('The timeline is not visible');
      const found = new Map<number, Row>();
      for (let top = 0; ; top += list.clientHeight) {
        list.scrollTop = top;
        // Wait for the render at this position: rendered items reach both edges of the view.
        for (let frames = 0; ; frames++) {
          const view = list.getBoundingClientRect();
          const first = content.firstElementChild?.getBoundingClientRect();
          const last = content.lastElementChild?.getBoundingClientRect();
          const bottom = Math.min(view.top + list.clientHeight, content.getBoundingClientRect().bottom);
          if (first && last && first.top <= view.top + 1 && last.bottom >= bottom - 1) break;
          if (frames > 300) throw new Error('The timeline did not render the rows in view');
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        for (const row of list.querySelectorAll<HTMLElement>(rowSelector)) {
          const { rowId, provider = '', code = '', category = '', status = '' } = row.dataset;
          found.set(Number(rowId), { provider, code, category, status });
        }
        if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) break;
      }
      // Back at the bottom, the list follows new rows again.
      list.scrollTop = list.scrollHeight;
      return [...found.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
    }, ROW);
  }

  /** Waits for a row in view with these attributes; the list keeps the newest rows in view. */
  async waitForRow(match: Partial<Row>): Promise<ElementHandle<Element>> {
    const row = await this.panel.waitForSelector(rowSelector(match), { timeout: TIMEOUT_MS });
    if (!row) throw new Error(`No row ${rowSelector(match)}`);
    return row;
  }

  /** Clicks a row and waits for its details. */
  async select(match: Partial<Row>): Promise<ElementHandle<Element>> {
    await (await this.waitForRow(match)).click();
    await this.panel.waitForSelector(`${rowSelector(match)}.selected`, { timeout: TIMEOUT_MS });
    const details = await this.panel.waitForSelector(DETAILS, { timeout: TIMEOUT_MS });
    if (!details) throw new Error('No details pane');
    return details;
  }

  async setSearch(text: string): Promise<void> {
    await this.panel.$eval(
      'input[type="search"]',
      (input, text) => {
        (input as HTMLInputElement).value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      text,
    );
  }

  async setPreserveLog(on: boolean): Promise<void> {
    const toggle = '.toolbar input[type="checkbox"]';
    const checked = await this.panel.$eval(toggle, (input) => (input as HTMLInputElement).checked);
    if (checked !== on) await this.panel.click(toggle);
  }

  /**
   * An empty, unfiltered panel and a freshly loaded shop. Filters and preserve-log are
   * saved in the extension's storage, so they outlive the panel: they are reset too.
   */
  async reset(): Promise<void> {
    await this.panel.$$eval('[data-testid="provider-filter"][aria-pressed="true"]', (chips) => {
      for (const chip of chips) (chip as HTMLElement).click();
    });
    await this.setSearch('');
    await this.setPreserveLog(false);
    // Without preserve-log the navigation clears what the last test left, even rows still on their way.
    await this.openShop();
    await this.panel.click('.toolbar button[title="Clear the timeline"]');
    await this.waitForDiagnoses(0);
  }

  /**
   * What `copy` (a click or key press in the panel) puts on the clipboard. A marker is
   * written first, so the text read back is the copy's, not something older.
   */
  async copied(copy: () => Promise<unknown>): Promise<string> {
    const marker = `paylens-e2e-${Date.now()}`;
    // The shop reads and writes the clipboard: it has the permission, and focus once in front.
    await this.shop.bringToFront();
    await this.shop.evaluate((marker) => navigator.clipboard.writeText(marker), marker);
    await copy();
    await this.shop.bringToFront();
    const text = await this.shop.waitForFunction(
      async (marker: string) => {
        const text = await navigator.clipboard.readText();
        return text !== marker && text;
      },
      { polling: 50, timeout: TIMEOUT_MS },
      marker,
    );
    return String(await text.jsonValue());
  }

  /** Closes Chromium (which then finishes its net log) and the sandbox, and removes the profile. */
  async close(): Promise<void> {
    try {
      // The demo's user may have closed the window already.
      if (this.browser.connected) await this.browser.close();
    } finally {
      await this.sandbox.close();
      rmSync(this.profile, { recursive: true, force: true });
    }
  }
}
