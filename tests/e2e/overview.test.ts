/** The overview strip in the real DevTools: a range dragged across it, or chosen from the keyboard, filters the list. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { PayLensBrowser } from '../../e2e/harness';
import { expectedRow, scenario, usePayLens } from './support';

const paylens = usePayLens();

beforeEach(() => paylens().reset());

/** Kiotapay, ApiPay a second later, Kiotapay again a second after that. */
const SPREAD = ['kiotapay:AUTH_INVALID_TOKEN', 'apipay:invalid-api-key', 'kiotapay:AUTH_INVALID_TOKEN'];
const GAP_MS = 1_000;

async function fireSpread(session: PayLensBrowser): Promise<void> {
  for (const [index, id] of SPREAD.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    await session.click(id);
  }
  await session.waitForDiagnoses(SPREAD.length);
}

const rowOf = (id: string) => expectedRow(scenario(id));
const PLOT = '[data-testid="overview-plot"]';
const CHIP = '[data-testid="range-chip"]';

describe('the overview strip', () => {
  it('draws a lane per provider with traffic', async () => {
    const session = paylens();
    await fireSpread(session);
    const lanes = await session.panel.$$eval('[data-testid="overview-lane"]', (found) =>
      found.map((lane) => [lane.getAttribute('data-provider'), lane.getAttribute('data-total')]),
    );
    expect(lanes).toEqual([
      ['kiotapay', '2'],
      ['apipay', '1'],
    ]);
  });

  it('filters the list to the range dragged across it, until its chip is removed', async () => {
    const session = paylens();
    await fireSpread(session);
    const plot = await session.panel.waitForSelector(PLOT);
    const box = await plot?.boundingBox();
    if (!box) throw new Error('The overview strip has no box');
    // The middle half: the ApiPay diagnosis a second after the first, not the ones at the ends.
    const y = box.y + box.height / 2;
    const { mouse } = session.devtools;
    await mouse.move(box.x + box.width * 0.25, y);
    await mouse.down();
    await mouse.move(box.x + box.width * 0.5, y, { steps: 4 });
    await mouse.move(box.x + box.width * 0.75, y, { steps: 4 });
    await mouse.up();

    await session.waitForDiagnoses(SPREAD.length, 1);
    expect(await session.rows()).toEqual([rowOf('apipay:invalid-api-key')]);
    const chip = await session.panel.waitForSelector(CHIP);
    expect(await chip?.evaluate((element) => element.textContent)).toMatch(/^Time \d\d:\d\d:\d\d\.\d{3}–/);

    await session.panel.click(`${CHIP} button[aria-label="Remove the time range"]`);
    await session.waitForDiagnoses(SPREAD.length);
    expect(await session.panel.$(CHIP)).toBeNull();
    expect(await session.rows()).toEqual(SPREAD.map(rowOf));
  });

  it('takes a range from the keyboard: Home, Enter, and Escape to clear it', async () => {
    const session = paylens();
    await fireSpread(session);
    await session.panel.focus(PLOT);
    await session.devtools.keyboard.press('Home');
    await session.devtools.keyboard.press('Enter');
    await session.waitForDiagnoses(SPREAD.length, 1);
    expect(await session.rows()).toEqual([rowOf('kiotapay:AUTH_INVALID_TOKEN')]);
    // Enter stayed the strip's: the list did not open a diagnosis.
    expect(await session.panel.$('[data-testid="details-pane"]')).toBeNull();

    await session.devtools.keyboard.press('Escape');
    await session.waitForDiagnoses(SPREAD.length);
    expect(await session.panel.$(CHIP)).toBeNull();
  });
});
