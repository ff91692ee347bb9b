/**
 * The panel's only module that touches the browser: the DevTools APIs, storage, and the
 * handoff of the capture from the devtools page to the panel. Everything it reads is
 * normalised here, so the components see one `PanelPorts` whatever the browser.
 */
import browser from 'webextension-polyfill';
import { Capture, type CapturedEntry } from '../panel/capture';
import type { PanelPorts, PanelState, ThemeName, Watched } from '../panel/ports';
import { watchable } from '../panel/watchable';
import { createSettingsStore, type WatchedSettings, watchPanelSettings } from './settings-store';

const PANEL_TITLE = 'PayLens';
const PANEL_PAGE = '/devtools-panel.html';
/** Firefox shows it on the panel's tab; Chrome shows the title alone. */
const PANEL_ICON = '/icon/32.png';
const STATE_KEY = 'panelState';
/** How long a freshly loaded panel waits for the devtools page's capture before capturing itself. */
const HANDOFF_TIMEOUT_MS = 2_000;
/** A getHAR() that never answers must not keep the panel blank. */
const HAR_TIMEOUT_MS = 5_000;

// biome-ignore lint/suspicious/noExplicitAny: listeners of every signature fit this bound
type Callback = (...args: any[]) => void;

interface DevtoolsEvent<T extends Callback> {
  addListener(listener: T): void;
}

/** A HAR entry as DevTools reports it, with the body reader it attaches. */
interface DevtoolsRequest {
  getContent?(callback?: Callback): unknown;
}

interface ExtensionPanel {
  onShown: DevtoolsEvent<(panelWindow: Window) => void>;
}

/** The part of `devtools` PayLens uses, common to Chrome and Firefox. */
interface DevtoolsApi {
  network: {
    onRequestFinished: DevtoolsEvent<(request: DevtoolsRequest) => void>;
    onNavigated: DevtoolsEvent<(url: string) => void>;
    getHAR(callback?: Callback): unknown;
  };
  panels: {
    create(title: string, iconPath: string, pagePath: string, callback?: Callback): unknown;
    /** Chrome: `default` or `dark`; Firefox: `light` or `dark`. */
    themeName?: string;
    /** Firefox. */
    onThemeChanged?: DevtoolsEvent<(themeName: string) => void>;
    /** Chrome 99 and later. */
    setThemeChangeHandler?(callback: (themeName: string) => void): void;
  };
}

/**
 * `chrome.devtools` first: in Chrome 144 to 151 `browser.devtools` can be missing from
 * devtools pages, and Firefox offers `chrome.devtools` too. Its callback form works in
 * every Chrome; newer ones and Firefox may also answer with a promise.
 */
const chromeDevtools = (globalThis as { chrome?: { devtools?: unknown } }).chrome?.devtools;
const devtools = (chromeDevtools ?? browser.devtools) as unknown as DevtoolsApi;

/** Calls a devtools method in whichever form the browser answers: callback or promise. */
function ask<T>(invoke: (callback?: Callback) => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const callback: Callback | undefined = chromeDevtools
      ? (...args) => resolve((args.length > 1 ? args : args[0]) as T)
      : undefined;
    const answer = invoke(callback);
    if (typeof (answer as Promise<T> | undefined)?.then === 'function') {
      (answer as Promise<T>).then(resolve, reject);
    } else if (!callback) resolve(answer as T);
  });
}

function captured(request: DevtoolsRequest): CapturedEntry {
  return {
    entry: request,
    readContent: () =>
      request.getContent ? ask((callback) => request.getContent?.(callback)) : Promise.resolve(null),
  };
}

/** The settings the options page writes, followed live. */
const watchSettings = (): WatchedSettings => watchPanelSettings(createSettingsStore(browser.storage));

