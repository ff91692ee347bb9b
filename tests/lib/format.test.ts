import { describe, expect, it } from 'vitest';
import { formats } from '../../lib/format';
import { escapeMarkdown } from '../../lib/format/markdown';
import { diagnose } from '../../lib/matcher';
import { payfieldError } from '../../lib/providers/payfield/examples';
import type { Exchange, Finding } from '../../lib/types';
import { exchange } from '../support/exchange';

const CARD = '4111111111111111';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaG9wIn0.c2lnbmF0dXJlLXZhbHVl';

function finding(ex: Exchange, entryIndex?: number): Finding {
  const diagnosis = diagnose(ex);
  if (!diagnosis) throw new Error(`not diagnosed: ${ex.url}`);
  return { exchange: ex, diagnosis, ...(entryIndex === undefined ? {} : { entryIndex }) };
}

const payfield = finding(
  exchange(
    `https://api.payfield.io/api/v1/payouts?api_key=k-123&page=1`,
    422,
    {
      ...payfieldError('validation_error', 'amount must be a positive decimal string', [
        { field: 'amount', message: 'amount must be a positive decimal string' },
      ]),
      echo: { card_number: CARD, token: JWT },
    },
    {
      requestHeaders: [
        { name: 'Authorization', value: `Bearer ${JWT}` },
        { name: 'X-API-Key', value: 'pf_live_secret_key' },
        { name: 'X-Signature', value: 'deadbeefcafe' },
      ],
      requestBody: JSON.stringify({ card_number: CARD, amount: '-1' }),
    },
  ),
  3,
);

const apipay = finding(
  exchange('https://api.apipay.kz/api/v1/invoices', 429, {
    message: 'Too many requests. Please retry after 60 seconds.',
    retry_after: 60,
  }),
  7,
);

describe('json', () => {
  it('follows the contract: keys, order, values and summary', () => {
    const document = JSON.parse(formats.json([payfield, apipay], { entries: 12 }));
    expect(Object.keys(document)).toEqual(['diagnoses', 'summary']);
    expect(Object.keys(document.diagnoses[0])).toEqual([
      'entryIndex',
      'startedDateTime',
      'method',
      'url',
      'status',
      'provider',
      'providerName',
      'match',
      'outcome',
      'code',
      'message',
      'documented',
      'category',
      'title',
      'meaning',
      'remedy',
      'retry',
      'fields',
      'docsUrl',
      'insights',
      'supportIds',
    ]);
    expect(document.diagnoses[0]).toMatchObject({
      entryIndex: 3,
      url: 'https://api.payfield.io/api/v1/payouts?api_key=[REDACTED]&page=1',
      provider: 'payfield',
      code: 'validation_error',
      fields: [{ field: 'amount', message: 'amount must be a positive decimal string' }],
      retry: { advice: 'no' },
    });
    expect(document.diagnoses[1].retry).toEqual({ advice: 'after', afterSeconds: 60 });
    expect(document.diagnoses[0]).toMatchObject({ insights: [], supportIds: [] });
    expect(document.summary).toEqual({
      entries: 12,
      diagnosed: 2,
      byProvider: { payfield: 1, apipay: 1 },
      warnings: [],
    });
  });
});

describe('json, written a diagnosis at a time', () => {
  it.each([
    ['no diagnoses', []],
    ['one', [payfield]],
    ['two', [payfield, apipay]],
  ])('is laid out exactly as JSON.stringify would lay it out: %s', (_, findings) => {
    const output = formats.json(findings, { entries: 5 });
    expect(output).toBe(`${JSON.stringify(JSON.parse(output), null, 2)}\n`);
  });
});

describe('markdown', () => {
  const markdown = formats.markdown([payfield], { entries: 1 });

  it('holds everything a ticket needs', () => {
    for (const part of [
      'Payfield',
      '`validation_error`',
      '422',
      'POST https://api.payfield.io/api/v1/payouts',
      'Amount missing, not a string, invalid, or not positive.',
      '**Remedy:** Send amount as a string, for example "5000.00".',
      '**Retry:**',
      '`amount`',
      'https://api.docs.payfield.io',
      'Response body (redacted)',
    ]) {
      expect(markdown).toContain(part);
    }
  });

  it('leaks no secret of the request or the response', () => {
    for (const secret of [JWT, CARD, 'pf_live_secret_key', 'deadbeefcafe', 'k-123']) {
      expect(markdown).not.toContain(secret);
    }
    expect(markdown).toMatch(/Authorization: Bearer \[JWT[^\]]*\]/);
  });

  it('summarises several diagnoses under one heading', () => {
    const both = formats.markdown([payfield, apipay], { entries: 9 });
    expect(both).toMatch(/^## PayLens diagnoses\n\n2 diagnoses in 9 requests \(payfield 1, apipay 1\)\./);
    expect(both.match(/^### /gm)).toHaveLength(2);
  });

  it('renders provider text as text, never as markup', () => {
    const hostile = finding(
      exchange('https://api.kiotapay.co/api/v1/x', 400, {
        error: {
          code: 'REQ_BAD_REQUEST',
          message: '<img src=x onerror=alert(1)> [click](javascript:alert(1)) ```',
        },
      }),
    );
    // Inside a fenced block markup is inert; everywhere else it must be escaped.
    const prose = formats.markdown([hostile], { entries: 1 }).replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
    expect(prose).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(prose).not.toMatch(/(?<!\\)<img/);
    expect(prose).not.toContain('](javascript');
    expect(escapeMarkdown('a_b *c* <d>')).toBe('a\\_b \\*c\\* \\<d\\>');
  });

  it('fences bodies that contain fences', () => {
    const body = finding(exchange('https://api.kiotapay.co/x', 500, 'oops ``` not json'));
    expect(formats.markdown([body], { entries: 1 })).toContain('````text\noops ``` not json\n````');
  });
});

describe('text', () => {
  it('prints a block per diagnosis and a summary', () => {
    const text = formats.text([payfield, apipay], { entries: 12, skipped: 2 });
    expect(text).toContain('#3 POST https://api.payfield.io/api/v1/payouts?api_key=[REDACTED]&page=1 → 422');
    expect(text).toContain('Retry after 60 s, as the response asks.');
    expect(text).toContain('Field:   amount: amount must be a positive decimal string');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      '2 diagnoses in 12 entries (payfield 1, apipay 1).',
      '2 entries skipped: not usable HAR entries.',
    ]);
  });

  it('neutralises terminal control sequences from provider text', () => {
    const hostile = finding(
      exchange('https://api.kiotapay.co/x', 400, { error: { code: 'X\u001b[2J', message: 'm\u0007' } }),
    );
    const text = formats.text([hostile], { entries: 1 });
    expect(text.includes('\u0007') || text.includes('\u001b')).toBe(false);
  });
});

describe('hostile output', () => {
  it('formats a URL with a hundred thousand backtick runs', () => {
    const hostile = finding(exchange(`https://api.kiotapay.co/x?q=${'`a'.repeat(300_000)}`, 500, ''));
    expect(formats.markdown([hostile], { entries: 1 }).length).toBeGreaterThan(300_000);
  });

  it('neither links nor mentions from provider text in Markdown', () => {
    expect(escapeMarkdown('see https://evil.example or @octocat')).toBe(
      'see https\\://evil.example or \\@octocat',
    );
  });
});
