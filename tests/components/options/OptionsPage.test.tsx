// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../adapters/settings-store';
import { OptionsPage } from '../../../components/options/OptionsPage';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import type { SettingsStore } from '../../../panel/ports';
import { createFakeStorage } from '../../support/storage';

afterEach(cleanup);

async function open(stored?: unknown) {
  const fake = createFakeStorage(stored === undefined ? {} : { settings: stored });
  render(<OptionsPage store={createSettingsStore(fake.storage)} />);
  await screen.findByTestId('host-input');
  return fake;
}

const saveStatus = () => screen.getByTestId('save-status').textContent;
const saved = () => waitFor(() => expect(saveStatus()).toBe('Saved'));
const hostError = () => screen.getByTestId('host-error');

function addHost(host: string, provider: string) {
  fireEvent.input(screen.getByTestId('host-input'), { target: { value: host } });
  fireEvent.change(screen.getByTestId('host-provider'), { target: { value: provider } });
  fireEvent.click(screen.getByTestId('add-host'));
}

const hostRows = () =>
  screen.queryAllByTestId('host-row').map((row) => [row.dataset.host, row.dataset.provider]);

const providerSwitch = (id: string) =>
  screen.getAllByTestId('provider-switch').find((input) => input.dataset.provider === id) as HTMLInputElement;

function commitRetention(value: string) {
  const input = screen.getByTestId('retention-input');
  fireEvent.input(input, { target: { value } });
  fireEvent.change(input);
}

