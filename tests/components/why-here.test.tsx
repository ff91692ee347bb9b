// @vitest-environment happy-dom
/** The session analyzer in the panel: the row's marker, "Why here", support ids, the warning strip. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App';
import { WhyHere } from '../../components/WhyHere';
import { presentationOf } from '../../lib/presentation';
import { createFakePorts, rows } from '../support/panel';
import { call, httpDate, T0 } from '../support/session';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const TOKEN = 'kiota-opaque-access-token-7731';

/** A token issued by Kiotapay, used 330 s later (it lives 300 s), and refused. */
const expiredToken = [
  call({
    url: 'https://api.kiotapay.co/api/v1/get-token',
    status: 200,
    body: { status: '200 OK', data: { access_token: TOKEN, expires_in: 300 } },
  }),
  call({ url: 'https://shop.example/cart', status: 200, body: {} }),
  call({
    url: 'https://api.kiotapay.co/api/v1/payments',
    status: 401,
    at: 330,
    body: { error: { code: 'AUTH_INVALID_TOKEN', message: 'Invalid authentication token', details: '' } },
    request: { Authorization: `Bearer ${TOKEN}` },
    response: { Date: httpDate(T0 + 330_000), 'X-Request-Id': 'req-9f1c2e' },
  }),
];

/** Payfield answers a signed request whose X-Timestamp is 180 s behind its Date header. */
const skewedSuccess = call({
  url: 'https://api.payfield.io/api/v1/payouts',
  status: 201,
  body: { data: { id: 'PO-1' } },
  request: { 'X-Timestamp': String(T0 / 1000 - 180), 'X-API-Key': 'pf_live_key_12345' },
  response: { Date: httpDate(T0) },
});

async function mount() {
  const fake = createFakePorts();
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
  return fake;
}

describe('the panel, with the session analyzer', () => {
  it('marks the row, and opens its details on why it happened here, with the support id to copy', async () => {
    const writes: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      writes.push(text);
    });
    const fake = await mount();
    for (const exchange of expiredToken) fake.exchange(exchange);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const row = rows()[0] as HTMLElement;
    expect(row.dataset.insights).toBe('token');
    expect(row.querySelector('.why-marker')?.getAttribute('title')).toMatch(
      /^Why here: The bearer token was issued/,
    );

    fireEvent.mouseDown(row);
    const why = within(screen.getByTestId('why-here'));
    expect(why.getByText(/issued by Kiotapay's token endpoint in this capture 330 s before/)).toBeTruthy();
    // The token endpoint's success is not a diagnosis: named, not linked.
    expect(why.getByText('entry #0').tagName).toBe('SPAN');
    expect(why.queryByTestId('related-entry')).toBeNull();
    expect(screen.getByTestId('why-here').textContent).not.toContain(TOKEN);

    fireEvent.click(why.getByTestId('copy-support-id'));
    await waitFor(() => expect(writes).toEqual(['req-9f1c2e']));
  });

  it('shows a session warning above the list before any error, until dismissed', async () => {
    const fake = await mount();
    fake.exchange(skewedSuccess);
    const warning = await screen.findByTestId('session-warning');
    expect(warning.dataset.kind).toBe('clock-skew');
    expect(warning.textContent).toContain('180 s behind');
    fireEvent.click(within(warning).getByRole('button', { name: 'Dismiss this warning' }));
    expect(screen.queryByTestId('session-warning')).toBeNull();
  });

  it('has data-insights empty on a row the analyzer says nothing of', async () => {
    const fake = await mount();
    fake.exchange(
      call({
        url: 'https://api.kiotapay.co/api/v1/payments',
        status: 402,
        body: { error: { code: 'INSUFFICIENT_FUNDS', message: 'Insufficient funds' } },
      }),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect((rows()[0] as HTMLElement).dataset.insights).toBe('');
  });
});

describe('WhyHere', () => {
  it('links a related entry that is listed, and selects it', () => {
    const exchange = expiredToken[2];
    if (!exchange) throw new Error('no exchange');
    const shown = presentationOf({
      exchange,
      diagnosis: {
        provider: 'kiotapay',
        providerName: 'Kiotapay',
        match: 'host',
        outcome: 'failed',
        method: 'POST',
        url: exchange.url,
        status: 401,
        startedDateTime: exchange.startedDateTime,
        code: 'AUTH_INVALID_TOKEN',
        message: null,
        documented: true,
        category: 'auth',
        title: 'Invalid authentication token',
        meaning: 'm',
        remedy: 'r',
        retry: { advice: 'no' },
        fields: [],
        docsUrl: 'https://developer.kiotapay.co/',
      },
      analysis: {
        insights: [{ kind: 'token', text: 'Sent again after a refusal.', related: [4, 7], figures: {} }],
        supportIds: [],
      },
    });
    const shownEntries: number[] = [];
    render(
      <WhyHere
        shown={shown}
        isListed={(index) => index === 4}
        onShowEntry={(index) => shownEntries.push(index)}
        onCopySupportId={() => {}}
      />,
    );
    fireEvent.click(screen.getByTestId('related-entry'));
    expect(shownEntries).toEqual([4]);
    expect(screen.getByText('entry #7').tagName).toBe('SPAN');
  });
});
