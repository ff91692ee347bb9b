// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App';
import { backendFindings, backendHeaderValue, readBackendHeader } from '../../lib/backend-header';
import { diagnose } from '../../lib/matcher';
import { createFakePorts, kiotapayExpiredToken, payfieldUnauthorized, rows } from '../support/panel';

afterEach(cleanup);

async function mount(fake: ReturnType<typeof createFakePorts>) {
  render(<App ports={fake.ports} />);
  await waitFor(() => expect(fake.listening()).toBe(true));
}

/** What the capture makes of a page response whose header carries the backend's diagnosis. */
function backendEvent(key: string) {
  const exchange = payfieldUnauthorized();
  const diagnosis = diagnose(exchange);
  if (!diagnosis) throw new Error('not diagnosed');
  const report = readBackendHeader(backendHeaderValue([{ exchange, diagnosis }]));
  if (!report) throw new Error('unreadable');
  const findings = backendFindings(report, { method: 'POST', url: 'https://shop.test/server-checkout' });
  return { kind: 'backend' as const, key, at: exchange.startedDateTime, findings };
}

describe('a backend’s diagnoses in the timeline', () => {
  it('are rows with data-origin="backend", labelled with the reporting host, beside the browser’s', async () => {
    const fake = createFakePorts();
    fake.exchange(kiotapayExpiredToken());
    fake.emit(backendEvent('page-1'));
    await mount(fake);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [browser, backend] = rows();
    expect(browser?.getAttribute('data-origin')).toBe('browser');
    expect(backend?.getAttribute('data-origin')).toBe('backend');
    expect(backend?.getAttribute('data-provider')).toBe('payfield');
    const label = backend?.querySelector('[data-testid="backend-origin"]');
    expect(label?.textContent).toBe('shop.test');
    expect(label?.getAttribute('title')).toContain('POST https://shop.test/server-checkout');
    expect(browser?.querySelector('[data-testid="backend-origin"]')).toBeNull();

    fireEvent.mouseDown(backend as HTMLElement);
    expect(screen.getByTestId('page-request').textContent).toBe('POST https://shop.test/server-checkout');
    expect(screen.getByTestId('backend-origin-details').textContent).toContain('shop.test');
  });

  it('are left out for a provider switched off in the settings', async () => {
    const fake = createFakePorts({ settings: { matcher: { providers: ['kiotapay'] } } });
    fake.emit(backendEvent('page-1'));
    fake.exchange(kiotapayExpiredToken());
    await mount(fake);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]?.getAttribute('data-provider')).toBe('kiotapay');
  });
});
