/**
 * Why it happened here, in the real panel: the shop's "Why here" buttons make each case of the
 * session analyzer happen (a clock seven minutes behind, a millisecond timestamp, `Bearer
 * undefined`, a token used after its lifetime), and the rows, the details' "Why here" and the
 * warning strip say so, with none of the planted secrets, the related entries' included.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PLANTED_SECRETS } from '../../sandbox/credentials';
import { usePayLens } from './support';

const paylens = usePayLens();

beforeEach(() => paylens().reset());

/** Presses a case's button, and waits for the diagnoses it makes. */
async function runCase(id: string, diagnoses: number) {
  const session = paylens();
  await session.shop.click(`button[data-insight-case="${id}"]`);
  await session.waitForDiagnoses(diagnoses);
  return session;
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
});
