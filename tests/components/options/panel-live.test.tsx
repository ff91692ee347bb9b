// @vitest-environment happy-dom
/**
 * The options page and an open panel over one storage, as in the browser: what the user
 * changes in the options applies to the panel at once, without reloading it.
 */
import { act, cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettingsStore, watchPanelSettings } from '../../../adapters/settings-store';
import { App } from '../../../components/App';
import { OptionsPage } from '../../../components/options/OptionsPage';
import { kiotapayError } from '../../../lib/providers/kiotapay/examples';
import {
  codesOf,
  createFakePorts,
  exchange,
  kiotapayMissingField,
  payfieldUnauthorized,
  rows,
} from '../../support/panel';
import { createFakeStorage } from '../../support/storage';

afterEach(cleanup);

const missingField = (url: string) =>
  exchange(url, 400, kiotapayError('REQ_MISSING_FIELD', 'amount is required'));

async function openBoth(stored: unknown = {}) {
  const storage = createFakeStorage({ settings: stored });
  const fake = createFakePorts();
  const ports = { ...fake.ports, settings: watchPanelSettings(createSettingsStore(storage.storage)) };
  const panel = within(render(<App ports={ports} />).container as HTMLElement);
  const options = within(
    render(<OptionsPage store={createSettingsStore(storage.storage)} />).container as HTMLElement,
  );
  await options.findByTestId('host-input');
  await waitFor(() => expect(fake.listening()).toBe(true));
  const saved = () => waitFor(() => expect(options.getByTestId('save-status').textContent).toBe('Saved'));
  return { fake, panel, options, saved };
}

describe('settings applied to an open panel', () => {
  it('diagnoses errors on a host added in the options page', async () => {
    const { fake, panel, options, saved } = await openBoth();
    act(() => fake.exchange(missingField('https://pay.mycompany.test/api/v1/payments')));
    expect(rows()).toHaveLength(0);

    fireEvent.input(options.getByTestId('host-input'), { target: { value: 'pay.mycompany.test' } });
    fireEvent.change(options.getByTestId('host-provider'), { target: { value: 'kiotapay' } });
    fireEvent.click(options.getByTestId('add-host'));
    await saved();
    expect(panel.getByTestId('empty-state').textContent).toContain('pay.mycompany.test');

    act(() => fake.exchange(missingField('https://pay.mycompany.test/api/v1/payments')));
    expect(rows()[0]?.dataset).toMatchObject({ provider: 'kiotapay', code: 'REQ_MISSING_FIELD' });
  });

  it('matches a wildcard host’s subdomains, not its parent nor a look-alike', async () => {
    const { fake } = await openBoth({ hosts: { '*.pay.mycompany.test': 'kiotapay' } });
    act(() => {
      for (const host of ['eu.pay.mycompany.test', 'pay.mycompany.test', 'evilpay.mycompany.test']) {
        fake.exchange(missingField(`https://${host}/${host}`));
      }
    });
    expect(rows().map((row) => row.querySelector('.request')?.textContent)).toEqual([
      'POST /eu.pay.mycompany.test',
    ]);
  });

  it('stops listing a provider switched off, and lists it again once back on', async () => {
    const { fake, options, saved } = await openBoth();
    const payfield = options
      .getAllByTestId('provider-switch')
      .find((input) => input.dataset.provider === 'payfield') as HTMLInputElement;
    fireEvent.click(payfield);
    await saved();
    act(() => {
      fake.exchange(payfieldUnauthorized());
      fake.exchange(kiotapayMissingField());
    });
    expect(codesOf(rows())).toEqual(['REQ_MISSING_FIELD']);

    fireEvent.click(payfield);
    await waitFor(() => expect(payfield.checked).toBe(true));
    act(() => fake.exchange(payfieldUnauthorized()));
    expect(codesOf(rows())).toEqual(['REQ_MISSING_FIELD', 'unauthorized']);
  });

  it('keeps a switched-off provider’s chip while its filter is pressed, so it can be released', async () => {
    const { fake, panel, options, saved } = await openBoth();
    act(() => {
      fake.exchange(payfieldUnauthorized());
      fake.exchange(kiotapayMissingField());
    });
    const chip = (id: string) =>
      panel.queryAllByTestId('provider-filter').find((c) => c.dataset.provider === id);
    fireEvent.click(chip('payfield') as HTMLElement);
    expect(codesOf(rows())).toEqual(['unauthorized']);
    fireEvent.click(
      options
        .getAllByTestId('provider-switch')
        .find((input) => input.dataset.provider === 'payfield') as HTMLElement,
    );
    await saved();
    fireEvent.click(chip('payfield') as HTMLElement);
    expect(codesOf(rows())).toEqual(['unauthorized', 'REQ_MISSING_FIELD']);
    expect(chip('payfield')).toBeUndefined();
  });

  it('recognises a relayed error on any host once turned on', async () => {
    const { fake, options, saved } = await openBoth();
    // Kiotapay's documented message for its code: a shape no other API is likely to send.
    const relayed = () =>
      exchange(
        'https://shop.example/api/checkout',
        401,
        kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token'),
      );
    act(() => fake.exchange(relayed()));
    expect(rows()).toHaveLength(0);

    fireEvent.click(options.getByTestId('any-host'));
    await saved();
    act(() => fake.exchange(relayed()));
    expect(rows()[0]?.dataset).toMatchObject({ provider: 'kiotapay', code: 'AUTH_INVALID_TOKEN' });
  });

  it('drops the oldest rows beyond a lowered retention', async () => {
    const { fake, panel, options, saved } = await openBoth();
    act(() => {
      for (let i = 0; i < 150; i++) fake.exchange(kiotapayMissingField());
    });
    expect(panel.getByTestId('live-count').textContent).toBe('150 diagnoses');

    const retention = options.getByTestId('retention-input');
    fireEvent.input(retention, { target: { value: '100' } });
    fireEvent.change(retention);
    await saved();
    expect(panel.getByTestId('live-count').textContent).toBe('100 diagnoses · 50 oldest dropped (limit 100)');
  });
});

describe('the gear', () => {
  it('opens the options page from the panel', async () => {
    const fake = createFakePorts();
    const panel = within(render(<App ports={fake.ports} />).container as HTMLElement);
    fireEvent.click(panel.getByRole('button', { name: 'Settings' }));
    expect(fake.settingsOpened()).toBe(1);
  });
});
