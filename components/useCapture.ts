import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PanelPorts, PanelSettings } from '../panel/ports';
import { CaptureSession } from '../panel/session';
import { Timeline } from '../panel/timeline';

/**
 * The timeline, fed by the ports' capture through one capture session (matcher and session
 * analyzer, rebuilt when the settings change). Returns the timeline, the session (to clear
 * it), and a function to call after changing the timeline directly (import), so the panel
 * renders again.
 */
export function useCapture(
  ports: PanelPorts,
  settings: PanelSettings,
  preserveLog: boolean,
  ready: boolean,
): [Timeline, CaptureSession, () => void] {
  const [timeline] = useState(() => new Timeline(settings.cap));
  const [session] = useState(() => new CaptureSession(timeline, settings.matcher));
  const [, setRenders] = useState(0);
  const changed = useCallback(() => setRenders((renders) => renders + 1), []);

  session.setOptions(settings.matcher);
  // The capture outlives renders; a ref lets it read the latest switch without resubscribing.
  const latest = useRef({ preserveLog });
  latest.current = { preserveLog };

  useEffect(() => {
    timeline.setCap(settings.cap);
    changed();
  }, [timeline, settings.cap, changed]);

  useEffect(() => {
    if (!ready) return;
    return ports.capture((event) => {
      if (event.kind === 'navigation') timeline.navigate(event.url, event.at, latest.current.preserveLog);
      else session.observe(event.exchange);
      changed();
    });
  }, [ports, timeline, session, ready, changed]);

  return [timeline, session, changed];
}