function watchTheme(): Watched<ThemeName> {
  const themeOf = (name: unknown): ThemeName => (name === 'dark' ? 'dark' : 'light');
  const theme = watchable(themeOf(devtools.panels.themeName));
  const changed = (name: string) => theme.set(themeOf(name));
  if (devtools.panels.onThemeChanged) devtools.panels.onThemeChanged.addListener(changed);
  else devtools.panels.setThemeChangeHandler?.(changed);
  return theme;
}

/** Listens to the network from now on; the devtools page calls it as soon as DevTools opens. */
function startCapture(settings: WatchedSettings = watchSettings()): Capture {
  const capture = new Capture(settings, settings.ready);
  devtools.network.onRequestFinished.addListener((request) => capture.request(captured(request)));
  devtools.network.onNavigated.addListener((url) => capture.navigated(url));
  return capture;
}

/**
 * The panel's window, as `onShown` hands it to the devtools page, is where the capture is
 * left for the panel: the panel's own script only starts once it is first shown.
 */
interface HandoffWindow {
  paylensCapture?: Capture;
  paylensReceiveCapture?: (capture: Capture) => void;
}

/** In the devtools page: starts capturing and creates the panel. */
export async function startDevtoolsPage(): Promise<void> {
  const capture = startCapture();
  const panel = await ask<ExtensionPanel>((callback) =>
    devtools.panels.create(PANEL_TITLE, PANEL_ICON, PANEL_PAGE, callback),
  );
  panel.onShown.addListener((panelWindow) => {
    const target = panelWindow as Window & HandoffWindow;
    if (target.paylensCapture) return;
    target.paylensCapture = capture;
    target.paylensReceiveCapture?.(capture);
  });
}

/** In the panel: the capture the devtools page hands over, or null if none arrives in time. */
function receiveCapture(panelWindow: Window): Promise<Capture | null> {
  const target = panelWindow as Window & HandoffWindow;
  if (target.paylensCapture) return Promise.resolve(target.paylensCapture);
  return new Promise((resolve) => {
    target.paylensReceiveCapture = resolve;
    setTimeout(() => resolve(target.paylensCapture ?? null), HANDOFF_TIMEOUT_MS);
  });
}

/** What getHAR() knows; best effort, as live capture goes on without it. */
async function harEntries(): Promise<CapturedEntry[]> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), HAR_TIMEOUT_MS));
  try {
    const log = await Promise.race([
      ask<{ entries?: unknown }>((callback) => devtools.network.getHAR(callback)),
      timeout,
    ]);
    return Array.isArray(log?.entries) ? log.entries.map((entry: DevtoolsRequest) => captured(entry)) : [];
  } catch (error) {
    console.error('PayLens: getHAR() failed; showing what was captured live', error);
    return [];
  }
}

/** In the panel: the real ports. */
export function createDevtoolsPorts(panelWindow: Window): PanelPorts {
  const settings = watchSettings();
  let active: Capture | undefined;
  return {
    capture(listener) {
      let stopped = false;
      let stop = () => {};
      (async () => {
        // If the devtools page's capture never arrives (the panel was reloaded on its
        // own), capture from here: getHAR() below still brings back what came before.
        const capture = (await receiveCapture(panelWindow)) ?? startCapture(settings);
        active = capture;
        await capture.backfill(await harEntries());
        // Replayed events are diagnosed with the user's settings, not the defaults.
        await settings.ready;
        if (stopped) return;
        // Events are objects of the devtools page; copies belong to the panel alone.
        stop = capture.subscribe((event) => listener(structuredClone(event)));
      })().catch((error: unknown) => console.error('PayLens: capture failed', error));
      return () => {
        stopped = true;
        stop();
      };
    },
    theme: watchTheme(),
    settings,
    loadState: async () => (await browser.storage.local.get(STATE_KEY))[STATE_KEY],
    saveState: (state: PanelState) => browser.storage.local.set({ [STATE_KEY]: state }),
    clearCaptured() {
      active?.clear();
    },
    openSettings() {
      browser.runtime
        .openOptionsPage()
        .catch((error: unknown) => console.error('PayLens: could not open the settings', error));
    },
  };
}
