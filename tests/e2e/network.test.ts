/**
 * PayLens reads what DevTools already recorded and sends nothing itself. Chromium's net log
 * lists every request that reached the network, with the origin that made it, from the
 * devtools page's first moment on.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { launchPayLens, type PayLensBrowser } from '../../e2e/harness';
import { providers } from '../../lib/providers';
import { documentedErrors } from './support';

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: Array<{
    type: number;
    params?: { url?: string; initiator?: string; network_isolation_key?: string };
  }>;
}

/** The URLs of the requests that `origin` started or that ran on its behalf. */
function requestsOf(origin: string, netLogFile: string): string[] {
  const log = JSON.parse(readFileSync(netLogFile, 'utf8')) as NetLog;
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const urls = log.events
    .filter(({ type, params }) => type === start && params?.url)
    .filter(({ params }) => params?.initiator === origin || params?.network_isolation_key?.includes(origin))
    .map(({ params }) => params?.url ?? '');
  return [...new Set(urls)];
}

const directory = mkdtempSync(join(tmpdir(), 'paylens-netlog-'));
let session: PayLensBrowser | undefined;
afterAll(async () => {
  await session?.close();
  rmSync(directory, { recursive: true, force: true });
});

it('makes no network request of its own while capturing, filtering and copying', async () => {
  const netLogFile = join(directory, 'netlog.json');
  session = await launchPayLens({ netLogFile });
  const origin = `chrome-extension://${session.extensionId}`;
  await session.openShop();
  await session.showPanel();
  const errors = providers.map(({ id }) => documentedErrors(id)[0]?.id ?? '');
  for (const id of [...errors, 'kiotapay:hostile-message']) await session.click(id);
  await session.waitForDiagnoses(errors.length + 1);
  const details = await session.select({ code: 'REQ_INVALID_FIELD' });
  await session.copied(async () => (await details.waitForSelector('::-p-text(Copy diagnosis)'))?.click());
  await session.setSearch('kiotapay');
  await session.waitForDiagnoses(errors.length + 1, 2);
  await session.openShop('/order');

  // The control: a request the panel does send is in the log under its origin; without
  // it, finding nothing else would prove nothing.
  const control = `https://${providers[0]?.hosts[0]}/paylens-e2e-control`;
  await session.panel.evaluate((url) => fetch(url).then(() => undefined), control);

  // Chromium completes the net log as it exits.
  await session.close();
  session = undefined;
  expect(requestsOf(origin, netLogFile)).toEqual([control]);
});
