/** Copy as cURL: variables for secrets, quoting that survives any byte, no secret in the text. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../lib/matcher';
import { presentationOf } from '../../lib/presentation';
import { kiotapayError } from '../../lib/providers/kiotapay/examples';
import { rebellResult } from '../../lib/providers/rebell/examples';
import type { Exchange } from '../../lib/types';
import { exchange } from '../support/exchange';

function curlOf(ex: Exchange): string {
  const diagnosis = diagnose(ex);
  if (!diagnosis) throw new Error(`not diagnosed: ${ex.url}`);
  return presentationOf({ exchange: ex, diagnosis }).curl;
}

/** The arguments bash hands to curl, read back through a stand-in that prints them. */
function argumentsOf(command: string, variables: Record<string, string> = {}): string[] {
  const output = execFileSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...variables },
  });
  return output.toString('utf8').split('\0').slice(0, -1);
}

const KIOTA_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaG9wIiwiZXhwIjoxNzk1OTQ0NjcyfQ.c2lnbmF0dXJlLXZhbHVl';

describe('Copy as cURL', () => {
  it('turns each secret into a variable named after the provider and the header or field', () => {
    const command = curlOf(
      exchange(
        'https://api.kiotapay.co/api/v1/payments?api_key=kp_query_secret_1&page=2',
        402,
        kiotapayError('INSUFFICIENT_FUNDS', 'Not enough funds'),
        {
          requestHeaders: [
            { name: 'Authorization', value: `Bearer ${KIOTA_TOKEN}` },
            { name: 'Content-Type', value: 'application/json' },
            { name: ':authority', value: 'api.kiotapay.co' },
            { name: 'Content-Length', value: '48' },
          ],
          requestBody: JSON.stringify({ amount: 1000, apiSecret: 'ks_live_body_secret_9' }),
        },
      ),
    );
    expect(command.split('\n')[0]).toBe(
      '# Export first: KIOTAPAY_API_KEY KIOTAPAY_TOKEN KIOTAPAY_API_SECRET',
    );
    expect(command).toContain(`-H 'Authorization: Bearer '"$KIOTAPAY_TOKEN"`);
    expect(command).toContain(`?api_key='"$KIOTAPAY_API_KEY"'&page=2'`);
    for (const secret of ['kp_query_secret_1', KIOTA_TOKEN, 'ks_live_body_secret_9']) {
      expect(command).not.toContain(secret);
    }
    // curl writes these itself; a pseudo-header is not a header at all.
    expect(command).not.toMatch(/:authority|Content-Length/i);

    const args = argumentsOf(command, {
      KIOTAPAY_TOKEN: KIOTA_TOKEN,
      KIOTAPAY_API_KEY: 'kp_query_secret_1',
      KIOTAPAY_API_SECRET: 'ks_live_body_secret_9',
    });
    expect(args).toEqual([
      'https://api.kiotapay.co/api/v1/payments?api_key=kp_query_secret_1&page=2',
      '-X',
      'POST',
      '-H',
      `Authorization: Bearer ${KIOTA_TOKEN}`,
      '-H',
      'Content-Type: application/json',
      '--data-raw',
      '{"amount":1000,"apiSecret":"ks_live_body_secret_9"}',
    ]);
  });

  it('says which headers sign the request and must be recomputed', () => {
    const command = curlOf(
      exchange(
        'https://api.payfield.io/api/v1/payouts',
        400,
        { message: 'Invalid signature' },
        {
          requestHeaders: [
            { name: 'X-API-Key', value: 'pf_live_header_key_1' },
            { name: 'X-Timestamp', value: '1763805600' },
            { name: 'X-Signature', value: 'c0a8f3e1b7d94a2c6e5f' },
          ],
          requestBody: JSON.stringify({ card_number: '4111111111111111', amount: '10.00' }),
        },
      ),
    );
    const lines = command.split('\n');
    expect(lines[0]).toBe('# Export first: PAYFIELD_API_KEY PAYFIELD_SIGNATURE PAYFIELD_CARD_NUMBER');
    expect(lines[1]).toBe(
      '# X-Signature is a signature over X-Timestamp followed by the raw body: recompute it for this request.',
    );
    expect(command).toContain(`-H 'X-Timestamp: 1763805600'`);
    expect(command).not.toContain('4111111111111111');
  });

  it('keeps the parts of a Rebell Signature header that are not secret', () => {
    const command = curlOf(
      exchange(
        'https://api.rebellapp.com/v1/payments/pay',
        401,
        rebellResult('F', 'INVALID_SIGNATURE', 'Invalid signature'),
        {
          requestHeaders: [
            { name: 'Signature', value: 'algorithm=SHA256withRSA, keyVersion=1, signature=abcDEF%2B123==' },
          ],
        },
      ),
    );
    expect(command).toContain(
      `-H 'Signature: algorithm=SHA256withRSA, keyVersion=1, signature='"$REBELL_SIGNATURE"`,
    );
  });

  it('quotes quotes, dollars, backticks, backslashes and newlines so that bash passes them as they are', () => {
    const hostile = `{"note":"it's $HOME \`id\` \\\\ $(id)\\nline 2","emoji":"💳"}`;
    const path = "/api/v1/payments/it's-$(id)";
    const command = curlOf(
      exchange(`https://api.kiotapay.co${path}`, 400, kiotapayError('REQ_MISSING_FIELD', 'x'), {
        method: 'POST',
        requestHeaders: [{ name: 'X-Note', value: "O'Brien `whoami` $USER" }],
        requestBody: hostile,
      }),
    );
    const args = argumentsOf(command);
    expect(args[0]).toBe(`https://api.kiotapay.co${path}`);
    expect(args).toContain("X-Note: O'Brien `whoami` $USER");
    expect(args.at(-1)).toBe(hostile);
  });

  it('runs as it is when the request holds no secret, and sends GET without -X', () => {
    const command = curlOf(
      exchange(
        'https://api.kiotapay.co/api/v1/payments/KTP-1',
        404,
        kiotapayError('RESOURCE_NOT_FOUND', 'Payment not found'),
        { method: 'GET' },
      ),
    );
    expect(command.split('\n')[0]).toBe('# No secrets in this request: it runs as it is.');
    expect(argumentsOf(command)).toEqual(['https://api.kiotapay.co/api/v1/payments/KTP-1']);
  });

  it('makes a generic variable of a secret no name explains, and a form field of a secret name', () => {
    const command = curlOf(
      exchange(
        'https://public-api.alternativepayments.io/payment/request/ap_live_path_secret_77',
        404,
        {
          message: 'Not found',
        },
        {
          method: 'GET',
          url: 'https://user:pa55w0rd_in_url@public-api.alternativepayments.io/oauth/token',
          requestHeaders: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
          requestBody: 'grant_type=authorization_code&code=CAESEJPD0abc&note=card+4111111111111111',
        },
      ),
    );
    expect(command).toContain('"$SECRET_1"');
    expect(command).toContain(`code='"$ALTERNATIVE_PAYMENTS_CODE"'&note='"$ALTERNATIVE_PAYMENTS_NOTE"`);
    for (const secret of ['pa55w0rd_in_url', 'CAESEJPD0abc', '4111111111111111'])
      expect(command).not.toContain(secret);
  });
});

