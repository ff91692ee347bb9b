import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createMatcher } from '../lib/matcher';
import type { PanelPorts, PanelSettings } from '../panel/ports';
import { Timeline } from '../panel/timeline';

/**
 * The timeline, fed by the ports' capture: every exchange goes through a matcher made from
 * the current settings (rebuilt only when they change). Returns the timeline and a function to call
 * after changing it directly (clear, import), so the panel renders again.
 */
export function useCapture(
  ports: PanelPorts,
  settings: PanelSettings,
  preserveLog: boolean,
  ready: boolean,
): [Timeline, () => void] {
  const [timeline] = useState(() => new Timeline(settings.cap));
  const [, setRenders] = useState(0);
  const changed = useCallback(() => setRenders((renders) => renders + 1), []);

  const diagnose = useMemo(() => createMatcher(settings.matcher), [settings.matcher]);
  // The capture outlives renders; refs let it read the latest matcher without resubscribing.
  const providers = settings.matcher.providers;
  const latest = useRef({ diagnose, preserveLog, providers });
  latest.current = { diagnose, preserveLog, providers };

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
        timeline.countExamined();
        const diagnosis = latest.current.diagnose(event.exchange);
        if (diagnosis) timeline.add({ exchange: event.exchange, diagnosis });
      }
      changed();
    });
  }, [ports, timeline, ready, changed]);

  return [timeline, changed];
}
