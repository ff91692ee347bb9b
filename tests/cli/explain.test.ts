import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alternativePaymentsError } from '../../lib/providers/alternative-payments/examples';
import { apipayMessage } from '../../lib/providers/apipay/examples';
import { kiotapayError } from '../../lib/providers/kiotapay/examples';
import { payfieldError } from '../../lib/providers/payfield/examples';
import { rebellResult } from '../../lib/providers/rebell/examples';
import { redactText } from '../../lib/redact';
import { runCli } from '../support/cli';

const run = runCli;

async function explainJson(args: string[], stdin: string[] = []) {
  const result = await run(['explain', ...args, '--format', 'json'], stdin);
  return { ...result, matches: JSON.parse(result.stdout).matches as Array<Record<string, unknown>> };
}

const CONTRACT_KEYS = [
  'provider',
  'providerName',
  'code',
  'message',
  'status',
  'method',
  'path',
  'category',
  'title',
  'meaning',
  'remedy',
  'retry',
  'note',
  'docsUrl',
];

describe('paylens explain: terms', () => {
  it.each([['INVALID_SIGNATURE'], ['invalid_signature'], ['invalid', 'signature'], ['Invalid Signature.']])(
    '%s finds Rebell’s code and Payfield’s message, whatever the case, underscores or spaces',
    async (...terms) => {
      const { status, matches } = await explainJson(terms);
      expect(status).toBe(0);
      expect(matches.slice(0, 2).map((match) => [match.provider, match.code ?? match.message])).toEqual([
        ['rebell', 'INVALID_SIGNATURE'],
        ['payfield', 'Invalid signature'],
      ]);
    },
  );

  it('writes the JSON contract, keys in their order, catalog text only', async () => {
    const { stdout, matches } = await explainJson(['auth_invalid_token', '--provider', 'kiotapay']);
    expect(Object.keys(JSON.parse(stdout))).toEqual(['matches']);
    expect(matches[0]).toEqual({
      provider: 'kiotapay',
      providerName: 'Kiotapay',
      code: 'AUTH_INVALID_TOKEN',
      category: 'auth',
      title: 'Invalid authentication token',
      meaning: 'The provided token is expired or invalid.',
      remedy: 'Refresh or generate a new token.',
      retry: { advice: 'no' },
      note: 'Access tokens live 300 s and refresh tokens 1800 s; get new ones with POST /api/v1/get-token.',
      docsUrl: 'https://developer.kiotapay.co/api-reference/endpoint/errors',
    });
    const endpoint = (await explainJson(['--provider', 'alternative-payments', '--status', '404']))
      .matches[0];
    const keys = Object.keys(endpoint ?? {});
    expect(keys).toEqual(CONTRACT_KEYS.filter((key) => keys.includes(key)));
    expect(endpoint).toMatchObject({ status: 404, method: 'GET', path: '/payment/request/{id}' });
  });

  it.each([
    ['Shop currency mismatch. Expected KZT.', 'Shop currency mismatch. Expected X.'],
    ['shop currency mismatch. expected USD', 'Shop currency mismatch. Expected X.'],
    ['Insufficient balance: 12.00 available', 'Insufficient balance...'],
    ["Shop with code 'main-kz' not found or inactive.", 'Shop not found or inactive'],
  ])('matches the value-carrying message %j by its documented pattern', async (message, title) => {
    const { status, matches } = await explainJson([message]);
    expect(status).toBe(0);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ provider: 'payfield', title });
  });

  it('reads a status with its endpoint, and refuses a row whose endpoint contradicts', async () => {
    const forbidden = await explainJson([
      '--provider',
      'alternative-payments',
      '--status',
      '403',
      '--method',
      'post',
      '--path',
      '/v1/oauth/token',
    ]);
    expect(forbidden.matches.map((match) => match.meaning)).toEqual([
      'Wrong client_id / client_secret or bad Basic Auth header',
    ]);
    const elsewhere = await run([
      'explain',
      '--provider',
      'alternative-payments',
      '--status',
      '403',
      '--method',
      'GET',
      '--path',
      '/payment/request/42',
    ]);
    expect(elsewhere).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'paylens: no documented row matches GET /payment/request/42 status 403 of alternative-payments\n',
    });
  });

  it('prints text and Markdown blocks', async () => {
    const text = await run(['explain', 'PAYMENT_IN_PROCESS']);
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(
      [
        'Rebell OpenAPI (rebell) · PAYMENT_IN_PROCESS · pending',
        '  Payment in process',
        '  Meaning: Payment being processed',
        '  Remedy:  Poll for status',
        '  Retry:   Do not resend: query the operation’s status until it settles.',
        '  Docs:    https://docs.rebellapp.com/openapis/error-codes',
        '',
      ].join('\n'),
    );
    const markdown = await run([
      'explain',
      'Kaspi session expired',
      '--status',
      '503',
      '--format',
      'markdown',
    ]);
    expect(markdown.stdout).toMatch(/^### ApiPay\.kz: Kaspi session expired\n/);
    expect(markdown.stdout).toContain('**Remedy:** Contact support to reconnect Kaspi Business session.');
  });
});

