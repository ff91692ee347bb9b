/**
 * A custom host added in the options page is diagnosed in the open panel, without a reload:
 * the sandbox's payments.shop.test is a company proxy in front of Kiotapay.
 */
import { expect, it } from 'vitest';
import { PROXY_HOSTS } from '../../sandbox/server';
import { usePayLens } from './support';

const PROXY = Object.keys(PROXY_HOSTS)[0] as string;
const session = usePayLens();

/** Posts from the shop page to the proxy, answering like Kiotapay's expired-token error. */
async function callProxy(): Promise<void> {
  const url = `https://${PROXY}/api/v1/payments?scenario=AUTH_INVALID_TOKEN`;
  const status = await session().shop.evaluate(
    `fetch(${JSON.stringify(url)}, { method: 'POST' }).then((r) => r.status)`,
  );
  expect(status).toBe(401);
}

it('diagnoses a host added in the options page in the panel that is already open', async () => {
  const paylens = session();
  await callProxy();
  // The panel has not heard of the proxy yet.
  await paylens.waitForDiagnoses(0);

  const options = await paylens.browser.newPage();
  await options.goto(`chrome-extension://${paylens.extensionId}/options.html`);
  await options.type('[data-testid="host-input"]', PROXY);
  await options.select('[data-testid="host-provider"]', 'kiotapay');
  await options.click('[data-testid="add-host"]');
  await options.waitForSelector(`[data-testid="host-row"][data-host="${PROXY}"][data-provider="kiotapay"]`);
  await options.waitForFunction(
    `document.querySelector('[data-testid="save-status"]')?.textContent === 'Saved'`,
  );
  await options.close();

  await paylens.shop.bringToFront();
  await callProxy();
  await paylens.waitForRow({ provider: 'kiotapay', code: 'AUTH_INVALID_TOKEN', status: '401' });
  await paylens.waitForDiagnoses(1);
});
