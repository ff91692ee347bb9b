/**
 * The one place that reads and writes the settings in extension storage, for the options
 * page and the panel alike. It takes `browser.storage` as an argument, so it runs in tests
 * over a fake without a browser.
 */

import type { Settings } from '../lib/settings';
import { validateSettings } from '../lib/settings';
import type { PanelSettings, SettingsStore, Watched } from '../panel/ports';
import { DEFAULT_PANEL_SETTINGS, panelSettings } from '../panel/settings';

const SETTINGS_KEY = 'settings';

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => void;

/** The part of `browser.storage` the settings use. */
export interface StorageApi {
  local: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  onChanged: {
    addListener(listener: ChangeListener): void;
    removeListener(listener: ChangeListener): void;
  };
}

/**
 * Reading never writes: a store that needed repair keeps its bad parts until the options
 * page has shown the user what it dropped, and saves the repaired settings itself.
 */
export function createSettingsStore(storage: StorageApi): SettingsStore {
  return {
    async load() {
      const items = await storage.local.get(SETTINGS_KEY);
      return validateSettings(items[SETTINGS_KEY]);
    },
    save: (settings) => storage.local.set({ [SETTINGS_KEY]: settings }),
    subscribe(listener) {
      const changed: ChangeListener = (changes, areaName) => {
        const change = changes[SETTINGS_KEY];
        if (areaName === 'local' && change) listener(validateSettings(change.newValue).settings);
      };
      storage.onChanged.addListener(changed);
      return () => storage.onChanged.removeListener(changed);
    },
  };
}

/** Watched settings, and when the stored ones have been read: what came before used defaults. */
export type WatchedSettings = Watched<PanelSettings> & { ready: Promise<void> };

/** The panel's view of the stored settings: read once, then followed as the options page saves. */
export function watchPanelSettings(store: SettingsStore): WatchedSettings {
  let current = DEFAULT_PANEL_SETTINGS;
  let changed = false;
  const listeners = new Set<(value: PanelSettings) => void>();
  const apply = (settings: Settings) => {
    current = panelSettings(settings);
    for (const listener of listeners) listener(current);
  };
  store.subscribe((settings) => {
    changed = true;
    apply(settings);
  });
  const ready = store.load().then(
    ({ settings }) => {
      // A change seen before the first read finished is newer than what it read.
      if (!changed) apply(settings);
    },
    (error: unknown) => console.error('PayLens: could not read the settings', error),
  );
  return {
    ready,
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