describe('paylens explain: near misses', () => {
  it.each([
    ['INVALD_AUTH_CODE', 'did you mean INVALID_AUTH_CODE?'],
    ['auth-invalid-tokn', 'did you mean AUTH_INVALID_TOKEN?'],
    ['INVALID_AUTHCODE', 'did you mean INVALID_AUTH_CODE or INVALID_CODE?'],
  ])('%s exits 1 and suggests the closest codes', async (term, suggestion) => {
    const { status, stdout, stderr } = await run(['explain', term]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`paylens: no documented row matches "${term}"; ${suggestion}\n`);
  });

  it('writes an empty match list as JSON, and suggests nothing for what is far from every code', async () => {
    const { status, matches, stderr } = await explainJson(['bananas are yellow']);
    expect(status).toBe(1);
    expect(matches).toEqual([]);
    expect(stderr).toBe('paylens: no documented row matches "bananas are yellow"\n');
  });

  it('suggests only the named provider’s codes', async () => {
    expect((await run(['explain', 'INVALD_CLIENT'])).stderr).toContain('did you mean INVALID_CLIENT?');
    expect((await run(['explain', 'INVALD_CLIENT', '--provider', 'kiotapay'])).stderr).toBe(
      'paylens: no documented row matches "INVALD_CLIENT" of kiotapay\n',
    );
  });
});

describe('paylens explain --body', () => {
  const CARD = '4111111111111111';
  const BEARER = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXJjaGFudCJ9.c2lnbmF0dXJl';

  it.each([
    [
      'kiotapay, by its fingerprint',
      [],
      kiotapayError('AUTH_INVALID_TOKEN', 'Invalid authentication token'),
      { provider: 'kiotapay', code: 'AUTH_INVALID_TOKEN', title: 'Invalid authentication token' },
    ],
    [
      'rebell, a failure inside HTTP 200',
      [],
      rebellResult('U', 'PAYMENT_IN_PROCESS', 'processing'),
      { provider: 'rebell', code: 'PAYMENT_IN_PROCESS', category: 'pending', retry: { advice: 'poll' } },
    ],
    [
      'payfield, its message with a value',
      [],
      payfieldError('validation_error', 'Shop currency mismatch. Expected KZT.'),
      {
        provider: 'payfield',
        message: 'Shop currency mismatch. Expected KZT.',
        remedy: 'Use the shop currency.',
      },
    ],
    [
      'apipay, its status read from the documented row',
      ['--provider', 'apipay'],
      apipayMessage('Invalid API key'),
      { provider: 'apipay', status: 401, title: 'Invalid API key' },
    ],
    [
      'apipay, the wait the body asks for',
      ['--provider', 'apipay', '--status', '429'],
      apipayMessage('Too Many Attempts.', { retryAfter: 30 }),
      { provider: 'apipay', status: 429, retry: { advice: 'after', afterSeconds: 30 } },
    ],
    [
      'alternative-payments, by status and endpoint',
      [
        '--provider',
        'alternative-payments',
        '--status',
        '404',
        '--method',
        'GET',
        '--path',
        '/payment/request/42',
      ],
      alternativePaymentsError('Not Found'),
      { provider: 'alternative-payments', status: 404, meaning: 'ID not present in environment' },
    ],
  ])('%s', async (_label, args, body, expected) => {
    const { status, matches } = await explainJson(['--body', '-', ...args], [JSON.stringify(body)]);
    expect(status).toBe(0);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject(expected);
  });

  it('lists the field errors, and redacts what the body echoes in every format', async () => {
    const body = JSON.stringify({
      message: `Validation failed for ${BEARER}`,
      errors: { card_number: [`${CARD} is not a valid card`], amount: ['The amount must be positive.'] },
    });
    const args = ['--body', '-', '--provider', 'apipay', '--status', '422'];
    const json = await explainJson(args, [body]);
    expect(json.matches[0]).toMatchObject({
      // Through the library's redaction, whatever mask it chooses.
      message: redactText(`Validation failed for ${BEARER}`),
      title: 'Validation Error',
    });
    // JSON keeps to its contract's keys; the field errors are listed in text and Markdown.
    expect(json.matches[0]).not.toHaveProperty('fields');
    const text = await run(['explain', ...args], [body]);
    expect(text.stdout).toContain(`card_number: ${redactText(`${CARD} is not a valid card`)}`);
    expect(text.stdout).toContain('amount: The amount must be positive.');
    for (const format of ['text', 'markdown', 'json']) {
      const { stdout } = await run(['explain', ...args, '--format', format], [body]);
      expect(stdout, format).not.toContain(CARD);
      expect(stdout, format).not.toContain('eyJ');
      if (format !== 'json') expect(stdout, format).toContain('amount');
    }
  });

  it('reads the body from a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paylens-explain-')), 'body.json');
    writeFileSync(file, JSON.stringify({ result: { resultStatus: 'F', resultCode: 'RISK_REJECT' } }));
    const { status, stdout } = await run(['explain', '--body', file]);
    expect(status).toBe(0);
    expect(stdout).toContain('Rebell OpenAPI (rebell) · RISK_REJECT · payment');
  });

  it('exits 1 for a body no provider recognises, or that names nothing documented', async () => {
    expect(await run(['explain', '--body', '-'], ['{"error":"nope"}'])).toEqual({
      status: 1,
      stdout: '',
      stderr: 'paylens: no provider recognises this body by its shape: name one with --provider\n',
    });
    const undocumented = await run(
      ['explain', '--body', '-'],
      ['{"result":{"resultStatus":"F","resultCode":"INVALID_SIGNATUR","resultMessage":"bad sig"}}'],
    );
    expect(undocumented.status).toBe(1);
    expect(undocumented.stderr).toBe(
      'paylens: the body names nothing Rebell OpenAPI documents (it says INVALID_SIGNATUR: bad sig); did you mean INVALID_SIGNATURE?\n',
    );
    const html = await run(
      ['explain', '--body', '-', '--provider', 'kiotapay'],
      ['<html>502 Bad Gateway</html>'],
    );
    expect(html.stderr).toMatch(
      /^paylens: the body names nothing Kiotapay documents: The response is an HTML page/,
    );
    // Alternative Payments keys its rows by status and endpoint: a body alone names none.
    const bare = await run(
      ['explain', '--body', '-', '--provider', 'alternative-payments'],
      ['{"error":{}}'],
    );
    expect(bare.status).toBe(1);
  });
});

