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
  // The capture outlives renders; a ref lets it read the latest settings without resubscribing.
  const providers = settings.matcher.providers;
  const latest = useRef({ preserveLog, providers });
  latest.current = { preserveLog, providers };

  useEffect(() => {
    timeline.setCap(settings.cap);
    changed();
  }, [timeline, settings.cap, changed]);

  useEffect(() => {
    if (!ready) return;
    return ports.capture((event) => {
      if (event.kind === 'navigation') {
        timeline.navigate(event.url, event.at, latest.current.preserveLog);
      } else if (event.kind === 'backend') {
        // The backend diagnosed with its own settings; a provider switched off here stays hidden.
        const shown = latest.current.providers;
        for (const finding of event.findings)
          if (!shown || shown.includes(finding.diagnosis.provider)) timeline.add(finding);
      } else {
        session.observe(event.exchange);
      }
      changed();
    });
  }, [ports, timeline, session, ready, changed]);

  return [timeline, session, changed];
}
