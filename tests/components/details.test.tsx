// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import {
  apipayRateLimited,
  apipayValidation,
  createFakeHost,
  exchange,
  kiotapayExpiredToken,
  rows,
  SECRETS,
} from './support';

/** What the textarea fallback put on the clipboard. */
let copied: string[];

beforeEach(() => {
  copied = [];
  // DevTools panels are usually refused the Clipboard API.
  vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
    new DOMException('Refused', 'NotAllowedError'),
  );
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: vi.fn((command: string) => {
      const area = document.querySelector('textarea');
      if (command !== 'copy' || !area) return false;
      copied.push(area.value);
      return true;
    }),
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function mount(fake: ReturnType<typeof createFakeHost>) {
  render(<App host={fake.host} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
}

const pane = () => screen.getByTestId('details-pane');

describe('details pane', () => {
  it('opens on selection with meaning, remedy, retry, docs, match, request and response', async () => {
    const fake = createFakeHost();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    const [row] = rows();
    fireEvent.mouseDown(row as HTMLElement);
    expect(row?.getAttribute('aria-selected')).toBe('true');

    const details = within(pane());
    expect(details.getByText('Invalid authentication token', { exact: false })).toBeTruthy();
    expect(pane().textContent).toContain('The provided token is expired or invalid.');
    expect(pane().textContent).toContain('Refresh or generate a new token.');
    expect(pane().textContent).toContain('Do not retry as is');
    expect(pane().textContent).toContain('matched by host');
    expect(details.getByRole('link', { name: 'Provider documentation' }).getAttribute('href')).toMatch(
      /^https:\/\/developer\.kiotapay\.co\//,
    );
    // The request, with its secrets masked.
    expect(pane().textContent).toContain(
      'POST https://api.kiotapay.co/api/v1/payments?card_number=[REDACTED]',
    );
    expect(pane().textContent).toMatch(/Bearer \[JWT[^\]]*\]/);
    for (const secret of Object.values(SECRETS)) expect(pane().textContent).not.toContain(secret);
    // The response, pretty-printed.
    expect(pane().textContent).toContain('HTTP 401');
    expect(pane().querySelector('.details-body section:last-child pre')?.textContent).toContain(
      '"code": "AUTH_INVALID_TOKEN"',
    );
    // The payload, pretty-printed and redacted, with its content type.
    const payload = screen.getByTestId('request-payload');
    expect(payload.textContent).toContain('(application/json)');
    expect(payload.textContent).toContain('"amount": 1000');
    expect(payload.textContent).toContain('"card_number": "[CARD …1111]"');
  });

  it('shows field errors', async () => {
    const fake = createFakeHost();
    fake.exchange(apipayValidation());
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    const fields = within(pane()).getByRole('list', { name: 'Field errors' });
    expect(fields.textContent).toBe('amount: The amount field is required.');
  });

  it('shows provider text as text, never as HTML', async () => {
    const fake = createFakeHost();
    const attack = '<img src=x onerror="window.pwned=1">';
    fake.exchange(
      exchange('https://api.kiotapay.co/api/v1/payments', 400, {
        error: { code: attack, message: `Bad <b>things</b> ${attack}` },
      }),
    );
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(pane().textContent).toContain(`Bad <b>things</b> ${attack}`);
    expect(rows()[0]?.textContent).toContain(attack);
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('counts down the wait the response asked for', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2025-11-22T10:00:05.000Z'));
    const fake = createFakeHost();
    fake.exchange(apipayRateLimited('2025-11-22T10:00:00.000Z'));
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    const timer = within(pane()).getByRole('timer');
    expect(pane().textContent).toContain('Retry after 30 s, as the response asks.');
    expect(timer.textContent).toBe(' 25 s left.');
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(timer.textContent).toBe(' 15 s left.');
    act(() => {
      vi.advanceTimersByTime(20_000);
    });
    expect(timer.textContent).toBe(' You can retry now.');
  });

  it('closes with its close button', async () => {
    const fake = createFakeHost();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: 'Close details' }));
    expect(screen.queryByTestId('details-pane')).toBeNull();
  });
});

