/** The panel's own script starts only when it is first shown; what came before must not be lost. */
import { afterAll, expect, it } from 'vitest';
import { launchPayLens, type PayLensBrowser } from '../../e2e/harness';
import { expectedRow, scenario } from './support';

let session: PayLensBrowser | undefined;
afterAll(() => session?.close());

it('lists an error fired after DevTools opened but before the panel was shown', async () => {
  // Returns once the devtools page is capturing and has created the panel, not shown yet.
  session = await launchPayLens();
  await session.openShop();
  await session.click('kiotapay:AUTH_INVALID_TOKEN');
  const panelUrl = `chrome-extension://${session.extensionId}/devtools-panel.html`;
  expect(session.devtools.frames().map((frame) => frame.url())).not.toContain(panelUrl);

  await session.showPanel();
  await session.waitForDiagnoses(1);
  expect(await session.rows()).toEqual([expectedRow(scenario('kiotapay:AUTH_INVALID_TOKEN'))]);
});