describe('Copy as cURL hides what the shown request hides', () => {
  const failing = (url: string, more: Partial<Exchange>) =>
    curlOf(exchange(url, 401, kiotapayError('AUTH_INVALID_TOKEN', 'Invalid token'), more));

  it('masks a name and value pair by its name, and leaves the name readable', () => {
    const command = failing('https://api.kiotapay.co/api/v1/payments', {
      requestBody: '{"metadata":[{"key":"pin","value":"1357"},{"key":"order","value":"ORD-1"}]}',
    });
    expect(command).not.toContain('1357');
    expect(command).toContain('"key":"pin"');
    expect(command).toContain('ORD-1');
  });

  it('sends a body whole as a variable when a value JSON.parse dropped would show', () => {
    // A key written twice: JSON.parse keeps the second, the body still holds the first.
    const command = failing('https://api.kiotapay.co/api/v1/payments', {
      requestBody: '{"password":"first-Secret-1","password":"second-Secret-2"}',
    });
    expect(command).not.toContain('first-Secret-1');
    expect(command).not.toContain('second-Secret-2');
    expect(command).toContain(`--data-raw "$SECRET_1"`);
  });

  it('reads form values and query values decoded, as the shown request does', () => {
    const command = failing(
      'https://api.kiotapay.co/api/v1/payments?page=1;sig=0a1b2c3d&return_url=https%3A%2F%2Fshop.example%2Fdone%3Faccess_token%3Dat_live_5f4e',
      {
        requestHeaders: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
        requestBody: 'amount=1500&card_no=4111%C2%A01111%C2%A01111%C2%A01111&exp=12%2F30',
      },
    );
    for (const secret of ['0a1b2c3d', 'at_live_5f4e', '4111%C2%A01111'])
      expect(command).not.toContain(secret);
    expect(command).toContain('amount=1500');
    expect(command).toContain('exp=12%2F30');
  });
});

describe('Copy as cURL reads headers, paths and form names as the shown request does', () => {
  it('hides what the shown request hides there', () => {
    const command = curlOf(
      exchange(
        'https://api.kiotapay.co/api/v1/cards/4111/1111/1111/1111',
        401,
        kiotapayError('AUTH_INVALID_TOKEN', 'Invalid token'),
        {
          requestHeaders: [
            { name: 'X-Original-URI', value: '/oauth/callback?code=SplxlOBeZQQYbYS6WxSbIA' },
            { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
          ],
          requestBody: 'amount=100&card[4000056655665556]=on&5555555555554444',
        },
      ),
    );
    for (const secret of ['SplxlOBeZQQYbYS6WxSbIA', '4111/1111', '4000056655665556', '5555555555554444']) {
      expect(command).not.toContain(secret);
    }
    expect(command).toContain('amount=100');
  });
});

describe('Copy as cURL names repeated secrets in turn', () => {
  it('numbers the variables of one name, each value once', () => {
    const command = curlOf(
      exchange(
        'https://api.kiotapay.co/api/v1/payments',
        401,
        kiotapayError('AUTH_INVALID_TOKEN', 'Invalid'),
        {
          requestHeaders: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
          requestBody: 'pin=1111&pin=2222&pin=1111&pin=3333',
        },
      ),
    );
    expect(command.split('\n')[0]).toBe('# Export first: KIOTAPAY_PIN KIOTAPAY_PIN_2 KIOTAPAY_PIN_3');
    expect(command).toContain(
      `'pin='"$KIOTAPAY_PIN"'&pin='"$KIOTAPAY_PIN_2"'&pin='"$KIOTAPAY_PIN"'&pin='"$KIOTAPAY_PIN_3"`,
    );
  });
});
