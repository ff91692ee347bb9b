import type { SettingsStore } from '../../panel/ports';
import { CustomHosts } from './CustomHosts';
import { ProviderSwitches } from './ProviderSwitches';
import { RelayedErrors } from './RelayedErrors';
import { RepairNotice } from './RepairNotice';
import { TimelineOptions } from './TimelineOptions';
import { type SaveStatus, useStoredSettings } from './useStoredSettings';

const STATUS_TEXT: Record<SaveStatus, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved',
  failed: 'Could not save',
};

/** Every valid change is saved at once; the open panel follows it from storage. */
export function OptionsPage({ store }: { store: SettingsStore }) {
  const { settings, loadError, repaired, status, saveError, change } = useStoredSettings(store);

  if (loadError) {
    return (
      <main class="options">
        <p class="error" role="alert" data-testid="load-error">
          Could not read the settings: {loadError}
        </p>
      </main>
    );
  }
  if (!settings) return <main class="options" aria-busy="true" />;

  return (
    <main class="options">
      <header class="options-header">
        <h1>PayLens settings</h1>
        <output class={`save-status ${status}`} data-testid="save-status" aria-live="polite">
          {status === 'failed' ? `${STATUS_TEXT.failed}: ${saveError}` : STATUS_TEXT[status]}
        </output>
      </header>
      {repaired.length > 0 && <RepairNotice problems={repaired} />}
      <CustomHosts
        hosts={settings.hosts}
        switches={settings.providers}
        onChange={(hosts) => change({ ...settings, hosts })}
      />
      <RelayedErrors anyHost={settings.anyHost} onChange={(anyHost) => change({ ...settings, anyHost })} />
      <ProviderSwitches
        switches={settings.providers}
        onChange={(providers) => change({ ...settings, providers })}
      />
      <TimelineOptions
        retention={settings.retention}
        copyFormat={settings.copyFormat}
        onRetention={(retention) => change({ ...settings, retention })}
        onCopyFormat={(copyFormat) => change({ ...settings, copyFormat })}
      />
    </main>
  );
}
