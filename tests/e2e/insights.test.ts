/**
 * Why it happened here, in the real panel: the shop's "Why here" buttons make each case of the
 * session analyzer happen (a clock seven minutes behind, a millisecond timestamp, `Bearer
 * undefined`, a token used after its lifetime, an id from the other environment, a reused
 * idempotency key, a retry storm, brisk polling, a burst over the rate limit), and the rows,
 * the details' "Why here" and the warning strip say so, with none of the planted secrets, the
 * related entries' included.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PLANTED_SECRETS } from '../../sandbox/credentials';
import { usePayLens } from './support';

const paylens = usePayLens();

beforeEach(() => paylens().reset());

/** Presses a case's button, and waits until all its steps are answered and it made these diagnoses. */
async function runCase(id: string, diagnoses: number) {
  const session = paylens();
  await session.shop.click(`button[data-insight-case="${id}"]`);
  await session.shop.waitForSelector(`#log li[data-insight-case="${id}"]`);
  await session.waitForDiagnoses(diagnoses);
  return session;
}

const ROW = '[data-testid="diagnosis-row"]';

/** Every row's `data-insights`, oldest first (the few rows of a case are all in view). */
async function rowInsights(): Promise<string[]> {
  return paylens().panel.$$eval(ROW, (rows) => rows.map((row) => row.getAttribute('data-insights') ?? ''));
}

/** Selects the newest row, the latest attempt of a series, and returns its Why here text. */
async function whyHereOfNewest(): Promise<string> {
  const { panel } = paylens();
  const newest = await panel.$$eval(ROW, (rows) => rows.at(-1)?.getAttribute('data-row-id'));
  await panel.click(`${ROW}[data-row-id="${newest}"]`);
  await panel.waitForSelector(`${ROW}[data-row-id="${newest}"].selected`);
  const why = await panel.waitForSelector('[data-testid="details-pane"] [data-testid="why-here"]');
  return (await why?.evaluate((section) => section.textContent)) ?? '';
}

async function warningText(kind: string): Promise<string> {
  const warning = await paylens().panel.waitForSelector(
    `[data-testid="session-warning"][data-kind="${kind}"]`,
  );
  return (await warning?.evaluate((item) => item.textContent)) ?? '';
}

/** The earlier attempts, linked from the latest: the first link shows the first attempt. */
async function expectAttemptsLinked(attempts: number): Promise<void> {
  const { panel } = paylens();
  const links = await panel.$$('[data-testid="why-here"] [data-testid="related-entry"]');
  expect(links).toHaveLength(attempts - 1);
  const first = await panel.$eval(ROW, (row) => row.getAttribute('data-row-id'));
  await links[0]?.click();
  await panel.waitForSelector(`${ROW}[data-row-id="${first}"].selected`);
}

/** No planted secret in the panel's DOM, nor in the Markdown copy of the selected row when asked. */
async function expectNoSecrets({ copy }: { copy: boolean }): Promise<void> {
  const everything = await panelText();
  for (const secret of PLANTED_SECRETS) expect(everything).not.toContain(secret);
  if (!copy) return;
  const session = paylens();
  const copied = await session.copied(() => session.devtools.keyboard.press('c'));
  expect(copied).toContain('**Why it happened here:**');
  for (const secret of PLANTED_SECRETS) expect(copied).not.toContain(secret);
}

async function whyHere(provider: string): Promise<string> {
  const details = await paylens().select({ provider });
  const why = await details.waitForSelector('[data-testid="why-here"]');
  return (await why?.evaluate((section) => section.textContent)) ?? '';
}

async function panelText(): Promise<string> {
  return paylens().panel.evaluate(() => {
    const parts = [document.documentElement.textContent ?? ''];
    for (const element of document.querySelectorAll('*')) {
      for (const { name, value } of element.attributes) parts.push(`${name}=${value}`);
    }
    return parts.join('\n');
  });
}

