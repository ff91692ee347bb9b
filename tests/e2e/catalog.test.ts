/** The catalog view in the real DevTools panel: searched with no traffic, and opened from a diagnosis. */
import { afterEach, describe, expect, it } from 'vitest';
import { catalogEntries, searchCatalog } from '../../lib/catalog';
import { usePayLens } from './support';

const paylens = usePayLens();

const ENTRY = '[data-testid="catalog-entry"]';
const TOGGLE = '[data-testid="toggle-catalog"]';
const CATALOG_SEARCH = 'input[aria-label="Search the catalog"]';

/** `provider:code` of each entry the catalog shows, in order. */
const shownEntries = () =>
  paylens().panel.$$eval(ENTRY, (entries) =>
    entries.map(
      (entry) => `${(entry as HTMLElement).dataset.provider}:${(entry as HTMLElement).dataset.code}`,
    ),
  );

/** Waits until the catalog shows this many entries. */
const waitForEntries = (count: number) =>
  paylens().panel.waitForFunction(
    (selector: string, count: number) => document.querySelectorAll(selector).length === count,
    {},
    ENTRY,
    count,
  );

afterEach(async () => {
  const session = paylens();
  // Back to the timeline, which the other steps and a reset expect in view.
  if (await session.panel.$(`${TOGGLE}[aria-pressed="true"]`)) await session.panel.click(TOGGLE);
  await session.reset();
});

describe('catalog view', () => {
  it('lists every documented row with no traffic, and searches it as paylens explain does', async () => {
    const session = paylens();
    await session.waitForDiagnoses(0);
    await session.panel.click(TOGGLE);
    await waitForEntries(catalogEntries.length);

    await session.panel.type(CATALOG_SEARCH, 'invalid signature');
    const expected = searchCatalog({ text: 'invalid signature' });
    await waitForEntries(expected.length);
    expect((await shownEntries()).slice(0, 2)).toEqual(['rebell:INVALID_SIGNATURE', 'payfield:']);

    // A near miss: the suggestion is a button that searches for it.
    await session.panel.$eval(CATALOG_SEARCH, (input) => {
      (input as HTMLInputElement).value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await session.panel.type(CATALOG_SEARCH, 'INVALD_AUTH_CODE');
    const suggestion = await session.panel.waitForSelector('::-p-text(INVALID_AUTH_CODE)');
    await suggestion?.click();
    await session.panel.waitForSelector(`${ENTRY}[data-code="INVALID_AUTH_CODE"]`);
    const [first] = await shownEntries();
    expect(first).toBe('rebell:INVALID_AUTH_CODE');
    const text = await session.panel.$eval(ENTRY, (entry) => entry.textContent);
    expect(text).toContain('Payment auth code invalid/expired');
    expect(text).toContain('Remedy: Customer refreshes QR');
  });

  it('opens at a diagnosis’s provider and category from its details', async () => {
    const session = paylens();
    await session.click('kiotapay:AUTH_INVALID_TOKEN');
    const details = await session.select({ code: 'AUTH_INVALID_TOKEN' });
    const link = await details.waitForSelector('::-p-text(All Kiotapay auth errors)');
    await link?.click();
    const expected = searchCatalog({ provider: 'kiotapay', category: 'auth' });
    await waitForEntries(expected.length);
    expect(await shownEntries()).toEqual(
      expected.map(
        ({ provider, rule }) => `${provider.id}:${typeof rule.when.code === 'string' ? rule.when.code : ''}`,
      ),
    );
    // The timeline is hidden under the catalog, and back with its row when the catalog closes.
    await session.devtools.keyboard.press('b');
    await session.waitForRow({ code: 'AUTH_INVALID_TOKEN' });
  });
});
