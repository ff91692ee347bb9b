// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import {
  apipayRateLimited,
  codesOf,
  createFakePorts,
  emulateScrollerLayout,
  kiotapayExpiredToken,
  kiotapayMissingField,
  kiotapayUnknownCode,
  payfieldUnauthorized,
  rows,
} from '../support/panel';

let undoLayout: (() => void) | undefined;

afterEach(() => {
  cleanup();
  undoLayout?.();
  undoLayout = undefined;
});

async function mount(fake: ReturnType<typeof createFakePorts>) {
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
}

describe('capture to timeline', () => {
  it('shows what is watched while there is nothing to show', async () => {
    await mount(createFakePorts());
    const empty = screen.getByTestId('empty-state');
    for (const host of ['api.kiotapay.co', 'api.rebellapp.com', 'api.payfield.io', 'api.apipay.kz']) {
      expect(empty.textContent).toContain(host);
    }
    expect(empty.textContent).toMatch(/import a HAR file/i);
  });

  it('lists the user’s own hosts in the empty state too', async () => {
    await mount(createFakePorts({ settings: { matcher: { hosts: { 'pay.shop.example': 'kiotapay' } } } }));
    expect(screen.getByTestId('empty-state').textContent).toContain('pay.shop.example');
  });

  it('turns a captured exchange into a row carrying its data attributes', async () => {
    const fake = createFakePorts();
    fake.exchange(kiotapayExpiredToken()); // captured before the panel was shown: replayed
    await mount(fake);
    act(() => fake.exchange(apipayRateLimited()));

    const [first, second] = rows();
    expect(first?.dataset).toMatchObject({
      provider: 'kiotapay',
      code: 'AUTH_INVALID_TOKEN',
      category: 'auth',
      status: '401',
    });
    // ApiPay's rate limit names no code: the attribute is present and empty.
    expect(second?.getAttribute('data-code')).toBe('');
    expect(second?.dataset).toMatchObject({ provider: 'apipay', category: 'rate-limit', status: '429' });
    expect(first?.textContent).toContain('Kiotapay');
    expect(first?.textContent).toContain('POST /api/v1/payments');
    expect(second?.textContent).toContain('Too Many Attempts.');
    expect(screen.getByTestId('live-count').textContent).toBe('2 diagnoses');
  });

  it('marks codes the documentation does not know', async () => {
    const fake = createFakePorts();
    fake.exchange(kiotapayMissingField());
    fake.exchange(kiotapayUnknownCode());
    await mount(fake);
    const [documented, undocumented] = rows();
    expect(documented?.querySelector('.undocumented')).toBeNull();
    expect(undocumented?.querySelector('.undocumented')?.getAttribute('title')).toMatch(
      /not in the provider/i,
    );
  });

  it('ignores exchanges that are not provider failures', async () => {
    const fake = createFakePorts();
    await mount(fake);
    act(() => {
      fake.exchange({ ...kiotapayMissingField(), status: 200, responseBody: '{"status":201}' });
      fake.exchange({ ...kiotapayMissingField(), url: 'https://shop.example/api' });
    });
    expect(rows()).toHaveLength(0);
    expect(screen.getByTestId('empty-state')).toBeTruthy();
  });

  it('keeps at most the cap, says how many were dropped, and follows a new cap live', async () => {
    const fake = createFakePorts({ settings: { cap: 3 } });
    await mount(fake);
    act(() => {
      for (let i = 0; i < 5; i++) fake.exchange(kiotapayMissingField());
    });
    expect(rows()).toHaveLength(3);
    expect(screen.getByTestId('live-count').textContent).toBe('3 diagnoses · 2 oldest dropped (limit 3)');

    act(() => fake.settings.set({ ...fake.settings.get(), cap: 1 }));
    expect(rows()).toHaveLength(1);
    expect(screen.getByTestId('live-count').textContent).toBe('1 diagnosis · 4 oldest dropped (limit 1)');
  });

  it('clears on navigation unless preserve log is on, as DevTools does', async () => {
    const fake = createFakePorts();
    await mount(fake);
    act(() => fake.exchange(kiotapayExpiredToken()));
    act(() => fake.navigate('https://shop.example/checkout'));
    expect(rows()).toHaveLength(0);

    act(() => fake.exchange(payfieldUnauthorized()));
    fireEvent.click(screen.getByLabelText('Preserve log'));
    act(() => fake.navigate('https://shop.example/done'));
    act(() => fake.exchange(kiotapayMissingField()));
    expect(codesOf(rows())).toEqual(['unauthorized', 'REQ_MISSING_FIELD']);
    const separators = screen.getAllByTestId('navigation-separator').map((element) => element.textContent);
    expect(separators).toEqual([
      'Navigated to https://shop.example/checkout',
      'Navigated to https://shop.example/done',
    ]);
  });

  it('replays navigations under the saved preserve-log setting', async () => {
    const fake = createFakePorts({ stored: { preserveLog: true } });
    fake.exchange(kiotapayExpiredToken());
    fake.navigate('https://shop.example/next');
    fake.exchange(kiotapayMissingField());
    await mount(fake);
    expect(codesOf(rows())).toEqual(['AUTH_INVALID_TOKEN', 'REQ_MISSING_FIELD']);
  });

  it('Clear empties the timeline', async () => {
    const fake = createFakePorts();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(rows()).toHaveLength(0);
    expect(screen.getByTestId('live-count').textContent).toBe('0 diagnoses');
    // A reloaded panel replays what was captured: the cleared rows must not come back.
    cleanup();
    await mount(fake);
    expect(rows()).toHaveLength(0);
  });

  it('follows the DevTools theme', async () => {
    const fake = createFakePorts({ theme: 'dark' });
    await mount(fake);
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => fake.theme.set('light'));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('renders only the rows in view of 10,000, following the newest until scrolled up', async () => {
    undoLayout = emulateScrollerLayout();
    const fake = createFakePorts({ settings: { cap: 20_000 } });
    await mount(fake);
    act(() => {
      for (let i = 0; i < 10_000; i++) {
        fake.exchange({ ...kiotapayMissingField(), url: `https://api.kiotapay.co/api/v1/payments/${i}` });
      }
    });
    expect(screen.getByTestId('live-count').textContent).toBe('10000 diagnoses');
    const rendered = rows();
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(100);
    // It follows the newest, like the Network panel.
    expect(rendered.at(-1)?.textContent).toContain('/api/v1/payments/9999');

    const list = screen.getByRole('listbox');
    list.scrollTop = 5_000 * 24;
    fireEvent.scroll(list);
    expect(rows().some((row) => row.textContent?.includes('/api/v1/payments/5000'))).toBe(true);
    expect(rows().some((row) => row.textContent?.includes('/api/v1/payments/9999'))).toBe(false);

    // Scrolled up, new rows do not pull the view down.
    act(() =>
      fake.exchange({ ...kiotapayMissingField(), url: 'https://api.kiotapay.co/api/v1/payments/new' }),
    );
    expect(list.scrollTop).toBe(5_000 * 24);
    expect(rows().some((row) => row.textContent?.includes('/api/v1/payments/5000'))).toBe(true);

    // Back at the bottom, it follows again.
    list.scrollTop = list.scrollHeight;
    fireEvent.scroll(list);
    act(() =>
      fake.exchange({ ...kiotapayMissingField(), url: 'https://api.kiotapay.co/api/v1/payments/newest' }),
    );
    expect(rows().at(-1)?.textContent).toContain('/api/v1/payments/newest');
  });
});