describe('options page', () => {
  it('shows the stored settings', async () => {
    await open({
      hosts: { 'pay.mycompany.test': 'kiotapay' },
      anyHost: true,
      providers: { rebell: false },
      retention: 750,
      copyFormat: 'json',
    });
    expect(hostRows()).toEqual([['pay.mycompany.test', 'kiotapay']]);
    expect((screen.getByTestId('any-host') as HTMLInputElement).checked).toBe(true);
    expect(providerSwitch('rebell').checked).toBe(false);
    expect(providerSwitch('payfield').checked).toBe(true);
    expect((screen.getByTestId('retention-input') as HTMLInputElement).value).toBe('750');
    expect((screen.getByTestId('copy-format') as HTMLSelectElement).value).toBe('json');
    expect(saveStatus()).toBe('');
    expect(screen.queryByTestId('repair-notice')).toBeNull();
  });

  it('lists each provider with its own hosts', async () => {
    await open();
    const payfield = providerSwitch('payfield').closest('li');
    expect(payfield?.textContent).toContain('Payfield');
    expect(payfield?.textContent).toContain('api.payfield.io');
  });

  it('adds an exact host, as the schema writes it, and says it saved', async () => {
    const fake = await open();
    addHost('  PAY.MyCompany.test. ', 'kiotapay');
    expect(hostRows()).toEqual([['pay.mycompany.test', 'kiotapay']]);
    expect(screen.getByTestId('host-confirmation').textContent).toBe(
      'Added pay.mycompany.test for Kiotapay.',
    );
    expect((screen.getByTestId('host-input') as HTMLInputElement).value).toBe('');
    await saved();
    expect(fake.stored()).toEqual({ ...DEFAULT_SETTINGS, hosts: { 'pay.mycompany.test': 'kiotapay' } });
  });

  it('adds a wildcard host', async () => {
    const fake = await open();
    addHost('*.pay.mycompany.test', 'payfield');
    await saved();
    expect(fake.stored()).toMatchObject({ hosts: { '*.pay.mycompany.test': 'payfield' } });
    expect(hostRows()).toEqual([['*.pay.mycompany.test', 'payfield']]);
  });

  it.each([
    ['https://pay.example.com', /without scheme, port or path/],
    ['pay.example.com:8443', /without scheme, port or path/],
    ['*.com', /too broad/],
    ['pay.*.example.com', /not a valid wildcard/],
    ['pay_example.com', /not a valid host name/],
    ['   ', /Enter a host name/],
  ])('refuses %j with an inline error and saves nothing', async (host, reason) => {
    const fake = await open();
    addHost(host, 'kiotapay');
    expect(hostError().hidden).toBe(false);
    expect(hostError().textContent).toMatch(reason);
    expect(screen.getByTestId('host-input').getAttribute('aria-invalid')).toBe('true');
    expect(hostRows()).toEqual([]);
    expect(fake.writes).toEqual([]);
    expect(saveStatus()).toBe('');

    // Editing the host clears the error.
    fireEvent.input(screen.getByTestId('host-input'), { target: { value: 'pay.example.com' } });
    expect(hostError().hidden).toBe(true);
  });

  it('asks for a provider before adding a host', async () => {
    const fake = await open();
    addHost('pay.example.com', '');
    expect(hostError().textContent).toBe('Choose the provider this host belongs to.');
    expect(fake.writes).toEqual([]);
  });

  it('moves a host added again to its new provider, and says so', async () => {
    const fake = await open({ hosts: { 'pay.example.com': 'kiotapay' } });
    addHost('pay.example.com', 'kiotapay');
    expect(screen.getByTestId('host-confirmation').textContent).toBe(
      'pay.example.com is already assigned to Kiotapay.',
    );
    expect(fake.writes).toEqual([]);

    addHost('Pay.Example.com', 'payfield');
    expect(screen.getByTestId('host-confirmation').textContent).toBe(
      'pay.example.com now belongs to Payfield instead of Kiotapay.',
    );
    expect(hostRows()).toEqual([['pay.example.com', 'payfield']]);
    await saved();
    expect(fake.stored()).toMatchObject({ hosts: { 'pay.example.com': 'payfield' } });
  });

  it('removes a host', async () => {
    const fake = await open({ hosts: { 'a.example.com': 'kiotapay', 'b.example.com': 'rebell' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove a.example.com' }));
    expect(hostRows()).toEqual([['b.example.com', 'rebell']]);
    await saved();
    expect(fake.stored()).toMatchObject({ hosts: { 'b.example.com': 'rebell' } });
  });

  it('repairs stored settings it cannot use, says what it dropped, and saves the rest', async () => {
    const fake = await open({
      hosts: { 'good.example.com': 'rebell', 'https://bad.example.com/': 'kiotapay' },
      retention: 5,
      colour: 'blue',
    });
    const notice = screen.getByTestId('repair-notice');
    expect(notice.textContent).toContain('colour: unknown setting');
    expect(notice.textContent).toContain('hosts["https://bad.example.com/"]');
    expect(notice.textContent).toContain('retention: must be a whole number from 100 to 200000');
    expect(hostRows()).toEqual([['good.example.com', 'rebell']]);
    await saved();
    expect(fake.stored()).toEqual({ ...DEFAULT_SETTINGS, hosts: { 'good.example.com': 'rebell' } });
  });

  it('switches a provider off and on, storing only the ones off', async () => {
    const fake = await open({ hosts: { 'pay.example.com': 'payfield' } });
    fireEvent.click(providerSwitch('payfield'));
    await saved();
    expect(fake.stored()).toMatchObject({ providers: { payfield: false } });
    // The user's hosts of a provider switched off are left out with it.
    expect(screen.getByTestId('host-row').textContent).toContain('switched off');

    fireEvent.click(providerSwitch('payfield'));
    await waitFor(() => expect(fake.stored()).toMatchObject({ providers: {} }));
    expect(providerSwitch('payfield').checked).toBe(true);
  });

  it('turns on relayed errors on any host, explaining the cost', async () => {
    const fake = await open();
    const toggle = screen.getByTestId('any-host');
    expect(toggle.closest('section')?.textContent).toMatch(/body read per JSON response/);
    fireEvent.click(toggle);
    await saved();
    expect(fake.stored()).toMatchObject({ anyHost: true });
  });

  it.each(['99', '200001', '2500.5', ''])(
    'refuses a retention of %j inline and saves nothing',
    async (value) => {
      const fake = await open();
      commitRetention(value);
      const error = screen.getByTestId('retention-error');
      expect(error.hidden).toBe(false);
      expect(error.textContent).toBe(
        'The retention must be a whole number from 100 to 200000; the panel keeps 5000.',
      );
      expect(fake.writes).toEqual([]);
    },
  );

  it('saves a retention within bounds once committed, not on every key', async () => {
    const fake = await open();
    // Typing 1000 passes through 100, which would cut the open panel's timeline.
    fireEvent.input(screen.getByTestId('retention-input'), { target: { value: '100' } });
    expect(screen.getByTestId('retention-error').hidden).toBe(true);
    expect(fake.writes).toEqual([]);

    commitRetention('1000');
    await saved();
    expect(fake.writes).toEqual([{ settings: { ...DEFAULT_SETTINGS, retention: 1000 } }]);
  });

  it('saves the default copy format', async () => {
    const fake = await open();
    fireEvent.change(screen.getByTestId('copy-format'), { target: { value: 'json' } });
    await saved();
    expect(fake.stored()).toMatchObject({ copyFormat: 'json' });
  });

  it('says when saving failed', async () => {
    const fake = await open();
    fake.failWritesWith(new Error('QUOTA_BYTES quota exceeded'));
    fireEvent.click(screen.getByTestId('any-host'));
    await waitFor(() => expect(saveStatus()).toBe('Could not save: QUOTA_BYTES quota exceeded'));
  });

  it('says when the settings cannot be read, rather than offering to overwrite them', async () => {
    const store: SettingsStore = {
      load: () => Promise.reject(new Error('storage unavailable')),
      save: () => Promise.reject(new Error('unexpected save')),
      subscribe: () => () => {},
    };
    render(<OptionsPage store={store} />);
    expect((await screen.findByTestId('load-error')).textContent).toBe(
      'Could not read the settings: storage unavailable',
    );
    expect(screen.queryByTestId('host-input')).toBeNull();
  });
});
