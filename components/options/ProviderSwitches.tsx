import { providers as catalog } from '../../lib/providers';
import { without } from './records';

interface ProviderSwitchesProps {
  /** Provider id → false when switched off; absent means on. */
  switches: Readonly<Record<string, boolean>>;
  onChange(switches: Record<string, boolean>): void;
}

export function ProviderSwitches({ switches, onChange }: ProviderSwitchesProps) {
  // Only the ones switched off are stored, so a provider added to the catalog later is on.
  const toggle = (id: string, on: boolean) =>
    onChange(on ? without(switches, id) : { ...switches, [id]: false });

  return (
    <section aria-labelledby="providers-heading">
      <h2 id="providers-heading">Providers</h2>
      <p class="hint">A provider switched off is not diagnosed, on its own hosts or on yours.</p>
      <ul class="provider-list">
        {catalog.map(({ id, name, hosts }) => (
          <li key={id}>
            <label class="switch">
              <input
                type="checkbox"
                data-testid="provider-switch"
                data-provider={id}
                checked={switches[id] !== false}
                onChange={(event) => toggle(id, event.currentTarget.checked)}
              />
              {name}
            </label>
            <span class="muted">{hosts.join(', ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
