import type { SettingsProblem } from '../../lib/settings';

/** What the stored settings held that could not be kept, from an older version or a corrupted store. */
export function RepairNotice({ problems }: { problems: readonly SettingsProblem[] }) {
  return (
    <section class="repair-notice" role="status" data-testid="repair-notice">
      <p>
        Some stored settings could not be used: they were dropped or set back to their defaults, and the rest
        was kept.
      </p>
      <ul>
        {problems.map(({ key, message }) => (
          <li key={`${key} ${message}`}>
            <code>{key}</code>: {message}
          </li>
        ))}
      </ul>
    </section>
  );
}
