/** The one redacted presentation every surface renders. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../lib/matcher';
import { presentationOf } from '../../lib/presentation';
import { alternativePaymentsError } from '../../lib/providers/alternative-payments/examples';
import { kiotapayError } from '../../lib/providers/kiotapay/examples';
import type { Exchange } from '../../lib/types';
import { exchange } from '../support/exchange';

const CLIENT_SECRET = 'ap_secret_live_7d2f9b4e1c8a';
const BASIC = btoa(`ap_client_3c7e:${CLIENT_SECRET}`);

function presented(ex: Exchange) {
  const diagnosis = diagnose(ex);
  if (!diagnosis) throw new Error(`not diagnosed: ${ex.url}`);
  return presentationOf({ exchange: ex, diagnosis, entryIndex: 4 });
}

describe('the presentation of a finding', () => {
  const oauth403 = exchange(
    'https://public-api.alternativepayments.io/oauth/token?client_secret=ap_query_secret_99&state=ORD-2026-0042',
    403,
    alternativePaymentsError(`client ap_client_3c7e with secret ${CLIENT_SECRET} refused`),
    {
      requestHeaders: [
        { name: 'Authorization', value: `Basic ${BASIC}` },
        { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
      ],
      requestBody: `grant_type=client_credentials&client_secret=${CLIENT_SECRET}&userId=9a4de132-ea82-4656-9266-0365463f19e9`,
    },
  );

  it('masks the secrets a message echoes from the request, in the headline the row shows', () => {
    const shown = presented(oauth403);
    expect(shown.headline).toBe('client ap_client_3c7e with secret [REDACTED] refused');
    expect(shown.message).toBe(shown.headline);
    expect(shown.url).toBe(
      'https://public-api.alternativepayments.io/oauth/token?client_secret=[REDACTED]&state=ORD-2026-0042',
    );
    expect(shown.path).toBe('/oauth/token');
    expect(shown.requestHeaders).toEqual([
      { name: 'Authorization', value: 'Basic [REDACTED]' },
      { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
    ]);
  });

  it('shows a form payload decoded, secret fields masked and ids readable', () => {
    const payload = presented(oauth403).requestBody;
    expect(payload).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      language: 'form',
      text: 'grant_type: client_credentials\nclient_secret: [REDACTED]\nuserId: 9a4de132-ea82-4656-9266-0365463f19e9',
      fields: [
        { name: 'grant_type', value: 'client_credentials' },
        { name: 'client_secret', value: '[REDACTED]' },
        { name: 'userId', value: '9a4de132-ea82-4656-9266-0365463f19e9' },
      ],
    });
  });

  it('shows a JSON payload pretty-printed, a card number keeping its last four', () => {
    const payload = presented(
      exchange(
        'https://api.payfield.io/api/v1/payouts',
        400,
        { message: 'Invalid signature' },
        {
          requestHeaders: [{ name: 'content-type', value: 'application/json; charset=utf-8' }],
          requestBody: JSON.stringify({
            external_id: 'PO-7',
            card_number: '4111111111111111',
            createdAt: 1440859441500,
          }),
        },
      ),
    ).requestBody;
    expect(payload?.contentType).toBe('application/json; charset=utf-8');
    expect(payload?.language).toBe('json');
    expect(payload?.text).toBe(
      '{\n  "external_id": "PO-7",\n  "card_number": "[CARD …1111]",\n  "createdAt": 1440859441500\n}',
    );
  });

  it('keeps the code raw for data-code, masking only the request’s own secrets in it', () => {
    const plain = presented(
      exchange(
        'https://api.kiotapay.co/api/v1/payments',
        402,
        kiotapayError('INSUFFICIENT_FUNDS', 'Not enough funds'),
      ),
    );
    expect(plain.codeAttribute).toBe('INSUFFICIENT_FUNDS');
    const echoed = presented(
      exchange(
        'https://api.kiotapay.co/api/v1/payments',
        401,
        kiotapayError('BAD_KEY_kp_live_0123456789', 'x'),
        { requestHeaders: [{ name: 'X-API-Key', value: 'kp_live_0123456789' }] },
      ),
    );
    expect(echoed.codeAttribute).toBe('BAD_KEY_[REDACTED]');
    expect(echoed.code).toBe('BAD_KEY_[REDACTED]');
  });

  it('is made once per finding', () => {
    const diagnosis = diagnose(oauth403);
    if (!diagnosis) throw new Error('not diagnosed');
    const finding = { exchange: oauth403, diagnosis };
    expect(presentationOf(finding)).toBe(presentationOf(finding));
  });
});

describe('the surfaces', () => {
  const sources = (dir: string) =>
    readdirSync(new URL(`../../${dir}/`, import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => [
        `${dir}/${file}`,
        readFileSync(new URL(`../../${dir}/${file}`, import.meta.url), 'utf8'),
      ]);

  it.each([...sources('components'), ...sources('lib/format'), ...sources('cli')])(
    '%s renders the presentation and never calls a redactor itself',
    (_, source) => {
      expect(source).not.toMatch(/from '[./]*(lib\/)?redact'/);
    },
  );
});
