import { providers as catalog } from '../../lib/providers';

interface RelayedErrorsProps {
  anyHost: boolean;
  onChange(anyHost: boolean): void;
}

/** Providers whose errors have a shape distinctive enough to be told apart on any host. */
const recognisable = catalog
  .filter((provider) => provider.fingerprint)
  .map((provider) => provider.name)
  .join(', ');

export function RelayedErrors({ anyHost, onChange }: RelayedErrorsProps) {
  return (
    <section aria-labelledby="relayed-heading">
      <h2 id="relayed-heading">Relayed errors</h2>
      <label class="switch">
        <input
          type="checkbox"
          data-testid="any-host"
          checked={anyHost}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        Detect relayed provider errors on any host
      </label>
      <p class="hint">
        For a backend that passes a provider’s error on to the page: PayLens then reads the JSON responses of
        every host and recognises an error by its shape ({recognisable}). It costs a body read per JSON
        response, and an unrelated API whose errors look alike may be labelled as the provider.
      </p>
    </section>
  );
}
