/**
 * Where the options page reads and writes the settings. The real implementation is
 * adapters/settings-store.ts over `browser.storage`; tests hand in one over a fake storage.
 * Types only: nothing here touches a browser API.
 */
import type { Settings, ValidatedSettings } from '../../lib/settings';

export interface SettingsStore {
  /** The stored settings, repaired by the schema; `problems` names what could not be kept. */
  load(): Promise<ValidatedSettings>;
  /** Writes settings that have already passed the schema. */
  save(settings: Settings): Promise<void>;
  /** Calls `listener` on every later change, from any page; returns the function that stops it. */
  subscribe(listener: (settings: Settings) => void): () => void;
}
