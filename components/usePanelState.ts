import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelPorts, PanelState } from '../panel/ports';
import { DEFAULT_PANEL_STATE, panelStateFrom, persistedState } from '../panel/settings';

/** Typing in the search box should not write to storage on every key. */
const SAVE_DELAY_MS = 300;

/**
 * Filters and the preserve-log switch, restored from the ports when the panel loads and
 * saved back on change. `loaded` stays false until the saved state is known, so nothing
 * overwrites it with the defaults and no navigation is replayed under the wrong setting.
 */
export function usePanelState(ports: PanelPorts): [PanelState, (state: PanelState) => void, boolean] {
  const [state, setState] = useState<PanelState>(DEFAULT_PANEL_STATE);
  const [loaded, setLoaded] = useState(false);
  // Set by the first cleanup to run when the panel closes, read by the save's cleanup below.
  const closing = useRef(false);
  useEffect(
    () => () => {
      closing.current = true;
    },
    [],
  );

  useEffect(() => {
    let current = true;
    const restore = (stored: unknown) => {
      if (!current) return;
      setState(panelStateFrom(stored));
      setLoaded(true);
    };
    ports.loadState().then(restore, () => restore(undefined));
    return () => {
      current = false;
    };
  }, [ports]);

  useEffect(() => {
    if (!loaded) return;
    let saved = false;
    const save = () => {
      saved = true;
      ports
        .saveState(persistedState(state))
        .catch((error: unknown) => console.error('PayLens: could not save the filters', error));
    };
    const timer = setTimeout(save, SAVE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      // A newer state replaces this one, unless the panel is closing: then save it now.
      if (!saved && closing.current) save();
    };
  }, [ports, state, loaded]);

  return [state, setState, loaded];
}
