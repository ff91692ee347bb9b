import type { Provider } from '../lib/providers';
import type { PanelSettings } from '../panel/ports';

interface EmptyStateProps {
  providers: readonly Provider[];
  settings: PanelSettings;
}

/** What PayLens watches, and how to see it work, while there is nothing to show. */
export function EmptyState({ providers, settings }: EmptyStateProps) {
  const userHosts = Object.keys(settings.matcher.hosts ?? {});
  const example = providers[0]?.hosts[0];
  return (
    <div class="empty" data-testid="empty-state">
      <h2>No payment-API errors yet</h2>
      <p>PayLens watches the requests of this page to these hosts:</p>
      <ul class="hosts">
        {providers.flatMap((provider) =>
          provider.hosts.map((host) => (
            <li key={host}>
              <code>{host}</code> <span class="muted">{provider.name}</span>
            </li>
          )),
        )}
        {userHosts.map((host) => (
          <li key={host}>
            <code>{host}</code> <span class="muted">your host</span>
          </li>
        ))}
      </ul>
      {settings.matcher.anyHost && (
        <p>
          It also reads JSON responses from any other host, for a provider’s error relayed by your backend.
        </p>
      )}
      <p>
        To try it, make the page call one of them with a request that fails
        {example && (
          <>
            , for instance in the Console: <code>{`fetch('https://${example}/api/v1/payments')`}</code>
          </>
        )}
        . Or import a HAR file: use Import HAR… or drop it here.
      </p>
    </div>
  );
}
