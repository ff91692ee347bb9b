// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import {
  apipayRateLimited,
  apipayValidation,
  codesOf,
  createFakePorts,
  kiotapayExpiredToken,
  kiotapayMissingField,
  payfieldUnauthorized,
  rows,
} from '../support/panel';

afterEach(cleanup);

function seeded(stored?: unknown) {
  const fake = createFakePorts({ stored });
  fake.exchange(kiotapayExpiredToken());
  fake.exchange(apipayRateLimited());
  fake.exchange(kiotapayMissingField());
  fake.exchange(payfieldUnauthorized());
  fake.exchange(apipayValidation());
  return fake;
}

async function mount(fake: ReturnType<typeof createFakePorts>) {
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
}

const providerChip = (id: string) =>
  screen.getAllByTestId('provider-filter').find((chip) => chip.dataset.provider === id) as HTMLElement;
const categoryChip = (category: string) =>
  screen.getAllByTestId('category-filter').find((chip) => chip.dataset.category === category) as HTMLElement;
const providersShown = () => [...new Set(rows().map((row) => row.dataset.provider))].sort();

describe('filters', () => {
  it('counts diagnoses per provider and filters by provider', async () => {
    await mount(seeded());
    expect(providerChip('kiotapay').textContent).toBe('Kiotapay 2');
    expect(providerChip('apipay').textContent).toBe('ApiPay.kz 2');
    expect(providerChip('payfield').textContent).toMatch(/ 1$/);
    expect(providerChip('rebell').textContent).toMatch(/ 0$/);

    fireEvent.click(providerChip('apipay'));
    expect(providerChip('apipay').getAttribute('aria-pressed')).toBe('true');
    expect(providersShown()).toEqual(['apipay']);
    expect(screen.getByTestId('live-count').textContent).toBe('5 diagnoses · 2 shown');

    fireEvent.click(providerChip('payfield'));
    expect(providersShown()).toEqual(['apipay', 'payfield']);
    // Counts stay totals, whatever is shown.
    expect(providerChip('kiotapay').textContent).toBe('Kiotapay 2');
  });

  it('filters by category', async () => {
    await mount(seeded());
    fireEvent.click(categoryChip('auth'));
    expect(codesOf(rows())).toEqual(['AUTH_INVALID_TOKEN', 'unauthorized']);
    fireEvent.click(categoryChip('rate-limit'));
    expect(rows().map((row) => row.dataset.category)).toEqual(['auth', 'rate-limit', 'auth']);
  });

  it('searches code, message and URL, case-insensitively', async () => {
    await mount(seeded());
    const search = screen.getByRole('searchbox');
    fireEvent.input(search, { target: { value: 'auth_invalid' } });
    expect(codesOf(rows())).toEqual(['AUTH_INVALID_TOKEN']);
    fireEvent.input(search, { target: { value: 'too many' } });
    expect(rows().map((row) => row.dataset.provider)).toEqual(['apipay']);
    fireEvent.input(search, { target: { value: 'payfield.io/api/v1/payouts' } });
    expect(codesOf(rows())).toEqual(['unauthorized']);
    fireEvent.input(search, { target: { value: 'nothing like this' } });
    expect(rows()).toHaveLength(0);
    expect(screen.getByText('No diagnoses match the filters.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(rows()).toHaveLength(5);
  });

  it('saves the filters through the host', async () => {
    const fake = seeded();
    await mount(fake);
    fireEvent.click(providerChip('kiotapay'));
    fireEvent.click(categoryChip('validation'));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'amount' } });
    await waitFor(() =>
      expect(fake.saved.at(-1)).toEqual({
        filters: { providers: ['kiotapay'], categories: ['validation'], text: 'amount' },
        preserveLog: false,
      }),
    );
  });

  it('saves what was typed just before the panel closed', async () => {
    const fake = seeded();
    const { unmount } = render(<App ports={fake.ports} />);
    await waitFor(() => expect(fake.listening()).toBe(true));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'token' } });
    unmount();
    expect(fake.saved.at(-1)?.filters.text).toBe('token');
  });

  it('restores the saved filters when the panel loads', async () => {
    const fake = seeded({ filters: { providers: ['kiotapay'], categories: ['validation'], text: '' } });
    await mount(fake);
    expect(codesOf(rows())).toEqual(['REQ_MISSING_FIELD']);
    expect(providerChip('kiotapay').getAttribute('aria-pressed')).toBe('true');
    expect(categoryChip('validation').getAttribute('aria-pressed')).toBe('true');
    act(() => fake.exchange(kiotapayMissingField()));
    expect(codesOf(rows())).toEqual(['REQ_MISSING_FIELD', 'REQ_MISSING_FIELD']);
  });

  it('does not overwrite saved filters with the defaults before they are loaded', async () => {
    const fake = seeded({ filters: { providers: ['apipay'], categories: [], text: 'x' } });
    await mount(fake);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.saved.every((state) => state.filters.providers[0] === 'apipay')).toBe(true);
  });
});
