/**
 * Nothing the request carried shows anywhere in the real panel: responses that repeat its
 * credentials in the code, the message, the field errors and the URL, with a card number and
 * an apiSecret in the body, each row's details opened, the whole DOM read, text and attributes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PLANTED, PLANTED_SECRETS } from '../../sandbox/credentials';
import { scenario, usePayLens } from './support';

const paylens = usePayLens();

beforeEach(() => paylens().reset());

const ECHOES = [
  'kiotapay:echoed-credentials',
  'payfield:echoed-credentials',
  'alternative-payments:echoed-credentials',
];

/** Every text node and every attribute of the panel's document, and the Basic secret decoded. */
const SECRETS = [...PLANTED_SECRETS, atob(PLANTED.alternativeBasic).split(':')[1] ?? ''];

describe('the panel, with responses that repeat the request’s secrets', () => {
  it('shows none of them in the rows, the details of each row, or the cURL copies', async () => {
    const session = paylens();
    for (const id of ECHOES) await session.click(id);
    await session.waitForDiagnoses(ECHOES.length);

    for (const id of ECHOES) {
      const details = await session.select({ provider: scenario(id).provider });
      await details.waitForSelector('[data-testid="request-payload"]');
      const dom = await session.panel.evaluate(() => {
        const parts = [document.documentElement.textContent ?? ''];
        for (const element of document.querySelectorAll('*')) {
          for (const { name, value } of element.attributes) parts.push(`${name}=${value}`);
        }
        return parts.join('\n');
      });
      expect(dom).toContain('[REDACTED]');
      for (const secret of SECRETS) expect(dom, `${id} shows a secret`).not.toContain(secret);

      const curl = await session.copied(() => session.devtools.keyboard.press('u'));
      expect(curl).toMatch(/^# Export first: /);
      expect(curl).toContain('\ncurl ');
      for (const secret of SECRETS) expect(curl, `${id}'s cURL copy holds a secret`).not.toContain(secret);
    }
  });

  it('keeps the rows’ data attributes: raw codes, but a code holding the request’s key masked', async () => {
    const session = paylens();
    await session.click('kiotapay:echoed-credentials');
    await session.click('payfield:echoed-credentials');
    await session.waitForDiagnoses(2);
    const codes = await session.panel.$$eval('[data-testid="diagnosis-row"]', (rows) =>
      rows.map((row) => row.getAttribute('data-code')),
    );
    expect(codes).toEqual(['KEY_[REDACTED]_REVOKED', 'validation_error']);
  });
});
