// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import { catalogEntries, searchCatalog } from '../../lib/catalog';
import { providerById } from '../../lib/providers';
import { createFakePorts, kiotapayExpiredToken, rows } from '../support/panel';

afterEach(cleanup);

async function mount(fake = createFakePorts()) {
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
  return fake;
}

const press = (key: string, target: Element = document.body) => fireEvent.keyDown(target, { key });
const entries = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="catalog-entry"]'));
const named = () => entries().map(({ dataset }) => `${dataset.provider}:${dataset.code}`);
const catalogSearch = () => screen.getByRole('searchbox', { name: 'Search the catalog' });
const search = (text: string) => fireEvent.input(catalogSearch(), { target: { value: text } });
/** The view's code is loaded when it is first opened. */
const shown = () => screen.findByTestId('catalog-view');

describe('catalog view', () => {
  it('lists every rule, grouped by provider and table, with no traffic at all', async () => {
    await mount();
    expect(screen.getByTestId('empty-state')).toBeTruthy();
    press('b');
    await shown();
    expect(entries()).toHaveLength(catalogEntries.length);
    expect(screen.getByTestId('catalog-count').textContent).toBe(`${catalogEntries.length} documented rows`);
    const headings = within(screen.getByTestId('catalog-view'))
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(headings[0]).toBe('Kiotapay · Authentication & Authorization Errors');
    expect(headings).toContain('Rebell OpenAPI · Result Status Values');
    expect(headings).toContain('Alternative Payments · Errors');
    // Each table once: the catalog keeps a table's rows together.
    expect(new Set(headings).size).toBe(headings.length);
  });

  it('shows each entry’s meaning, remedy, retry advice, note and docs link', async () => {
    await mount();
    press('b');
    await shown();
    search('REQUEST_TIME_INVALID');
    const [entry] = entries();
    expect(entries()).toHaveLength(1);
    expect(entry?.dataset).toMatchObject({ provider: 'rebell', code: 'REQUEST_TIME_INVALID' });
    const text = entry?.textContent ?? '';
    expect(text).toContain('Request time invalid. Request timestamp out of range');
    expect(text).toContain('Remedy: Sync server clock');
    expect(text).toContain('Do not retry as is: fix the request or the account first.');
    expect(text).toContain('The Request-Time header must be within about 5 minutes');
    expect(
      within(entry as HTMLElement)
        .getByRole('link', { name: 'Rebell OpenAPI documentation' })
        .getAttribute('href'),
    ).toBe(providerById('rebell')?.docsUrl);
  });

  it('searches as paylens explain does: codes without case or underscores, messages with values', async () => {
    await mount();
    press('b');
    await shown();
    search('invalid signature');
    expect(named().slice(0, 2)).toEqual(['rebell:INVALID_SIGNATURE', 'payfield:']);
    const expected = searchCatalog({ text: 'invalid signature' });
    expect(entries()).toHaveLength(expected.length);
    expect(screen.getByTestId('catalog-count').textContent).toBe(
      `${expected.length} of ${catalogEntries.length} documented rows`,
    );
    search('Insufficient balance: 12.00 available');
    expect(named()).toEqual(['payfield:']);
    expect(entries()[0]?.textContent).toContain('Not enough balance for payout.');
  });

  it('narrows to a provider and a category', async () => {
    await mount();
    press('b');
    await shown();
    fireEvent.change(screen.getByRole('combobox', { name: 'Provider' }), { target: { value: 'apipay' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'rate-limit' } });
    // In the catalog's order: the Common Errors row, the business code, the status row.
    expect(entries().map((entry) => entry.querySelector('h4 .mono')?.textContent)).toEqual([
      'Too many requests',
      'tariff_limit_reached',
      'HTTP 429',
    ]);
    expect(new Set(entries().map((entry) => entry.dataset.provider))).toEqual(new Set(['apipay']));
  });

  it('suggests the closest codes for a near miss, and a suggestion searches for it', async () => {
    await mount();
    press('b');
    await shown();
    search('INVALD_AUTH_CODE');
    expect(entries()).toHaveLength(0);
    expect(screen.getByTestId('catalog-view').textContent).toContain('No documented row matches.');
    expect(screen.getByTestId('catalog-view').textContent).toContain('Did you mean INVALID_AUTH_CODE?');
    fireEvent.click(screen.getByRole('button', { name: 'INVALID_AUTH_CODE' }));
    expect((catalogSearch() as HTMLInputElement).value).toBe('INVALID_AUTH_CODE');
    expect(named()[0]).toBe('rebell:INVALID_AUTH_CODE');
  });

  it('opens from a diagnosis’s details at its provider and category', async () => {
    const fake = createFakePorts();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: 'All Kiotapay auth errors' }));
    await shown();
    expect(screen.getByTestId('toggle-catalog').getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByRole('combobox', { name: 'Provider' }) as HTMLSelectElement).value).toBe('kiotapay');
    expect((screen.getByRole('combobox', { name: 'Category' }) as HTMLSelectElement).value).toBe('auth');
    expect(named()).toEqual([
      'kiotapay:AUTH_INVALID_TOKEN',
      'kiotapay:AUTH_MISSING_TOKEN',
      'kiotapay:AUTH_FORBIDDEN',
      'kiotapay:',
      'kiotapay:',
    ]);
  });

  it('toggles with the toolbar button and the b key; / searches the catalog while it is shown', async () => {
    const fake = createFakePorts();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    const toggle = screen.getByTestId('toggle-catalog');
    expect(toggle.getAttribute('title')).toContain('(b)');
    fireEvent.click(toggle);
    await shown();
    press('/');
    expect(document.activeElement).toBe(catalogSearch());
    // Typed into the search, b is a letter, not the shortcut.
    press('b', catalogSearch());
    expect(screen.queryByTestId('catalog-view')).not.toBeNull();
    press('Escape', catalogSearch());
    // The timeline's keys wait until it is back in view.
    press('ArrowDown');
    press('b');
    expect(document.querySelector('[aria-selected="true"]')).toBeNull();
    expect(screen.queryByTestId('catalog-view')).toBeNull();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    // The timeline kept its diagnosis while the catalog was shown.
    expect(rows()).toHaveLength(1);
    press('/');
    expect(document.activeElement).toBe(
      screen.getByRole('searchbox', { name: 'Search code, message and URL' }),
    );
  });
});