describe('what the pane shows', () => {
  it('is redacted as a copy is, the request’s secrets echoed by the provider included', async () => {
    const fake = createFakeHost();
    fake.exchange(
      exchange(
        'https://api.payfield.io/api/v1/payouts',
        401,
        { message: `Invalid API key ${SECRETS.apiKey}`, code: 'unauthorized' },
        {
          requestHeaders: [{ name: 'X-API-Key', value: SECRETS.apiKey }],
          responseHeaders: [{ name: 'X-Echo-Key', value: SECRETS.apiKey }],
        },
      ),
    );
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    expect(pane().textContent).toContain('Invalid API key [REDACTED]');
    expect(pane().textContent).not.toContain(SECRETS.apiKey);
  });
});

describe('copy diagnosis', () => {
  it('copies redacted Markdown through the fallback when the Clipboard API is refused', async () => {
    const fake = createFakeHost();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    fireEvent.click(within(pane()).getByRole('button', { name: 'Copy diagnosis' }));

    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe('Copied the diagnosis as Markdown'),
    );
    expect(navigator.clipboard.writeText).toHaveBeenCalled();
    expect(copied).toHaveLength(1);
    const markdown = copied[0] as string;
    expect(markdown).toMatch(/^### Kiotapay: AUTH\\_INVALID\\_TOKEN \(HTTP 401\)/);
    expect(markdown).toMatch(/Authorization: Bearer \[JWT[^\]]*\]/);
    expect(markdown).toContain('X-API-Key: [REDACTED]');
    expect(markdown).not.toContain(SECRETS.bearer);
    expect(markdown).not.toContain(SECRETS.apiKey);
    expect(markdown).not.toContain(SECRETS.card);
    expect(markdown).not.toContain('4111 1111 1111 1111');
    // The textarea is gone again.
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('uses the Clipboard API when it is allowed', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const fake = createFakeHost();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    fireEvent.click(within(pane()).getByRole('button', { name: 'Copy diagnosis' }));
    await waitFor(() =>
      expect(screen.getByTestId('notice').textContent).toBe('Copied the diagnosis as Markdown'),
    );
    expect(writeText.mock.calls[0]?.[0]).toContain('AUTH_INVALID_TOKEN');
    expect(copied).toHaveLength(0);
  });

  it('copies JSON as the alternative, and by default when the settings say so', async () => {
    const fake = createFakeHost();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    fireEvent.click(within(pane()).getByRole('button', { name: 'Copy as JSON' }));
    await waitFor(() => expect(copied).toHaveLength(1));
    const document_ = JSON.parse(copied[0] as string);
    expect(document_.diagnoses[0]).toMatchObject({ provider: 'kiotapay', code: 'AUTH_INVALID_TOKEN' });
    expect(document_.diagnoses[0].url).not.toContain(SECRETS.card);
    expect(screen.getByTestId('notice').textContent).toBe('Copied the diagnosis as JSON');

    act(() => fake.settings.set({ ...fake.settings.get(), copyFormat: 'json' }));
    expect(within(pane()).getByRole('button', { name: 'Copy as Markdown' })).toBeTruthy();
    fireEvent.click(within(pane()).getByRole('button', { name: 'Copy diagnosis' }));
    await waitFor(() => expect(copied).toHaveLength(2));
    expect(() => JSON.parse(copied[1] as string)).not.toThrow();
  });

  it('says so when the copy fails', async () => {
    Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
    const fake = createFakeHost();
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    fireEvent.mouseDown(rows()[0] as HTMLElement);
    fireEvent.click(within(pane()).getByRole('button', { name: 'Copy diagnosis' }));
    await waitFor(() => expect(screen.getByTestId('notice').textContent).toMatch(/^Could not copy/));
  });
});