describe('the shop’s Why here buttons, in the real panel', () => {
  it('a clock seven minutes behind: the warning before the error, then the skew on the error', async () => {
    const session = await runCase('clock-behind', 1);
    const warning = await session.panel.waitForSelector(
      '[data-testid="session-warning"][data-kind="clock-skew"]',
    );
    expect(await warning?.evaluate((item) => item.textContent)).toMatch(/X-Timestamp 4[12]\d s behind/);
    const row = await session.waitForRow({ provider: 'payfield' });
    expect(await row.evaluate((element) => element.getAttribute('data-insights'))).toBe('clock-skew');
    expect(await whyHere('payfield')).toMatch(/X-Timestamp is 4[12]\d s behind the server's Date header/);
  });

  it('a timestamp in milliseconds', async () => {
    await runCase('milliseconds', 1);
    expect(await whyHere('payfield')).toContain('X-Timestamp is a 13-digit UNIX time in milliseconds');
  });

  it('Authorization: Bearer undefined', async () => {
    await runCase('bearer-undefined', 1);
    expect(await whyHere('kiotapay')).toContain('The Bearer credentials are the text "undefined"');
  });

  it('a token used after its lifetime, linked to the entry that issued it, its secret nowhere', async () => {
    const session = await runCase('token-expired', 1);
    const row = await session.waitForRow({ provider: 'kiotapay' });
    expect(await row.evaluate((element) => element.getAttribute('data-insights'))).toBe('token');
    const why = await whyHere('kiotapay');
    expect(why).toMatch(
      /issued by Kiotapay's token endpoint in this capture \d+ s before this request and lives 2 s/,
    );
    expect(why).toMatch(/entry #\d+/);
    const everything = await panelText();
    for (const secret of PLANTED_SECRETS) expect(everything).not.toContain(secret);
    const copied = await session.copied(() => session.devtools.keyboard.press('c'));
    expect(copied).toContain('**Why it happened here:**');
    for (const secret of PLANTED_SECRETS) expect(copied).not.toContain(secret);
  });

  it('an id created in the sandbox, fetched in production: the 404 names both, the warning too', async () => {
    await runCase('environment', 1);
    const row = await paylens().waitForRow({ provider: 'alternative-payments', status: '404' });
    expect(await row.evaluate((element) => element.getAttribute('data-insights'))).toBe('environment');
    const why = await whyHere('alternative-payments');
    expect(why).toContain(
      "This id was returned by a success on Alternative Payments' sandbox (public-api.demo.alternativepayments.io) but was asked for on production (public-api.alternativepayments.io)",
    );
    // The success that returned the id is not a diagnosis: named, not linked.
    expect(why).toMatch(/entry #\d+/);
    expect(await warningText('environment')).toContain(
      "This capture talks to both Alternative Payments' sandbox (public-api.demo.alternativepayments.io) and production (public-api.alternativepayments.io)",
    );
    await expectNoSecrets({ copy: true });
  });

  it('a paymentRequestId reused with a new amount: REPEAT_REQ_INCONSISTENT names the field, not the values', async () => {
    await runCase('idempotency-conflict', 1);
    const row = await paylens().waitForRow({ provider: 'rebell', code: 'REPEAT_REQ_INCONSISTENT' });
    expect(await row.evaluate((element) => element.getAttribute('data-insights'))).toBe('idempotency');
    const why = await whyHere('rebell');
    expect(why).toContain(
      'This paymentRequestId was first sent with other values in paymentAmount.value (values not shown)',
    );
    expect(why).toMatch(/entry #\d+/);
    expect(why).not.toContain('5990');
    await expectNoSecrets({ copy: true });
  });

  it('a Payfield external_id reused with a new amount: no error, a warning that the new values were ignored', async () => {
    await runCase('idempotency-replay', 0);
    expect(await warningText('idempotency')).toContain(
      'A create reused an earlier external_id with other values in amount (values not shown): Payfield answered 200 with the first operation',
    );
    // The payout's card number and API key are in both requests.
    await expectNoSecrets({ copy: false });
  });

  it('a retry storm after INSUFFICIENT_BALANCE: the latest attempt links the earlier ones', async () => {
    await runCase('retry-storm', 4);
    expect(await rowInsights()).toEqual(['', 'repeated', 'repeated', 'repeated']);
    expect(await whyHereOfNewest()).toMatch(
      /The same request was sent 4 times in [\d.]+ s, though Rebell OpenAPI's earlier answer means it cannot succeed unchanged: fix the request or account first\./,
    );
    await expectAttemptsLinked(4);
    await expectNoSecrets({ copy: false });
  });

  it('polling PAYMENT_IN_PROCESS every 0.2 s: query less often', async () => {
    await runCase('polling', 4);
    expect(await rowInsights()).toEqual(['', 'repeated', 'repeated', 'repeated']);
    expect(await whyHereOfNewest()).toMatch(
      /This is status query 4 for the same operation in [\d.]+ s, less than a second apart: query less often/,
    );
    await expectAttemptsLinked(4);
  });

  it('6 requests in a second to Alternative Payments: the warning at 80%, then the 429 over the limit', async () => {
    await runCase('rate', 1);
    expect(await warningText('rate')).toContain(
      '4 requests to Alternative Payments with the same key within 1 s reached 80% of the documented 5 per second per API key, before any 429',
    );
    const row = await paylens().waitForRow({ provider: 'alternative-payments', status: '429' });
    expect(await row.evaluate((element) => element.getAttribute('data-insights'))).toBe('rate');
    const why = await whyHere('alternative-payments');
    expect(why).toContain(
      "6 requests to Alternative Payments with the same key in the 1 s ending here, over Alternative Payments' documented 5 per second per API key: space them out.",
    );
    // The five successes before it, by their entries.
    expect(why.match(/entry #\d+/g)).toHaveLength(5);
    await expectNoSecrets({ copy: true });
  });
});
