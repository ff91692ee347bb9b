import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type Settings, type SettingsProblem, validateSettings } from '../../lib/settings';
import type { SettingsStore } from '../../panel/ports';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

export interface StoredSettings {
  /** Null until the store has been read. */
  settings: Settings | null;
  loadError: string | null;
  /** What the stored settings held that the schema could not keep. */
  repaired: SettingsProblem[];
  status: SaveStatus;
  saveError: string | null;
  /**
   * Runs a change through the schema and saves it at once. Returns the schema's problems
   * and saves nothing if there are any.
   */
  change(next: Settings): SettingsProblem[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The settings as the options page edits them. Stored settings that needed repair are
 * saved back repaired, here rather than in the store, so the user is shown what was
 * dropped before it is gone.
 */
export function useStoredSettings(store: SettingsStore): StoredSettings {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [repaired, setRepaired] = useState<SettingsProblem[]>([]);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  // Every save writes the whole settings, so only the latest one's outcome matters.
  const latestSave = useRef(0);

  const save = useCallback(
    (next: Settings) => {
      const attempt = ++latestSave.current;
      setStatus('saving');
      store.save(next).then(
        () => {
          if (attempt === latestSave.current) setStatus('saved');
        },
        (error: unknown) => {
          if (attempt !== latestSave.current) return;
          setStatus('failed');
          setSaveError(messageOf(error));
        },
      );
    },
    [store],
  );

  useEffect(() => {
    let mounted = true;
    store.load().then(
      ({ settings: loaded, problems }) => {
        if (!mounted) return;
        setSettings(loaded);
        setRepaired(problems);
        if (problems.length > 0) save(loaded);
      },
      (error: unknown) => {
        if (mounted) setLoadError(messageOf(error));
      },
    );
    return () => {
      mounted = false;
    };
  }, [store, save]);

  const change = (next: Settings): SettingsProblem[] => {
    const { settings: valid, problems } = validateSettings(next);
    if (problems.length > 0) return problems;
    setSettings(valid);
    save(valid);
    return [];
  };

  return { settings, loadError, repaired, status, saveError, change };
}
