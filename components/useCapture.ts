import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createMatcher } from '../lib/matcher';
import { Timeline } from '../lib/timeline';
import type { PanelHost, PanelSettings } from './host';

/**
 * The timeline, fed by the host's capture: every exchange goes through a matcher made from
 * the current settings (rebuilt only when they change). Returns the timeline and a function to call
 * after changing it directly (clear, import), so the panel renders again.
 */
export function useCapture(
  host: PanelHost,
  settings: PanelSettings,
  preserveLog: boolean,
  ready: boolean,
): [Timeline, () => void] {
  const [timeline] = useState(() => new Timeline(settings.cap));
  const [, setRenders] = useState(0);
  const changed = useCallback(() => setRenders((renders) => renders + 1), []);

  const diagnose = useMemo(() => createMatcher(settings.matcher), [settings.matcher]);
  // The capture outlives renders; refs let it read the latest matcher without resubscribing.
  const latest = useRef({ diagnose, preserveLog });
  latest.current = { diagnose, preserveLog };

  useEffect(() => {
    timeline.setCap(settings.cap);
    changed();
  }, [timeline, settings.cap, changed]);

  useEffect(() => {
    if (!ready) return;
    return host.capture((event) => {
      if (event.kind === 'navigation') {
        timeline.navigate(event.url, event.at, latest.current.preserveLog);
      } else {
        timeline.countExamined();
        const diagnosis = latest.current.diagnose(event.exchange);
        if (diagnosis) timeline.add({ exchange: event.exchange, diagnosis });
      }
      changed();
    });
  }, [host, timeline, ready, changed]);

  return [timeline, changed];
}
