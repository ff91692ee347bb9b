/**
 * The panel at scale, in real Chromium: 50,000 or 200,000 diagnoses imported from a HAR
 * with the retention raised to hold them all, then the render, a filter change, the rows in
 * the DOM, the JavaScript heap and the overview strip's drawing, measured inside the panel's
 * own frame.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPayLens } from '../e2e/harness';
import { alternativePaymentsError } from '../lib/providers/alternative-payments/examples';
import { apipayMessage } from '../lib/providers/apipay/examples';
import { kiotapayError } from '../lib/providers/kiotapay/examples';
import { payfieldError } from '../lib/providers/payfield/examples';
import { rebellResult } from '../lib/providers/rebell/examples';

const ERRORS = [
  [
    'POST',
    'https://api.kiotapay.co/api/v1/payments',
    401,
    kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token'),
  ],
  ['POST', 'https://api.rebellapp.com/v1/payments/pay', 200, rebellResult('F', 'RISK_REJECT', 'Rejected')],
  [
    'POST',
    'https://api.payfield.io/api/v1/payouts',
    422,
    payfieldError('validation_error', 'currency is required'),
  ],
  [
    'POST',
    'https://api.apipay.kz/api/v1/invoices',
    429,
    apipayMessage('Too many requests. Please retry after 60 seconds.', { retryAfter: 60 }),
  ],
  [
    'GET',
    'https://public-api.alternativepayments.io/payment/request/pr_1',
    404,
    alternativePaymentsError('Not found'),
  ],
] as const;

/** Importing 200,000 on a busy machine takes longer than the end-to-end tests' wait. */
const IMPORT_TIMEOUT_MS = 180_000;

async function writeErrorsHar(path: string, diagnoses: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('{"log":{"version":"1.2","creator":{"name":"PayLens bench","version":"1"},"entries":[');
  for (let i = 0; i < diagnoses; i++) {
    const [method, url, status, body] = ERRORS[i % ERRORS.length] as (typeof ERRORS)[number];
    const entry = {
      startedDateTime: new Date(Date.UTC(2026, 10, 22, 10) + i * 10).toISOString(),
      request: { method, url: `${url}?n=${i}`, headers: [] },
      response: {
        status,
        headers: [],
        content: { mimeType: 'application/json', text: JSON.stringify(body) },
      },
    };
    if (!out.write(`${i === 0 ? '' : ','}${JSON.stringify(entry)}`)) await once(out, 'drain');
  }
  out.end(']}}');
  await once(out, 'finish');
}

// Page scripts are strings: tsx would wrap functions in a helper the page lacks.
const watchRender = (diagnoses: number) => `(() => {
  const count = document.querySelector('[data-testid="live-count"]');
  window.__renderedAt = 0;
  new MutationObserver((_, observer) => {
    if (!/^${diagnoses} diagnoses/.test(count.textContent)) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__renderedAt = performance.now(); });
  }).observe(count, { subtree: true, childList: true, characterData: true });
})()`;

const RENDER_MS = `window.__renderedAt - performance.getEntriesByName('paylens:har-diagnosed').at(-1).startTime`;

/**
 * The overview strip's aggregate and the drawing of its lanes, as the strip measured them
 * (User Timing): it aggregates once the panel has painted, so the two are apart in time.
 */
const OVERVIEW_DRAW_MS = `performance.getEntriesByName('paylens:overview-draw').at(-1)?.duration ?? NaN`;
const OVERVIEW_AGGREGATE_MS = `performance.getEntriesByName('paylens:overview-aggregate').at(-1)?.duration ?? NaN`;

const FILTER_MS = `new Promise((resolve) => {
  const count = document.querySelector('[data-testid="live-count"]');
  const chip = document.querySelector('[data-testid="provider-filter"][data-provider="rebell"]');
  const start = performance.now();
  new MutationObserver((_, observer) => {
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - start));
  }).observe(count, { subtree: true, childList: true, characterData: true });
  chip.click();
})`;

/** The live count reads `held diagnoses`, or `held diagnoses · shown shown` under a filter. */
const COUNT_READS = `(held, shown) => {
  const text = document.querySelector('[data-testid="live-count"]')?.textContent ?? '';
  const match = /^(\\d+) diagnos[a-z]+(?: · (\\d+) shown)?/.exec(text);
  return match !== null && Number(match[1]) === held && Number(match[2] ?? match[1]) === shown;
}`;

export async function benchPanel(log: (line: string) => void, diagnoses: number) {
  const dir = mkdtempSync(join(tmpdir(), 'paylens-bench-panel-'));
  const har = join(dir, 'errors.har');
  await writeErrorsHar(har, diagnoses);
  const paylens = await launchPayLens({ headless: true });
  try {
    const panel = await paylens.showPanel();
    const countReads = (held: number, shown = held) =>
      panel.waitForFunction(`(${COUNT_READS})(${held}, ${shown})`, { timeout: IMPORT_TIMEOUT_MS });
    // The default retention keeps 5,000: raised to hold every diagnosis.
    await panel.evaluate(`chrome.storage.local.set({ settings: { retention: ${diagnoses} } })`);
    await panel.evaluate(watchRender(diagnoses));
    log(`importing ${diagnoses.toLocaleString('en')} diagnoses`);
    const input = await panel.waitForSelector('input[type="file"]');
    await input?.uploadFile(har);
    await countReads(diagnoses);
    await panel.waitForFunction('window.__renderedAt > 0', { timeout: IMPORT_TIMEOUT_MS });
    const panelFirstRenderMs = Number(await panel.evaluate(RENDER_MS));
    const panelDomRows = await panel.$$eval('[data-testid="diagnosis-row"]', (rows) => rows.length);
    // Read before the filter below: the strip draws every diagnosis, and is not redrawn by it.
    await panel.waitForFunction(OVERVIEW_DRAW_MS.replace('?? NaN', '!== undefined'));
    const overviewAggregateMs = Number(await panel.evaluate(OVERVIEW_AGGREGATE_MS));
    const overviewDrawMs = overviewAggregateMs + Number(await panel.evaluate(OVERVIEW_DRAW_MS));
    const panelFilterMs = Number(await panel.evaluate(FILTER_MS));
    await countReads(diagnoses, diagnoses / ERRORS.length);
    const panelHeapMb = Number(await panel.evaluate('performance.memory.usedJSHeapSize')) / 2 ** 20;
    return {
      panelFirstRenderMs,
      panelFilterMs,
      panelDomRows,
      panelHeapMb,
      overviewDrawMs,
      detail: { diagnoses, overviewAggregateMs },
    };
  } finally {
    await paylens.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
