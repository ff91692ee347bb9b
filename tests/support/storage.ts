/** An in-memory `browser.storage`, to run the settings store and the options page without a browser. */
import type { StorageApi } from '../../adapters/settings-store';

type ChangeListener = Parameters<StorageApi['onChanged']['addListener']>[0];

export function createFakeStorage(initial: Record<string, unknown> = {}) {
  const items = structuredClone(initial);
  const listeners = new Set<ChangeListener>();
  const writes: Array<Record<string, unknown>> = [];
  let failure: Error | null = null;

  /** Writes as the browser does: a copy is stored, then every page hears of the change. */
  const write = (changes: Record<string, unknown>, area = 'local') => {
    const events: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const [key, value] of Object.entries(changes)) {
      if (area === 'local') {
        events[key] = { oldValue: items[key], newValue: structuredClone(value) };
        items[key] = structuredClone(value);
      } else {
        events[key] = { newValue: structuredClone(value) };
      }
    }
    for (const listener of listeners) listener(events, area);
  };

  const storage: StorageApi = {
    local: {
      get: async (key) => (Object.hasOwn(items, key) ? { [key]: structuredClone(items[key]) } : {}),
      set: async (changes) => {
        if (failure) throw failure;
        writes.push(structuredClone(changes));
        write(changes);
      },
    },
    onChanged: {
      addListener: (listener) => listeners.add(listener),
      removeListener: (listener) => listeners.delete(listener),
    },
  };

  return {
    storage,
    /** What `storage.local.set` was called with, in order. */
    writes,
    stored: (key = 'settings') => items[key],
    listening: () => listeners.size,
    /** Another page (or another storage area) writing. */
    writeElsewhere: write,
    failWritesWith(error: Error | null) {
      failure = error;
    },
  };
}
