import { describe, expect, it } from 'vitest';
import { createSettingsStore, watchPanelSettings } from '../../adapters/settings-store';
import { providerIds } from '../../lib/providers';
import { DEFAULT_SETTINGS, type Settings, type ValidatedSettings } from '../../lib/settings';
import type { SettingsStore } from '../../panel/ports';
import { DEFAULT_PANEL_SETTINGS, panelSettings } from '../../panel/settings';
import { createFakeStorage } from '../support/storage';

const mine: Settings = {
  ...DEFAULT_SETTINGS,
  hosts: { 'pay.mycompany.test': 'kiotapay', '*.sandbox.example': 'payfield' },
  providers: { apipay: false },
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('settings store', () => {
  it('reads the defaults from an empty store without writing them', async () => {
    const fake = createFakeStorage();
    expect(await createSettingsStore(fake.storage).load()).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [],
    });
    expect(fake.writes).toEqual([]);
  });

  it('reads back what it saved, under the key the panel follows', async () => {
    const fake = createFakeStorage();
    const store = createSettingsStore(fake.storage);
    await store.save(mine);
    expect(fake.writes).toEqual([{ settings: mine }]);
    expect(await store.load()).toEqual({ settings: mine, problems: [] });
  });

  it('repairs a store from an older version or corrupted, keeping the valid parts', async () => {
    const stored = {
      hosts: { 'pay.mycompany.test': 'kiotapay', 'https://pay.example.com/': 'rebell' },
      providers: { apipay: false, stripe: false },
      retention: 'lots',
      theme: 'dark',
    };
    const fake = createFakeStorage({ settings: stored });
    const { settings, problems } = await createSettingsStore(fake.storage).load();
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      hosts: { 'pay.mycompany.test': 'kiotapay' },
      providers: { apipay: false },
    });
    expect(problems.map((problem) => problem.key)).toEqual([
      'theme',
      'hosts["https://pay.example.com/"]',
      'providers.stripe',
      'retention',
    ]);
    // Left for the options page, which shows what was dropped before saving the repair.
    expect(fake.stored()).toEqual(stored);
  });

  it('reports changes to the settings in local storage, validated, until stopped', async () => {
    const fake = createFakeStorage();
    const heard: Settings[] = [];
    const stop = createSettingsStore(fake.storage).subscribe((settings) => heard.push(settings));

    fake.writeElsewhere({ settings: { anyHost: true, retention: 1 } });
    fake.writeElsewhere({ panelState: { preserveLog: true } });
    fake.writeElsewhere({ settings: { anyHost: false } }, 'sync');
    expect(heard).toEqual([{ ...DEFAULT_SETTINGS, anyHost: true }]);

    stop();
    expect(fake.listening()).toBe(0);
    fake.writeElsewhere({ settings: { anyHost: false } });
    expect(heard).toHaveLength(1);
  });
});

describe('the panel’s settings', () => {
  it('starts from the defaults, then applies the stored settings and every later save', async () => {
    const fake = createFakeStorage({ settings: mine });
    const watched = watchPanelSettings(createSettingsStore(fake.storage));
    expect(watched.get()).toEqual(DEFAULT_PANEL_SETTINGS);

    const heard: unknown[] = [];
    watched.subscribe((settings) => heard.push(settings));
    await settle();
    expect(watched.get()).toEqual({
      matcher: { anyHost: false, hosts: mine.hosts, providers: providerIds.filter((id) => id !== 'apipay') },
      cap: 5000,
      copyFormat: 'markdown',
    });

    await createSettingsStore(fake.storage).save({ ...mine, retention: 100 });
    expect(watched.get().cap).toBe(100);
    expect(heard).toHaveLength(2);
  });

  it('keeps a change that arrives while the first read is still under way', async () => {
    let finishLoad: (value: ValidatedSettings) => void = () => {};
    let announce: (settings: Settings) => void = () => {};
    const store: SettingsStore = {
      load: () => new Promise((resolve) => (finishLoad = resolve)),
      save: async () => {},
      subscribe: (listener) => {
        announce = listener;
        return () => {};
      },
    };
    const watched = watchPanelSettings(store);
    announce({ ...DEFAULT_SETTINGS, anyHost: true });
    finishLoad({ settings: DEFAULT_SETTINGS, problems: [] });
    await settle();
    expect(watched.get()).toEqual(panelSettings({ ...DEFAULT_SETTINGS, anyHost: true }));
  });
});
