import type { FileWarning } from '../lib/format/summary';

interface SessionWarningsProps {
  /** Already presented: the timeline holds them as the presentation made them. */
  warnings: readonly FileWarning[];
  dismissed: ReadonlySet<string>;
  onDismiss(key: string): void;
}

export const warningKey = ({ file, kind, provider }: FileWarning) =>
  `${file ?? ''}\u0000${kind}\u0000${provider}`;

/** What the analyzer saw across the session, before it became an error: above the list. */
export function SessionWarnings({ warnings, dismissed, onDismiss }: SessionWarningsProps) {
  const shown = warnings.filter((warning) => !dismissed.has(warningKey(warning)));
  if (shown.length === 0) return null;
  return (
    <ul class="session-warnings" aria-label="Session warnings">
      {shown.map((warning) => (
        <li
          key={warningKey(warning)}
          data-testid="session-warning"
          data-kind={warning.kind}
          data-provider={warning.provider}
        >
          <span class="warning-text">{warning.text}</span>
          <button
            type="button"
            class="icon"
            aria-label="Dismiss this warning"
            title="Dismiss"
            onClick={() => onDismiss(warningKey(warning))}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
