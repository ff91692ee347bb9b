import { describe, expect, it } from 'vitest';
import { kiotapayError } from '../../lib/providers/kiotapay/examples';
import {
  isSecretName,
  REDACTED,
  redactHeaders,
  redactJson,
  redactorFor,
  redactQuery,
  redactText,
  redactUrl,
  secretsOf,
} from '../../lib/redact';

const VISA = '4111111111111111';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('secret names', () => {
  it('knows the credential headers and fields of all five providers', () => {
    for (const name of [
      'Authorization',
      'X-API-Key',
      'x-api-key',
      'X-Signature',
      'Signature',
      'apiKey',
      'apiSecret',
      'client_secret',
      'clientSecret',
      'access_token',
      'refresh_token',
      'accessToken',
      'password',
      'card_number',
      'Cookie',
      'Set-Cookie',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it('leaves ordinary names alone', () => {
    for (const name of [
      'Content-Type',
      'X-Timestamp',
      'Client-Id',
      'token_type',
      'expires_in',
      'resultCode',
      'code',
      'message',
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('headers', () => {
  it('masks secret headers and keeps the auth scheme', () => {
    const headers = redactHeaders([
      { name: 'Authorization', value: `Bearer ${JWT}` },
      { name: 'authorization', value: 'Basic Y2xpZW50OnNlY3JldA==' },
      { name: 'X-API-Key', value: 'pk_live_123456' },
      { name: 'Signature', value: 'algorithm=SHA256withRSA, keyVersion=1, signature=abcDEF123==' },
      { name: 'Content-Type', value: 'application/json' },
    ]);
    expect(headers).toEqual([
      { name: 'Authorization', value: 'Bearer [JWT]' },
      { name: 'authorization', value: `Basic ${REDACTED}` },
      { name: 'X-API-Key', value: REDACTED },
      { name: 'Signature', value: REDACTED },
      { name: 'Content-Type', value: 'application/json' },
    ]);
  });
});

describe('URLs', () => {
  it('masks secret query parameters, user info and fragments', () => {
    const url = redactUrl(
      `https://user:pa55@api.example/x?id=7&api_key=abc123&access_token=${JWT}#access_token=zzz&state=1`,
    );
    expect(url).toBe(
      `https://${REDACTED}@api.example/x?id=7&api_key=${REDACTED}&access_token=${REDACTED}#access_token=${REDACTED}&state=1`,
    );
  });

  it('masks card numbers and JWTs in paths', () => {
    expect(redactUrl(`https://api.example/cards/${VISA}/tokens/${JWT}`)).toBe(
      'https://api.example/cards/[CARD …1111]/tokens/[JWT]',
    );
  });

  it('keeps URLs without secrets as they are', () => {
    const url = 'https://api.kiotapay.co/api/v1/payments?page=2&limit=50';
    expect(redactUrl(url)).toBe(url);
  });
});

describe('text', () => {
  it('masks credentials in form bodies and free text', () => {
    const text = redactText('grant_type=client_credentials&client_secret=s3cr3t&client_id=abc');
    expect(text).toBe(`grant_type=client_credentials&client_secret=${REDACTED}&client_id=abc`);
    expect(redactText(`curl -H "Authorization: Bearer ${JWT}"`)).not.toContain(JWT);
    expect(redactText('apiSecret: hunter2')).toBe(`apiSecret: ${REDACTED}`);
    expect(redactText('Authorization: Bearer 9f8e7d6c5b4a')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('keeps provider messages that merely mention tokens', () => {
    for (const message of [
      'Token expired',
      'Token has expired, refresh it',
      'Missing bearer token',
      'Basic auth failed',
    ]) {
      expect(redactText(message)).toBe(message);
    }
  });

  it('masks Luhn-valid card numbers, spaced or not, and keeps other numbers', () => {
    expect(redactText(`card ${VISA} ok`)).toBe('card [CARD …1111] ok');
    expect(redactText('card 4111 1111 1111 1111 ok')).toBe('card [CARD …1111] ok');
    expect(redactText('card 5500-0000-0000-0004 ok')).toBe('card [CARD …0004] ok');
    expect(redactText('order 4111111111111112 ok')).toBe('order 4111111111111112 ok');
    expect(redactText('phone 87071234567')).toBe('phone 87071234567');
  });
});

describe('JSON', () => {
  it('masks secret fields at any depth and card numbers in strings and numbers', () => {
    const body = {
      apiKey: 'key_1',
      apiSecret: 'secret_1',
      nested: { access_token: 'at', refresh_token: 'rt', list: [{ password: 'p' }] },
      card_number: '4111 1111 1111 1111',
      wallet: { card_number: 'KZ123456' },
      pan: 4111111111111111,
      note: `paid with ${VISA}`,
      amount: '5000.00',
    };
    expect(redactJson(body)).toEqual({
      apiKey: REDACTED,
      apiSecret: REDACTED,
      nested: { access_token: REDACTED, refresh_token: REDACTED, list: [{ password: REDACTED }] },
      card_number: '[CARD …1111]',
      wallet: { card_number: '[CARD …3456]' },
      pan: '[CARD …1111]',
      note: 'paid with [CARD …1111]',
      amount: '5000.00',
    });
  });

  it('keeps __proto__ keys as data and leaves Object.prototype alone', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
    const redacted = redactJson(parsed) as Record<string, unknown>;
    expect(Object.hasOwn(redacted, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(redacted)).toBe(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    );
  });

  it('stops at a depth limit instead of overflowing the stack', () => {
    let deep: unknown = { token: 'secret' };
    for (let i = 0; i < 10_000; i++) deep = { child: deep };
    expect(() => JSON.stringify(redactJson(deep))).not.toThrow();
    expect(JSON.stringify(redactJson(deep))).toContain('[nested too deep]');
  });
});

describe('hostile text', () => {
  // Quadratic backtracking would take minutes on these; the test's timeout is the bound.
  it.each([
    ['one long word', 'a'.repeat(1_000_000)],
    ['repeated JWT prefixes', 'eyJ-'.repeat(250_000)],
    ['secret names followed by spaces', `token${' '.repeat(50)}`.repeat(20_000)],
    ['a long digit run', '4'.repeat(1_000_000)],
    ['dashed digits', '4-'.repeat(500_000)],
  ])('redacts %s without backtracking blow-up', (_, text) => {
    expect(redactText(text).length).toBeGreaterThan(0);
  });
});

describe('a request’s own secrets', () => {
  it('are collected from credential headers, secret fields, query and user info', () => {
    const secrets = secretsOf({
      url: 'https://user:url-Passw0rd@api.example/x?api_key=query-key-1&page=2#access_token=fragment-T0ken',
      requestHeaders: [
        { name: 'Authorization', value: `Basic ${btoa('client-1:client-secret-1')}` },
        { name: 'Signature', value: 'algorithm=SHA256withRSA, keyVersion=1, signature=sig-value-1' },
        { name: 'Content-Type', value: 'application/json' },
      ],
      requestBody: JSON.stringify({
        apiKey: 'body-key-1',
        nested: { password: 'body-Passw0rd' },
        amount: '100000',
      }),
    });
    for (const secret of [
      'url-Passw0rd',
      'query-key-1',
      'fragment-T0ken',
      'client-secret-1',
      'sig-value-1',
      'body-key-1',
      'body-Passw0rd',
    ]) {
      expect(secrets).toContain(secret);
    }
    expect(secrets).not.toContain('100000');
    // A plain word under a secret's name is masked there, not wherever a message uses it.
    expect(
      secretsOf({ url: 'https://api.example/', requestHeaders: [], requestBody: '{"session":"shipping"}' }),
    ).toEqual([]);
    expect(secrets).not.toContain('application/json');
  });

  it('are masked wherever an output echoes them, in any wording', () => {
    const redact = redactorFor({
      url: 'https://api.example/token',
      requestHeaders: [{ name: 'X-API-Key', value: 'live-key-778899' }],
      requestBody: 'grant_type=client_credentials&client_secret=cs-554433',
    });
    expect(redact.text('key live-key-778899 is inactive; cs-554433 refused')).toBe(
      `key ${REDACTED} is inactive; ${REDACTED} refused`,
    );
    expect(redact.json({ note: 'echo live-key-778899' })).toEqual({ note: `echo ${REDACTED}` });
  });
});

describe('cases found in review', () => {
  it('masks a grouped card number whole, with other numbers in front of it', () => {
    expect(redactText('card_number: 4111 1111 1111 1111 is not a valid wallet')).toBe(
      'card_number: [CARD …1111] is not a valid wallet',
    );
    expect(redactText('qty 12 4111 1111 1111 1111')).toBe('qty 12 [CARD …1111]');
    expect(redactText('exp 2027 4111-1111-1111-1111')).toBe('exp 2027 [CARD …1111]');
    expect(redactText('ids 1 2 3 4111 1111 1111 1111 end')).toBe('ids 1 2 3 [CARD …1111] end');
  });

  it('masks a request’s secret that the patterns would only half mask', () => {
    const redact = redactorFor({
      url: 'https://api.payfield.io/api/v1/payouts',
      requestHeaders: [],
      requestBody: JSON.stringify({ password: 'correct horse battery staple' }),
    });
    expect(redact.text('password: correct horse battery staple')).toBe(`password: ${REDACTED}`);
  });

  it('knows versioned and compound secret header names', () => {
    for (const name of [
      'X-Hub-Signature-256',
      'X-Signature-V2',
      'secret_key',
      'Api-Secret-Key',
      'access_key',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    expect(redactText('secret_key=abc123def')).toBe(`secret_key=${REDACTED}`);
  });

  it('masks query strings inside header values', () => {
    expect(redactHeaders([{ name: ':path', value: '/x?id=1&pin=9876&api_key=k-1' }])).toEqual([
      { name: ':path', value: `/x?id=1&pin=${REDACTED}&api_key=${REDACTED}` },
    ]);
    expect(redactHeaders([{ name: 'Referer', value: 'https://shop.test/pay?cvv=123' }])[0]?.value).toBe(
      `https://shop.test/pay?cvv=${REDACTED}`,
    );
  });

  it('masks a password holding @ in the URL’s user info', () => {
    expect(redactUrl('https://user:p@ss@api.example/x')).toBe(`https://${REDACTED}@api.example/x`);
  });
});

describe('long text', () => {
  it('is redacted before it is cut, so no piece of a secret is left at the cut', async () => {
    const { diagnose } = await import('../../lib/matcher');
    const { formats } = await import('../../lib/format');
    const message = `${'x'.repeat(1987)} 4111111111111111 and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl`;
    const exchange = {
      method: 'POST',
      url: 'https://api.kiotapay.co/x',
      status: 400,
      requestHeaders: [],
      responseHeaders: [],
      responseBody: JSON.stringify(kiotapayError('REQ_BAD_REQUEST', message)),
      startedDateTime: '',
    };
    const diagnosis = diagnose(exchange);
    if (!diagnosis) throw new Error('not diagnosed');
    for (const format of Object.values(formats)) {
      const output = format([{ exchange, diagnosis }], { entries: 1 });
      expect(output).not.toMatch(/41111111/);
      expect(output).not.toMatch(/eyJhbGciOiJIUzI1NiJ9\.eyJ/);
    }
  });
});

describe('the vocabulary of real traffic', () => {
  const WORDS = [
    'key',
    'api_key',
    'apikey',
    'API-Key',
    'sig',
    'signature',
    'id_token',
    'access_token',
    'refresh_token',
    'client_secret',
    'assertion',
    'SAMLRequest',
    'SAMLResponse',
    'anti-csrf',
    'X-CSRF',
    'csrfmiddlewaretoken',
    'X-XSRF-TOKEN',
  ];
  const VALUE = 'L8J7G-PYWL3-Zq9x';

  it.each(WORDS)('masks %s in a query string and a form body', (word) => {
    expect(redactUrl(`https://api.example/x?${word}=${VALUE}&page=2`)).toBe(
      `https://api.example/x?${word}=${REDACTED}&page=2`,
    );
    expect(
      redactorFor({ url: 'https://api.example/', requestHeaders: [], requestBody: `${word}=${VALUE}` }).text(
        `echo: ${VALUE}`,
      ),
    ).toBe(`echo: ${REDACTED}`);
  });

  it.each(WORDS)('masks %s as a JSON key and a header name, in any case', (word) => {
    expect(redactJson({ [word]: VALUE, [word.toUpperCase()]: VALUE })).toEqual({
      [word]: REDACTED,
      [word.toUpperCase()]: REDACTED,
    });
    expect(redactHeaders([{ name: word.toLowerCase(), value: VALUE }])).toEqual([
      { name: word.toLowerCase(), value: REDACTED },
    ]);
  });

  it('masks an OAuth code in URLs and form bodies, and keeps an error code in JSON', () => {
    expect(redactUrl('https://shop.example/callback?code=CAESEJPDabc123&state=xyz')).toBe(
      `https://shop.example/callback?code=${REDACTED}&state=xyz`,
    );
    expect(redactQuery('grant_type=authorization_code&code=CAESEJPDabc123')).toBe(
      `grant_type=authorization_code&code=${REDACTED}`,
    );
    expect(redactJson({ code: 'INVALID_SIGNATURE' })).toEqual({ code: 'INVALID_SIGNATURE' });
  });

  it('masks Proxy-Authorization and CSRF headers', () => {
    expect(
      redactHeaders([
        { name: 'Proxy-Authorization', value: 'Basic cHJveHk6c2VjcmV0' },
        { name: 'anti-csrf', value: '7a1f0c2e9b' },
        { name: 'X-CSRF-Token', value: '7a1f0c2e9b' },
      ]).map(({ value }) => value),
    ).toEqual([`Basic ${REDACTED}`, REDACTED, REDACTED]);
  });
});

describe('JWTs', () => {
  const encode = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  // iat 2026-11-29 09:21:12 UTC, exp ten minutes later.
  const timed = `${encode({ alg: 'HS256' })}.${encode({ sub: 'shop-42', iat: 1795944072, exp: 1795944672 })}.c2lnbmF0dXJl`;

  it('are masked whole, anywhere, with their times shown', () => {
    const text = redactText(`token was ${timed} here`);
    expect(text).toBe(
      'token was [JWT, issued 2026-11-29 09:21:12 UTC, expires 2026-11-29 09:31:12 UTC] here',
    );
    expect(text).not.toContain('c2lnbmF0dXJl');
  });

  it('read as expired when the request started after their expiry', () => {
    const redact = redactorFor({
      url: 'https://api.example/',
      requestHeaders: [{ name: 'Authorization', value: `Bearer ${timed}` }],
      startedDateTime: '2026-11-29T09:40:00.000Z',
    });
    expect(redact.headers([{ name: 'Authorization', value: `Bearer ${timed}` }])).toEqual([
      {
        name: 'Authorization',
        value: 'Bearer [JWT, issued 2026-11-29 09:21:12 UTC, expired 2026-11-29 09:31:12 UTC]',
      },
    ]);
  });

  it('whose payload does not decode are masked without times', () => {
    expect(redactText('eyJhbGciOi.eyJub3QganNvbg.sig')).toBe('[JWT]');
  });
});

describe('no over-redaction', () => {
  it.each([
    ['a UUID', 'userId=9a4de132-ea82-4656-9266-0365463f19e9'],
    ['epoch milliseconds (Luhn-valid, no card brand)', 'clientTimeStamp=1440859441500'],
    ['epoch seconds', 'X-Timestamp: 1763805600'],
    ['an order number', 'order ORD-2026-000123456789'],
    ['a 16-digit order number of no card brand', 'orderNumber=1234567890123452'],
    ['a hex id holding a Visa-like run', 'id=a4111111111111111b'],
    ['a request id', 'requestId=req_4111111111111111'],
    ['an ISO time', '2026-11-29T09:31:12.000Z'],
    ['a trace id', 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ])('keeps %s', (_, text) => {
    expect(redactText(text)).toBe(text);
    expect(redactUrl(`https://api.example/x?${text.replace(/[: ]+/g, '=')}`)).toBe(
      `https://api.example/x?${text.replace(/[: ]+/g, '=')}`,
    );
  });

  it('keeps epoch milliseconds as a JSON number', () => {
    expect(redactJson({ clientTimeStamp: 1440859441500 })).toEqual({ clientTimeStamp: 1440859441500 });
  });
});

describe('card numbers of every brand', () => {
  it.each([
    ['Visa', '4111111111111111'],
    ['Visa', '4012888888881881'],
    ['Visa (13 digits)', '4222222222222'],
    ['Mastercard', '5555555555554444'],
    ['Mastercard', '5105105105105100'],
    ['Mastercard (2-series)', '2223003122003222'],
    ['American Express', '378282246310005'],
    ['American Express', '371449635398431'],
    ['Discover', '6011111111111117'],
    ['Discover', '6011000990139424'],
    ['Discover (644)', '6445644564456445'],
    ['Discover (65)', '6500000000000002'],
    ['JCB', '3530111333300000'],
    ['JCB', '3566002020360505'],
    ['Diners Club', '30569309025904'],
    ['Diners Club', '38520000023237'],
    ['Diners Club', '36227206271667'],
    ['UnionPay', '6200000000000005'],
    ['Maestro', '6759649826438453'],
    ['Maestro', '5018000000000009'],
  ])('masks a %s test card in text, spaced, in JSON and in a URL', (_, card) => {
    const last4 = card.slice(-4);
    const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(redactText(`card ${card} declined`)).toBe(`card [CARD …${last4}] declined`);
    expect(redactText(`card ${spaced} declined`)).toBe(`card [CARD …${last4}] declined`);
    expect(redactJson({ note: card, value: Number(card) })).toEqual({
      note: `[CARD …${last4}]`,
      value: `[CARD …${last4}]`,
    });
    expect(redactUrl(`https://api.example/cards/${card}`)).toBe(`https://api.example/cards/[CARD …${last4}]`);
  });
});

describe('placeholders where a credential should be', () => {
  it.each(['undefined', 'null', '[object Object]', '"undefined"'])(
    'shows Bearer %s: it is the bug, not a secret',
    (placeholder) => {
      const header = { name: 'Authorization', value: `Bearer ${placeholder}` };
      const redact = redactorFor({ url: 'https://api.example/', requestHeaders: [header] });
      expect(redact.headers([header])).toEqual([header]);
      expect(redact.text(`token ${placeholder} refused`)).toBe(`token ${placeholder} refused`);
      expect(redactJson({ apiKey: placeholder })).toEqual({ apiKey: placeholder });
    },
  );
});

describe('secrets as integrations and people write them', () => {
  it('judges the words of a name, not its letters', () => {
    for (const name of [
      'card[cvc]',
      'payment_method_data[card][cvv]',
      'cardCvv',
      'cvv2Code',
      'card.csc',
      'pinCode',
      'card_pin',
      'X-HMAC',
      'X-Auth-Key',
      'X-Merchant-Key',
      'Ocp-Apim-Subscription-Key',
      'merchantKey',
      'app_key',
      'passphrase',
      'X-Amz-Credential',
      'Cookie2',
      'Sign',
      'X-Authorization',
      'X-Amzn-Remapped-Authorization',
      'Authentication',
      'Set-Cookie2',
      'X-Session-Id',
      'cardCode',
      'cardSecurityCode',
      'verification_value',
      'verification_code',
      'smsCode',
      'authorizationCode',
      'pass',
      'passcode',
      'X-Passcode',
      'pincode',
      'cvn',
      'cvNumber',
      'totp',
      'auth',
      'X-Auth',
      'session',
    ]) {
      expect(isSecretName(name, 'header'), name).toBe(true);
    }
    for (const name of [
      'shipping',
      'spinner',
      'Idempotency-Key',
      'X-Idempotency-Key',
      'idempotencyKey',
      'publicKey',
      'signature_method',
      'signatureVersion',
      'token_type',
      'keyboard',
      'error_code',
      'countryCode',
      'authorizationId',
      'apiKeyId',
      'checkoutSession',
      'next_page_token',
      'Idempotency-Token',
      'request_key',
      'Sec-WebSocket-Key',
    ]) {
      expect(isSecretName(name, 'header'), name).toBe(false);
    }
    // Session ids in URLs and forms; in a JSON body `sid` is an object's id.
    expect(isSecretName('PHPSESSID', 'query')).toBe(true);
    expect(isSecretName('sid', 'query')).toBe(true);
    expect(isSecretName('sid', 'json')).toBe(false);
  });

  it('masks card numbers grouped by escapes, plus signs, dots, slashes and no-break spaces', () => {
    expect(redactUrl('https://api.example/cards/4111%201111%201111%201111/verify')).toBe(
      'https://api.example/cards/[CARD …1111]/verify',
    );
    expect(redactUrl('https://api.example/x?number=5555+5555+5555+4444&n=4000%2D0566%2D5566%2D5556')).toBe(
      'https://api.example/x?number=[CARD …4444]&n=[CARD …5556]',
    );
    for (const written of [
      '4111.1111.1111.1111',
      '4111/1111/1111/1111',
      '4111\u00a01111\u00a01111\u00a01111',
      '4111  1111  1111  1111',
    ]) {
      expect(redactText(`card ${written} refused`)).toBe('card [CARD …1111] refused');
    }
    // The digits of an escape are no card's: `%20` before the number does not hide it.
    expect(redactText('q=card%204111111111111111')).toBe('q=card%20[CARD …1111]');
    expect(redactText('version 1.2.3.4 of 2026.11.29')).toBe('version 1.2.3.4 of 2026.11.29');
  });

  it('masks user info and secret parameters of URLs inside text', () => {
    const text =
      'callback https://shop:S3cretPass@shop.example/cb?order=ORD-1&sig=abc123def&code=c0de42&key=k3y99#access_token=t0k3n';
    expect(redactText(text)).toBe(
      `callback https://${REDACTED}@shop.example/cb?order=ORD-1&sig=${REDACTED}&code=${REDACTED}&key=${REDACTED}#access_token=${REDACTED}`,
    );
    expect(redactText('see https://docs.example/errors?page=2 for more')).toBe(
      'see https://docs.example/errors?page=2 for more',
    );
    expect(redactHeaders([{ name: 'Location', value: 'https://u:LocPass1@shop.example/return' }])).toEqual([
      { name: 'Location', value: `https://${REDACTED}@shop.example/return` },
    ]);
    // A value is masked to its end, which `?` may belong to.
    expect(redactText('https://api.example/x;jsessionid=JSess1on777/next')).toBe(
      `https://api.example/x;jsessionid=${REDACTED}`,
    );
  });

  it('masks values named in XML, HTML and multipart bodies', () => {
    expect(redactText('<auth><password>XmlPassw0rd77</password><user>shop</user></auth>')).toBe(
      `<auth><password>${REDACTED}</password><user>shop</user></auth>`,
    );
    expect(redactText('<meta name="csrf-token" content="CsrfMeta77"><input name="q" value="shoes">')).toBe(
      `<meta name="csrf-token" content="${REDACTED}"><input name="q" value="shoes">`,
    );
    expect(
      redactText('<input type="hidden" name="authenticity_token" value="AuthTok3n99" autocomplete="off">'),
    ).toBe(`<input type="hidden" name="authenticity_token" value="${REDACTED}" autocomplete="off">`);
    const multipart =
      '--b0\r\nContent-Disposition: form-data; name="apiSecret"\r\n\r\nMultiPart99\r\n--b0\r\nContent-Disposition: form-data; name="amount"\r\n\r\n1500\r\n--b0--';
    expect(redactText(multipart)).toBe(multipart.replace('MultiPart99', REDACTED));
  });

  it('masks JWTs whose header has white space, and those after an escaped line break', () => {
    const spaced =
      'eyAiYWxnIjoiSFMyNTYiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ1MSIsImV4cCI6MTkwMDAwMDAwMH0.SpacedJwtSig0123';
    expect(redactText(`id ${spaced}`)).toBe('id [JWT, expires 2030-03-17 17:46:40 UTC]');
    expect(redactText(`bad jwt:\\n${JWT}`)).toBe('bad jwt:\\n[JWT]');
    // Three dotted words starting like base64 of a brace are not one.
    expect(redactText('see eyAbcdef.ghijkl.mnop')).toBe('see eyAbcdef.ghijkl.mnop');
  });

  it('masks a card number JSON.parse has rounded, and keeps smaller integers', () => {
    const parsed = JSON.parse('{"pan2": 4000123456789012004, "amount": 150000, "epochMs": 1763629201000}');
    expect(redactJson(parsed)).toEqual({ pan2: REDACTED, amount: 150000, epochMs: 1763629201000 });
  });

  it('reads name and value pairs as the field they describe', () => {
    expect(
      redactJson({
        metadata: [
          { key: 'order_id', value: 'ORD-2026-000123' },
          { key: 'api_secret', value: 's3cr3t-value' },
          { name: 'Authorization', value: 'Bearer 9f8e7d6c5b4a3f2e1d0c' },
        ],
        token: ['ArrTok3n'],
        password: { value: 'ObjPass' },
      }),
    ).toEqual({
      metadata: [
        { key: 'order_id', value: 'ORD-2026-000123' },
        { key: 'api_secret', value: REDACTED },
        { name: 'Authorization', value: `Bearer ${REDACTED}` },
      ],
      token: [REDACTED],
      password: { value: REDACTED },
    });
    const secrets = secretsOf({
      url: 'https://api.example/',
      requestHeaders: [],
      requestBody: JSON.stringify({
        metadata: [
          { key: 'order_id', value: 'ORD-2026-000123' },
          { key: 'apiSecret', value: 'pair-secret-1' },
        ],
        token: ['listed-token-1'],
      }),
    });
    expect(secrets).toEqual(expect.arrayContaining(['pair-secret-1', 'listed-token-1']));
    expect(secrets).not.toContain('order_id');
    expect(secrets).not.toContain('ORD-2026-000123');
  });

  it('finds the credential of any scheme, and a Digest response, where they are echoed', () => {
    const custom = redactorFor({
      url: 'https://api.example/',
      requestHeaders: [{ name: 'Authorization', value: 'ApiKey kp_live_CUSTOM000111' }],
    });
    expect(custom.text('Invalid API key kp_live_CUSTOM000111')).toBe(`Invalid API key ${REDACTED}`);
    const digest = redactorFor({
      url: 'https://api.example/api/v1/payouts',
      requestHeaders: [
        {
          name: 'Authorization',
          value:
            'Digest username="shop", realm="payfield", uri="/api/v1/payouts", response="6629fae49393a05397450978507c4ef1"',
        },
      ],
    });
    expect(digest.text('digest response 6629fae49393a05397450978507c4ef1 does not match')).toBe(
      `digest response ${REDACTED} does not match`,
    );
    // The parameters that describe the credential are not it: the path stays readable.
    expect(digest.url('https://api.example/api/v1/payouts')).toBe('https://api.example/api/v1/payouts');
  });

  it('keeps the placeholders of PayLens’s own explanations', () => {
    const text =
      'The request has no Authorization header; Kiotapay expects Authorization: Bearer <access token> here.';
    expect(redactText(text)).toBe(text);
  });
});

describe('secrets a second review found', () => {
  it('masks fields of JSON that is text: in a message, a cut body, a string, a GraphQL query', () => {
    expect(
      redactText('Invalid field in {"card":{"cvc":"737"},"pin":"4321","key":"kp_tst_01","amount":1500}'),
    ).toBe(
      `Invalid field in {"card":{"cvc":"${REDACTED}"},"pin":"${REDACTED}","key":"${REDACTED}","amount":1500}`,
    );
    expect(redactText('{"payload":"{\\"password\\":\\"Hunter2x\\",\\"user\\":\\"shop\\"}"}')).toBe(
      `{"payload":"{\\"password\\":\\"${REDACTED}\\",\\"user\\":\\"shop\\"}"}`,
    );
    expect(redactText('mutation { pay(cvc: "123", pin: 4321, amount: 5) }')).toBe(
      `mutation { pay(cvc: "${REDACTED}", pin: ${REDACTED}, amount: 5) }`,
    );
    expect(redactText('{"code":"AUTH_INVALID_TOKEN","token":"undefined"}')).toBe(
      '{"code":"AUTH_INVALID_TOKEN","token":"undefined"}',
    );
  });

  it('masks the credential after a scheme no list names, and private keys', () => {
    expect(redactText('sent Authorization: ApiKey kp_live_9f8e7d6c5b4a')).toBe(
      `sent Authorization: ApiKey ${REDACTED}`,
    );
    expect(redactText('-----BEGIN RSA PRIVATE KEY-----\nMIIEow1xyz\n-----END RSA PRIVATE KEY-----')).toBe(
      `-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----`,
    );
    expect(redactText('<password><![CDATA[hunter2secret]]></password>')).toBe(
      `<password>${REDACTED}</password>`,
    );
    expect(redactText('<input value="AuthTok3n99" type="hidden" name="authenticity_token">')).toBe(
      `<input value="${REDACTED}" type="hidden" name="authenticity_token">`,
    );
  });

  it('masks secrets of URLs inside query values, after `;` and in a route', () => {
    expect(redactUrl('https://api.example/p?page=1;sig=0a1b2c3d4e5f&next=2')).toBe(
      `https://api.example/p?page=1;sig=${REDACTED}&next=2`,
    );
    expect(
      redactUrl(
        'https://api.example/p?return_url=https%3A%2F%2Fshop.example%2Fdone%3Faccess_token%3Dat_live_5f4e',
      ),
    ).toBe(`https://api.example/p?return_url=${REDACTED}`);
    expect(redactUrl('https://api.example/p?next=https://y.example/cb?code=c0de42&lang=en')).toBe(
      `https://api.example/p?next=https://y.example/cb?code=${REDACTED}&lang=en`,
    );
    expect(redactUrl('https://shop.example/#/return?code=SplxlOBeZQQYbYS6WxSbIA&lang=en')).toBe(
      `https://shop.example/#/return?code=${REDACTED}&lang=en`,
    );
    // Inside a message, as in a URL of its own.
    expect(
      redactText(
        'callback refused: https://shop.example/done?next=https%3A%2F%2Fy.example%2Fcb%3Fcode%3Dc0de42',
      ),
    ).toBe(`callback refused: https://shop.example/done?next=${REDACTED}`);
    // A value that holds no secret stays as it was written.
    expect(redactUrl('https://api.example/p?return_url=https%3A%2F%2Fshop.example%2Fdone%3Forder%3D42')).toBe(
      'https://api.example/p?return_url=https%3A%2F%2Fshop.example%2Fdone%3Forder%3D42',
    );
  });

  it('masks a card after a minus sign or any percent escape, and a JWT with a pretty header', () => {
    expect(redactText('pan:-4111111111111111')).toBe('pan:-[CARD …1111]');
    expect(redactText('q=pan%3D4111111111111111')).toBe('q=pan%3D[CARD …1111]');
    const header = btoa('{\n    "alg": "HS256"\n}').replace(/=+$/, '');
    expect(redactText(`jwt ${header}.eyJzdWIiOiJ4In0.c2lnbmF0dXJl`)).toBe('jwt [JWT]');
  });

  it('echoes credentials as servers repeat them, and nothing ordinary', () => {
    const redact = redactorFor({
      url: 'https://api.example/',
      requestHeaders: [
        { name: 'Authorization', value: `Basic ${btoa('kp_live_9f8e7d6c5b4a:')}` },
        { name: 'Cookie', value: 'sessionid=s3ss10n0123456789; checkout_step=shipping; cur=EUR' },
        {
          name: 'Signature',
          value: 'keyId="merchant-42",algorithm="rsa-sha256",signature="c2lnbmF0dXJlYmFzZTY0"',
        },
      ],
    });
    expect(redact.text('No such API key kp_live_9f8e7d6c5b4a (session s3ss10n0123456789)')).toBe(
      `No such API key ${REDACTED} (session ${REDACTED})`,
    );
    expect(redact.text('keyId merchant-42 unknown; shipping address is required')).toBe(
      'keyId merchant-42 unknown; shipping address is required',
    );
    const undefinedBearer = redactorFor({
      url: 'https://api.example/',
      requestHeaders: [{ name: 'Authorization', value: 'Bearer undefined' }],
    });
    expect(undefinedBearer.text('Malformed Authorization header: Bearer undefined')).toBe(
      'Malformed Authorization header: Bearer undefined',
    );
  });

  it('masks what a secret name holds leaf by leaf, keeping what describes it', () => {
    expect(
      redactJson({
        authentication: { status: 'failed', flow: 'challenge', eci: '07', required: true },
        session: { id: 'cs_test_a1b2c3', token: 'st_9f8e7d6c5b4a', expires_at: 1714557600 },
      }),
    ).toEqual({
      authentication: { status: 'failed', flow: REDACTED, eci: REDACTED, required: true },
      session: { id: 'cs_test_a1b2c3', token: REDACTED, expires_at: REDACTED },
    });
  });

  it('keeps what names a check, a flag or an id of a secret, and numbers no card could be', () => {
    const kept = {
      cvc_check: 'pass',
      cvvResponseCode: 'M',
      otp_required: true,
      pin: false,
      paymentKey: 'pay_2026_000123',
      order_id: 1234567890123456800,
    };
    expect(redactJson(kept)).toEqual(structuredClone(kept));
    // A credential stored under `key` is no field's name: it is masked, not read as one.
    expect(redactJson({ key: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', value: 'x' })).toEqual({
      key: REDACTED,
      value: 'x',
    });
    expect(redactJson({ Key: 'pin', Value: '4321' })).toEqual({ Key: 'pin', Value: REDACTED });
  });
});

describe('secrets a third review found, and what it kept readable', () => {
  it('reads a bare name as a field only where JSON or a call puts one', () => {
    for (const prose of [
      'Idempotency key: "ord_8f2a-retry-2" was reused',
      'Duplicate key: 12345678 in batch',
      'Session: "cs_test_a1b2c3d4" expired',
      'auth: 200, capture: 200',
    ]) {
      expect(redactText(prose)).toBe(prose);
    }
  });

  it('masks pairs whatever the order of their members, and values holding the other quote', () => {
    expect(redactText('rejected {"value":"4321","name":"pin"}')).toBe(
      `rejected {"value":"${REDACTED}","name":"pin"}`,
    );
    expect(redactText('{"name":"pin","type":"string","value":"4321"}')).toBe(
      `{"name":"pin","type":"string","value":"${REDACTED}"}`,
    );
    expect(redactText(`echo {"pwd":"O'Brien99"}`)).toBe(`echo {"pwd":"${REDACTED}"}`);
    expect(redactText('<password><![CDATA[pa]ss99word]]></password>')).toBe(
      `<password>${REDACTED}</password>`,
    );
    expect(
      redactText('Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08='),
    ).toBe(`Authorization: SharedKey ${REDACTED}`);
  });

  it('keeps authorizations, authentication flows and cookie ids readable', () => {
    const kept = {
      authorizations: [{ id: '0VF52814937998046', status: 'CREATED' }],
      three_d_secure: { authentication_flow: 'challenge' },
    };
    expect(redactJson(kept)).toEqual(structuredClone(kept));
    const redact = redactorFor({
      url: 'https://api.example/',
      requestHeaders: [
        {
          name: 'Cookie',
          value: 'order_ref=ORD-2026-000123; device_id=3f1c2a9e-77b4-4c1e-9d2a-5b8e6f0a1c3d',
        },
      ],
    });
    expect(redact.text('Order ORD-2026-000123 from 3f1c2a9e-77b4-4c1e-9d2a-5b8e6f0a1c3d')).toBe(
      'Order ORD-2026-000123 from 3f1c2a9e-77b4-4c1e-9d2a-5b8e6f0a1c3d',
    );
  });

  it('reads a value nested in a query one level deep, however deep it goes', () => {
    const deep = `https://api.example/?q=${'a='.repeat(10_000)}`;
    expect(() => redactUrl(deep)).not.toThrow();
  });
});

describe('what a fourth review found', () => {
  it('keeps a provider sentence after a secret word and a colon', () => {
    for (const message of [
      'Invalid token: expired',
      'X-Signature: Timestamp window exceeded',
      'card_number: must be 16 digits',
    ]) {
      expect(redactText(message)).toBe(message);
    }
    expect(redactText('apiSecret: hunter2')).toBe(`apiSecret: ${REDACTED}`);
  });

  it('keeps error keys and a validator’s field names, masks what a request echoes as a number or a key', () => {
    const kept = { error_key: 'card_declined', messageKey: 'errors.amount', errors: [{ key: 'currency' }] };
    expect(redactJson(kept)).toEqual(structuredClone(kept));
    const redact = redactorFor({
      url: 'https://api.example/',
      requestHeaders: [],
      requestBody: JSON.stringify({ otp: 493817 }),
    });
    expect(redact.json({ attempt_ref: 493817, results: { '4111111111111111': 'declined' } })).toEqual({
      attempt_ref: REDACTED,
      results: { '[CARD …1111]': 'declined' },
    });
  });

  it('searches every text shown for a request’s longest 64 secrets, not for hundreds', () => {
    const secrets = secretsOf({
      url: 'https://api.example/',
      requestHeaders: [],
      requestBody: JSON.stringify(
        Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`password${i}`, `s3cret-${i}-value`])),
      ),
    });
    expect(secrets).toHaveLength(64);
    // The longest kept: those of four-digit numbers.
    expect(secrets.every((secret) => secret.length === 'S3cret-1000-value'.length)).toBe(true);
    expect(() =>
      redactHeaders([
        { name: 'Cookie', value: 'sid=ab; '.repeat(130_000) },
        { name: 'X-Odd', value: Object.create(null) },
      ]),
    ).not.toThrow();
  });
});

describe('what a fifth review found', () => {
  it.each([
    ['Mir', '2200700000000009'],
    ['RuPay', '8170000000000007'],
    ['UzCard', '8600000000000007'],
    ['Humo', '9860000000000000'],
    ['Troy', '9792000000000003'],
  ])('masks a %s card', (_, card) => {
    // Each is Luhn-valid: the check digit was chosen for it.
    expect(redactText(`card ${card} declined`)).toBe(`card [CARD …${card.slice(-4)}] declined`);
  });

  it('masks credentials under the names gateways and OAuth give them', () => {
    expect(
      redactJson({
        SecurityCredential: 'EsJocK7+NjqZPC3I3EO+TbvS+xVb9TymWwaKABoaZr/Z/n0UysSs',
        oauth: { grant_type: 'authorization_code', code: 'SplxlOBeZQQYbYS6WxSbIA' },
        jwk: { kty: 'RSA', n: '0vx7agoebGcQSuu', e: 'AQAB', d: 'X4cTteJY_gn4FYPs' },
        auth: {
          session_id: 's3ss10n0123456789',
          type: 'digest',
          response: '6629fae49393a05397450978507c4ef1',
        },
      }),
    ).toEqual({
      SecurityCredential: REDACTED,
      oauth: { grant_type: 'authorization_code', code: REDACTED },
      jwk: { kty: 'RSA', n: '0vx7agoebGcQSuu', e: 'AQAB', d: REDACTED },
      auth: { session_id: REDACTED, type: 'digest', response: REDACTED },
    });
    expect(
      redactUrl(
        'https://pay.example/return?vnp_Amount=100&vnp_SecureHash=9f8e7d6c&CHECKSUMHASH=a1b2&mac=c3d4',
      ),
    ).toBe(
      `https://pay.example/return?vnp_Amount=100&vnp_SecureHash=${REDACTED}&CHECKSUMHASH=${REDACTED}&mac=${REDACTED}`,
    );
    expect(
      redactText('-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----'),
    ).toBe(`-----BEGIN PGP PRIVATE KEY BLOCK-----${REDACTED}-----END PGP PRIVATE KEY BLOCK-----`);
    expect(
      redactText(
        '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nMIIEow\n-----END RSA PRIVATE KEY-----',
      ),
    ).toBe(`-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----`);
  });

  it('keeps ids whose digits could read as a card', () => {
    expect(redactText('OriginatorConversationID 36159-12345678-4 rejected')).toBe(
      'OriginatorConversationID 36159-12345678-4 rejected',
    );
    expect(redactJson({ order_id: 4502883225642, orderRef: 4502883225642 })).toEqual({
      order_id: 4502883225642,
      orderRef: 4502883225642,
    });
  });
});
