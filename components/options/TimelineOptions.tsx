import { useState } from 'preact/hooks';
import {
  COPY_FORMAT_NAMES,
  COPY_FORMATS,
  type CopyFormat,
  RETENTION_LIMITS,
  type SettingsProblem,
} from '../../lib/settings';

interface TimelineOptionsProps {
  retention: number;
  copyFormat: CopyFormat;
  /** Saves the new retention, or returns why the schema refused it. */
  onRetention(retention: number): SettingsProblem[];
  onCopyFormat(copyFormat: CopyFormat): void;
}

export function TimelineOptions({ retention, copyFormat, onRetention, onCopyFormat }: TimelineOptionsProps) {
  const [draft, setDraft] = useState(String(retention));
  const [error, setError] = useState('');

  // Saved when the value is committed (Enter, leaving the field, the arrows), not on every
  // key: the panel drops rows beyond a lower cap at once, and "5000" passes through "500".
  const commit = (value: string) => {
    const [problem] = onRetention(Number(value));
    setError(problem ? `The retention ${problem.message}; the panel keeps ${retention}.` : '');
  };

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline and copying</h2>
      <label class="field">
        Diagnoses kept in the timeline
        <input
          type="number"
          data-testid="retention-input"
          min={RETENTION_LIMITS.min}
          max={RETENTION_LIMITS.max}
          value={draft}
          aria-invalid={error !== ''}
          aria-describedby="retention-error"
          onInput={(event) => {
            setDraft(event.currentTarget.value);
            setError('');
          }}
          onChange={(event) => commit(event.currentTarget.value)}
        />
      </label>
      <p class="hint">The oldest are dropped beyond it; more costs the panel more memory.</p>
      <p id="retention-error" class="error" role="alert" data-testid="retention-error" hidden={error === ''}>
        {error}
      </p>
      <label class="field">
        Default copy format
        <select
          data-testid="copy-format"
          value={copyFormat}
          onChange={(event) => onCopyFormat(event.currentTarget.value as CopyFormat)}
        >
          {COPY_FORMATS.map((format) => (
            <option key={format} value={format}>
              {COPY_FORMAT_NAMES[format]}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
