import { useState } from 'preact/hooks';
import { type HostPattern, parseHostPattern } from '../../lib/hosts';
import { providers as catalog, providerById } from '../../lib/providers';
import type { SettingsProblem } from '../../lib/settings';
import { without } from './records';

interface CustomHostsProps {
  /** Host or `*.parent` pattern → provider id. */
  hosts: Readonly<Record<string, string>>;
  /** Provider id → false when switched off. */
  switches: Readonly<Record<string, boolean>>;
  /** Saves the new hosts, or returns why the schema refused them. */
  onChange(hosts: Record<string, string>): SettingsProblem[];
}

/** The pattern as the schema stores it: lower case, no trailing dot. */
const patternText = (pattern: HostPattern) =>
  pattern.kind === 'exact' ? pattern.host : `*.${pattern.parent}`;

const providerName = (id: string) => providerById(id)?.name ?? id;

export function CustomHosts({ hosts, switches, onChange }: CustomHostsProps) {
  const [input, setInput] = useState('');
  const [provider, setProvider] = useState('');
  const [error, setError] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const report = (problems: SettingsProblem[]) => {
    setError(problems.map((problem) => problem.message).join(' '));
    return problems.length === 0;
  };

  const add = (event: Event) => {
    event.preventDefault();
    setConfirmation('');
    const pattern = parseHostPattern(input);
    if ('error' in pattern) {
      setError(pattern.error);
      return;
    }
    if (!provider) {
      setError('Choose the provider this host belongs to.');
      return;
    }
    const host = patternText(pattern);
    const previous = Object.hasOwn(hosts, host) ? hosts[host] : undefined;
    if (previous === provider) {
      setError('');
      setConfirmation(`${host} is already assigned to ${providerName(provider)}.`);
      return;
    }
    if (!report(onChange({ ...hosts, [host]: provider }))) return;
    setInput('');
    setConfirmation(
      previous
        ? `${host} now belongs to ${providerName(provider)} instead of ${providerName(previous)}.`
        : `Added ${host} for ${providerName(provider)}.`,
    );
  };

  const remove = (host: string) => {
    setConfirmation('');
    if (report(onChange(without(hosts, host)))) setConfirmation(`Removed ${host}.`);
  };

  const entries = Object.entries(hosts);
  return (
    <section aria-labelledby="hosts-heading">
      <h2 id="hosts-heading">Your hosts</h2>
      <p class="hint">
        Sandboxes, white-label deployments, your own proxy in front of a provider: PayLens reads their
        responses as it reads the provider’s own hosts.
      </p>
      {entries.length === 0 ? (
        <p class="muted">No hosts of your own yet.</p>
      ) : (
        <ul class="host-list">
          {entries.map(([host, id]) => (
            <li key={host} data-testid="host-row" data-host={host} data-provider={id}>
              <code>{host}</code>
              <span>{providerName(id)}</span>
              {switches[id] === false && <span class="muted">switched off below</span>}
              <button
                type="button"
                data-testid="remove-host"
                aria-label={`Remove ${host}`}
                onClick={() => remove(host)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="add-host" onSubmit={add} noValidate>
        <label>
          Host
          <input
            data-testid="host-input"
            value={input}
            placeholder="pay.example.com or *.pay.example.com"
            spellcheck={false}
            aria-invalid={error !== ''}
            aria-describedby="host-rules host-error"
            onInput={(event) => {
              setInput(event.currentTarget.value);
              setError('');
            }}
          />
        </label>
        <label>
          Provider
          <select
            data-testid="host-provider"
            value={provider}
            onChange={(event) => {
              setProvider(event.currentTarget.value);
              setError('');
            }}
          >
            <option value="">Choose…</option>
            {catalog.map(({ id, name }) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="add-host">
          Add
        </button>
      </form>
      <p id="host-rules" class="hint">
        An exact host, or <code>*.</code> and a domain for each of its subdomains:{' '}
        <code>*.pay.example.com</code> matches <code>eu.pay.example.com</code>, never{' '}
        <code>pay.example.com</code> itself nor a look-alike such as <code>evilpay.example.com</code>.
      </p>
      <p id="host-error" class="error" role="alert" data-testid="host-error" hidden={error === ''}>
        {error}
      </p>
      {confirmation && (
        <p class="confirmation" data-testid="host-confirmation">
          {confirmation}
        </p>
      )}
    </section>
  );
}
