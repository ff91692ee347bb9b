/**
 * The header bridge in the real DevTools: the shop's backend, running the PayLens hook,
 * diagnoses its own provider call and the panel lists it beside the browser's, linked to
 * the page request; made-up headers from a page show nothing and break nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FORGED_DIAGNOSES_PATH } from '../../sandbox/server';
import { usePayLens } from './support';

const paylens = usePayLens({ backend: true });

beforeEach(() => paylens().reset());

const origins = () =>
  paylens().panel.$$eval('[data-testid="diagnosis-row"]', (rows) =>
    rows.map((row) => ({
      origin: row.getAttribute('data-origin'),
      provider: row.getAttribute('data-provider'),
      code: row.getAttribute('data-code'),
      label: row.querySelector('[data-testid="backend-origin"]')?.textContent ?? null,
    })),
  );

describe('the server-side checkout', () => {
  it('shows the backend’s provider error as a backend row, linked to its page request', async () => {
    const session = paylens();
    await session.click('kiotapay:AUTH_INVALID_TOKEN');
    await session.checkOutOnServer('kiotapay:AUTH_INVALID_TOKEN');
    await session.waitForDiagnoses(2);
    expect(await origins()).toEqual([
      { origin: 'browser', provider: 'kiotapay', code: 'AUTH_INVALID_TOKEN', label: null },
      { origin: 'backend', provider: 'kiotapay', code: 'AUTH_INVALID_TOKEN', label: 'shop.test' },
    ]);

    const row = await session.panel.waitForSelector('[data-origin="backend"]');
    await row?.click();
    const pageRequest = await session.panel.waitForSelector('[data-testid="page-request"]');
    expect(await pageRequest?.evaluate((element) => element.textContent)).toBe(
      'POST https://shop.test/server-checkout?scenario=kiotapay%3AAUTH_INVALID_TOKEN',
    );
  });

  it('ignores forged, oversized and malformed headers from a page, and goes on', async () => {
    const session = paylens();
    const statuses = await session.shop.evaluate(async (path: string) => {
      const kinds = ['forged', 'oversized', 'malformed'];
      return Promise.all(kinds.map(async (kind) => (await fetch(`${path}?kind=${kind}`)).status));
    }, FORGED_DIAGNOSES_PATH);
    expect(statuses).toEqual([200, 200, 200]);
    await session.click('payfield:insufficient-balance');
    await session.waitForDiagnoses(1);
    expect(await origins()).toEqual([
      { origin: 'browser', provider: 'payfield', code: expect.any(String), label: null },
    ]);
    expect(await session.panel.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  });
});