describe('paylens explain: bad arguments exit 2', () => {
  it.each([
    [[], /^paylens: nothing to explain: give a code or message, --status, or --body/],
    [['X', '--provider', 'stripe'], /^paylens: unknown provider "stripe"/],
    [['--status', 'abc'], /^paylens: --status takes an HTTP status from 100 to 599, not "abc"/],
    [['--status', '700'], /--status takes an HTTP status/],
    [['X', '--format', 'xml'], /^paylens: unknown format "xml" \(use text, json, markdown\)/],
    [['X', '--body', '-'], /^paylens: give either terms or --body, not both/],
    [['--status', '404', '--path', 'payment'], /^paylens: --path takes a path starting with \//],
    [['--method', 'G E T', '--status', '404'], /^paylens: --method takes an HTTP method/],
    [['X', '--colour'], /^paylens: Unknown option '--colour'/],
    [
      ['--body', '/nonexistent/body.json'],
      /^paylens: cannot read \/nonexistent\/body\.json: no such file\n$/,
    ],
  ])('%j', async (args, message) => {
    const { status, stdout, stderr } = await run(['explain', ...args]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('explains itself with --help, and the main help names the command', async () => {
    const help = await run(['explain', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: paylens explain <term…> \[options\]/);
    expect((await run(['--help'])).stdout).toContain('paylens explain <term…>');
  });
});

describe('paylens providers', () => {
  it('lists each provider with hosts, environments, rows and docs', async () => {
    const { status, stdout } = await run(['providers']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      [
        'kiotapay  Kiotapay',
        '  Hosts:        api.kiotapay.co',
        '  Production:   api.kiotapay.co/api/v1/',
        '  Sandbox:      api.kiotapay.co/api/sandbox/v1/',
        '  Rows:         20 documented',
        '  Docs:         https://developer.kiotapay.co/api-reference/endpoint/errors',
      ].join('\n'),
    );
  });

  it('writes JSON', async () => {
    const { stdout } = await run(['providers', '--format', 'json']);
    const { providers } = JSON.parse(stdout);
    expect(providers.map((provider: { id: string }) => provider.id)).toEqual([
      'kiotapay',
      'rebell',
      'payfield',
      'apipay',
      'alternative-payments',
    ]);
    expect(providers[4]).toEqual({
      id: 'alternative-payments',
      name: 'Alternative Payments',
      hosts: ['public-api.alternativepayments.io', 'public-api.demo.alternativepayments.io'],
      environments: [
        { name: 'production', hosts: ['public-api.alternativepayments.io'] },
        { name: 'sandbox', hosts: ['public-api.demo.alternativepayments.io'] },
      ],
      rows: 7,
      docsUrl: 'https://docs.alternativepayments.io',
    });
  });

  it('exits 2 for a format it does not write', async () => {
    expect(await run(['providers', '--format', 'markdown'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'paylens: unknown format "markdown" (use text, json)\n',
    });
  });
});
