/** The panel's settings and saved state: their defaults, and reading them back from storage safely. */
import { matcherOptionsFrom, type Settings, validateSettings } from '../lib/settings';
import { CATEGORIES, type Category } from '../lib/types';
import type { Filters, PanelSettings, PanelState } from './ports';

/** What the panel needs of the user's settings. */
export function panelSettings(settings: Settings): PanelSettings {
  return { matcher: matcherOptionsFrom(settings), cap: settings.retention, copyFormat: settings.copyFormat };
}

/** Settings as stored by the options page; what is unusable falls back to its default. */
export function settingsFrom(stored: unknown): PanelSettings {
  return panelSettings(validateSettings(stored).settings);
}

export const DEFAULT_PANEL_SETTINGS: PanelSettings = settingsFrom(undefined);

export const DEFAULT_PANEL_STATE: PanelState = {
  filters: { providers: [], categories: [], text: '' },
  preserveLog: false,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The state as saved: a time range names this session's traffic, so it is not kept. */
export function persistedState({
  filters: { providers, categories, text },
  preserveLog,
}: PanelState): PanelState {
  return { filters: { providers, categories, text }, preserveLog };
}

export function panelStateFrom(stored: unknown): PanelState {
  if (!isRecord(stored)) return DEFAULT_PANEL_STATE;
  const filters: Filters = isRecord(stored.filters)
    ? {
        providers: strings(stored.filters.providers),
        categories: strings(stored.filters.categories).filter((category): category is Category =>
          (CATEGORIES as readonly string[]).includes(category),
        ),
        text: typeof stored.filters.text === 'string' ? stored.filters.text : '',
      }
    : DEFAULT_PANEL_STATE.filters;
  return { filters, preserveLog: stored.preserveLog === true };
}
