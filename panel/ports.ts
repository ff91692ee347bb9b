/**
 * The ports through which the panel and the options page reach the browser. The real
 * implementations are in adapters/; tests hand the components fakes. Types only: nothing
 * here touches a browser API.
 */
import type { MatcherOptions } from '../lib/matcher';
import type { CopyFormat, Settings, ValidatedSettings } from '../lib/settings';
import type { Category, Exchange, Finding } from '../lib/types';

/** A finished request, or a navigation of the inspected page, in the order they happened. */
export type CaptureEvent =
  | {
      kind: 'exchange';
      /** Stable across the live capture and the getHAR() backfill, to tell duplicates apart. */
      key: string;
      exchange: Exchange;
    }
  | { kind: 'navigation'; url: string; at: string }
  | {
      /** A page response whose `PayLens-Diagnoses` header carried its backend's diagnoses. */
      kind: 'backend';
      key: string;
      at: string;
      findings: Finding[];
    };

export type ThemeName = 'light' | 'dark';

export type { CopyFormat } from '../lib/settings';

/** Everything the user can configure; one value, so a change applies to the open panel at once. */
export interface PanelSettings {
  matcher: MatcherOptions;
  /** How many diagnoses the timeline keeps before dropping the oldest. */
  cap: number;
  copyFormat: CopyFormat;
}

export interface Filters {
  /** Provider ids to show; all when empty. */
  providers: string[];
  /** Categories to show; all when empty. */
  categories: Category[];
  /** Matched against code, message and URL, case-insensitively. */
  text: string;
  /** The span chosen on the overview strip; all times when absent. Not saved: it is this session's. */
  range?: TimeRange;
}

/** Epoch milliseconds, `from` included and `to` excluded. */
export interface TimeRange {
  from: number;
  to: number;
}

/** What survives a reload of the panel: the filters without their time range. */
export interface PanelState {
  filters: Filters;
  preserveLog: boolean;
}

/** A value that can change while the panel is open. */
export interface Watched<T> {
  get(): T;
  /** Calls `listener` on every later change; returns the function that stops it. */
  subscribe(listener: (value: T) => void): () => void;
}

export interface PanelPorts {
  /**
   * Replays everything captured since DevTools opened, then reports new events as they
   * come. Returns the function that stops it.
   */
  capture(listener: (event: CaptureEvent) => void): () => void;
  theme: Watched<ThemeName>;
  settings: Watched<PanelSettings>;
  /** The panel state saved last, unchecked: it may come from an older version. */
  loadState(): Promise<unknown>;
  saveState(state: PanelState): Promise<void>;
  /** Opens the extension's options page, or brings it forward if it is open already. */
  openSettings(): void;
  /** Forgets what was captured so far, so that a reloaded panel does not bring it back. */
  clearCaptured(): void;
}

/** Where the options page reads and writes the settings (adapters/settings-store.ts). */
export interface SettingsStore {
  /** The stored settings, repaired by the schema; `problems` names what could not be kept. */
  load(): Promise<ValidatedSettings>;
  /** Writes settings that have already passed the schema. */
  save(settings: Settings): Promise<void>;
  /** Calls `listener` on every later change, from any page; returns the function that stops it. */
  subscribe(listener: (settings: Settings) => void): () => void;
}
