/** The panel's controls, in the real DevTools: filters, search, copy, preserve log, hostile text. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { PayLensBrowser } from '../../e2e/harness';
import { providerById } from '../../lib/providers';
import { HOSTILE_MARKUP } from '../../lib/providers/wire';
import { PLANTED, PLANTED_SECRETS } from '../../sandbox/credentials';
import { ORDER_PAGE } from '../../sandbox/shop/pages';
import { expectedRow, scenario, usePayLens } from './support';

const paylens = usePayLens();

beforeEach(() => paylens().reset());

/** One documented error per provider, each on a different host. */
const MIXED = [
  'kiotapay:AUTH_INVALID_TOKEN',
  'rebell:INVALID_SIGNATURE',
  'payfield:insufficient-balance',
  'apipay:invalid-api-key',
  'alternative-payments:http-429',
];

async function fireMixed(session: PayLensBrowser): Promise<void> {
  for (const id of MIXED) await session.click(id);
  await session.waitForDiagnoses(MIXED.length);
}

const rowOf = (id: string) => expectedRow(scenario(id));

describe('filters', () => {
  it('narrows the list to the providers pressed in the filter bar', async () => {
    const session = paylens();
    await fireMixed(session);
    const chip = (provider: string) => `[data-testid="provider-filter"][data-provider="${provider}"]`;

    await session.panel.click(chip('payfield'));
    await session.waitForDiagnoses(MIXED.length, 1);
    expect(await session.rows()).toEqual([rowOf('payfield:insufficient-balance')]);

    await session.panel.click(chip('apipay'));
    await session.waitForDiagnoses(MIXED.length, 2);
    expect(await session.rows()).toEqual([
      rowOf('payfield:insufficient-balance'),
      rowOf('apipay:invalid-api-key'),
    ]);

    await session.panel.click(chip('payfield'));
    await session.panel.click(chip('apipay'));
    await session.waitForDiagnoses(MIXED.length);
    expect(await session.rows()).toEqual(MIXED.map(rowOf));
  });

  it('narrows the list to the rows whose code or URL holds the search text', async () => {
    const session = paylens();
    await fireMixed(session);

    await session.panel.type('input[type="search"]', 'auth_invalid');
    await session.waitForDiagnoses(MIXED.length, 1);
    expect(await session.rows()).toEqual([rowOf('kiotapay:AUTH_INVALID_TOKEN')]);

    await session.setSearch(providerById('apipay')?.hosts[0] ?? 'apipay');
    await session.waitForDiagnoses(MIXED.length, 1);
    expect(await session.rows()).toEqual([rowOf('apipay:invalid-api-key')]);
  });
});

describe('copy diagnosis', () => {
  const expectNoSecret = (copied: string) => {
    for (const secret of PLANTED_SECRETS) expect(copied).not.toContain(secret);
  };

  it('puts redacted Markdown on the clipboard, without the Authorization of the request', async () => {
    const session = paylens();
    await session.click('kiotapay:AUTH_INVALID_TOKEN');
    const details = await session.select({ code: 'AUTH_INVALID_TOKEN' });
    const copied = await session.copied(async () => {
      const button = await details.waitForSelector('::-p-text(Copy diagnosis)');
      await button?.click();
    });
    expect(copied).toMatch(/^### Kiotapay: AUTH\\_INVALID\\_TOKEN \(HTTP 401\)/);
    // The header is there, its value is not.
    expect(copied).toContain('Authorization:');
    expect(copied).not.toContain(PLANTED.kiotapayToken);
    expectNoSecret(copied);
  });

  it('copies with the c key, without the X-API-Key or the card number of the request', async () => {
    const session = paylens();
    await session.click('payfield:insufficient-balance');
    await session.select({ provider: 'payfield' });
    const copied = await session.copied(() => session.devtools.keyboard.press('c'));
    expect(copied).toMatch(/^### Payfield: /);
    expect(copied).toContain('X-API-Key:');
    expect(copied).not.toContain(PLANTED.payfieldApiKey);
    expect(copied).not.toContain(PLANTED.cardNumber);
    expectNoSecret(copied);
  });
});

describe('preserve log', () => {
  const navigateToOrder = async (session: PayLensBrowser) => {
    // The order page polls the payment as it loads: a fresh row after the navigation.
    await Promise.all([session.shop.waitForNavigation(), session.shop.click('#navigate')]);
    await session.waitForRow({ code: scenario(ORDER_PAGE.polled).name });
  };

  it('off: a navigation clears the rows of the page before', async () => {
    const session = paylens();
    await session.click('kiotapay:AUTH_INVALID_TOKEN');
    await session.waitForDiagnoses(1);
    await navigateToOrder(session);
    await session.waitForDiagnoses(1);
    expect(await session.rows()).toEqual([rowOf(ORDER_PAGE.polled)]);
  });

  it('on: the rows of the page before stay, below a separator for the navigation', async () => {
    const session = paylens();
    await session.setPreserveLog(true);
    await session.click('kiotapay:AUTH_INVALID_TOKEN');
    await session.waitForDiagnoses(1);
    await navigateToOrder(session);
    await session.waitForDiagnoses(2);
    expect(await session.rows()).toEqual([rowOf('kiotapay:AUTH_INVALID_TOKEN'), rowOf(ORDER_PAGE.polled)]);
    const separators = await session.panel.$$eval('[data-testid="navigation-separator"]', (items) =>
      items.map((item) => item.textContent),
    );
    expect(separators).toContain(`Navigated to ${new URL('/order', session.sandbox.url)}`);
  });
});

describe('provider text', () => {
  it.for(['kiotapay:hostile-message', 'payfield:hostile-message'])(
    '%s: markup in the message is shown as text and runs nothing',
    async (id) => {
      const session = paylens();
      await session.click(id);
      const details = await session.select({ provider: scenario(id).provider });
      expect(await details.$eval('.message', (message) => message.textContent)).toContain(HOSTILE_MARKUP);
      expect(await details.$$('img, script')).toHaveLength(0);
      expect(await session.panel.evaluate(() => '__xss' in window)).toBe(false);
    },
  );
});
