import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backendFindings,
  backendHeaderValue,
  MAX_BACKEND_HEADER,
  readBackendHeader,
} from '../../lib/backend-header';
import { jsonDiagnosis } from '../../lib/format/json';
import { formatMarkdown } from '../../lib/format/markdown';
import { diagnose } from '../../lib/matcher';
import { presentationOf } from '../../lib/presentation';
import type { Exchange, Finding } from '../../lib/types';

function finding(code: string, message = 'Invalid authentication token'): Finding {
  const exchange: Exchange = {
    method: 'POST',
    url: 'https://api.kiotapay.co/api/v1/payments?token=qt_secret_in_url',
    status: 401,
    requestHeaders: [{ name: 'Authorization', value: 'Bearer at_0f9e8d7c6b5a4f3e2d1c' }],
    responseHeaders: [{ name: 'content-type', value: 'application/json' }],
    responseBody: JSON.stringify({ error: { code, message } }),
    startedDateTime: '2026-11-29T05:00:00.000Z',
  };
  const diagnosis = diagnose(exchange);
  if (!diagnosis) throw new Error('not diagnosed');
  return { exchange, diagnosis };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the PayLens-Diagnoses header', () => {
  it('carries the CLI’s JSON diagnoses, redacted, and reads back to the same', () => {
    const findings = [finding('AUTH_INVALID_TOKEN'), finding('RATE_LIMITED')];
    const value = backendHeaderValue(findings);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(value, 'base64url').toString())).toEqual({
      v: 1,
      diagnoses: findings.map(jsonDiagnosis),
      truncated: 0,
    });
    expect(value).not.toContain('qt_secret_in_url');
    expect(readBackendHeader(value)).toEqual({ diagnoses: findings.map(jsonDiagnosis), truncated: 0 });
  });

  it('carries insights and support ids, lists of words among the figures; their related entries stay behind', () => {
    const withInsight: Finding = {
      ...finding('AUTH_INVALID_TOKEN'),
      analysis: {
        insights: [
          {
            kind: 'idempotency',
            text: 'This paymentRequestId was first sent with other values in paymentAmount.value (values not shown).',
            related: [3],
            figures: { key: 'paymentRequestId', differing: ['paymentAmount.value'] },
          },
        ],
        supportIds: [{ name: 'X-Request-Id', value: 'req-77' }],
      },
    };
    const report = readBackendHeader(backendHeaderValue([withInsight]));
    expect(report?.diagnoses[0]?.insights).toEqual([{ ...withInsight.analysis?.insights[0], related: [] }]);
    expect(report?.diagnoses[0]?.supportIds).toEqual([{ name: 'X-Request-Id', value: 'req-77' }]);
    const forged = (insights: unknown) =>
      readBackendHeader(
        encode({ v: 1, diagnoses: [{ ...jsonDiagnosis(withInsight), insights }], truncated: 0 }),
      );
    expect(forged([{ kind: 'made-up', text: 'x', related: [], figures: {} }])).toBeNull();
    expect(forged([{ kind: 'rate', text: 'x', related: [], figures: { f: [{ nested: true }] } }])).toBeNull();
  });

  it('stays within 8 KB, leaving the latest diagnoses out and counting them', () => {
    const findings = Array.from({ length: 40 }, (_, index) => finding(`CODE_${index}`, 'x'.repeat(300)));
    const value = backendHeaderValue(findings);
    expect(value.length).toBeLessThanOrEqual(MAX_BACKEND_HEADER);
    const report = readBackendHeader(value);
    expect(report?.truncated).toBeGreaterThan(0);
    expect((report?.diagnoses.length ?? 0) + (report?.truncated ?? 0)).toBe(40);
    expect(report?.diagnoses[0]?.code).toBe('CODE_0');
  });

  it('turns each diagnosis into a finding marked with who reported it and the page request', () => {
    const report = readBackendHeader(backendHeaderValue([finding('AUTH_INVALID_TOKEN')]));
    if (!report) throw new Error('unreadable');
    const [shown] = backendFindings(report, {
      method: 'POST',
      url: 'https://shop.test/checkout?token=abc',
    }).map(presentationOf);
    expect(shown?.backend).toEqual({
      reportedBy: 'shop.test',
      pageRequest: 'POST https://shop.test/checkout?token=[REDACTED]',
    });
    expect(shown?.code).toBe('AUTH_INVALID_TOKEN');
    const [copied] = backendFindings(report, { method: 'POST', url: 'https://shop.test/checkout' });
    expect(formatMarkdown(copied ? [copied] : [], { entries: 1 })).toContain(
      '- **Diagnosed by:** the backend of shop.test, answering `POST https://shop.test/checkout`',
    );
    expect(shown?.provider).toBe('kiotapay');
  });

  describe('from a page that forges it', () => {
    const valid = jsonDiagnosis(finding('AUTH_INVALID_TOKEN'));
    it.each([
      ['not base64url', '<script>alert(1)</script>'],
      ['not JSON', Buffer.from('{"v":1,').toString('base64url')],
      ['another version', encode({ v: 2, diagnoses: [valid], truncated: 0 })],
      ['no diagnoses list', encode({ v: 1, diagnoses: 'x', truncated: 0 })],
      ['a negative truncation', encode({ v: 1, diagnoses: [], truncated: -1 })],
      ['an unknown provider', encode({ v: 1, diagnoses: [{ ...valid, provider: 'evil' }], truncated: 0 })],
      ['an unknown category', encode({ v: 1, diagnoses: [{ ...valid, category: '<b>' }], truncated: 0 })],
      ['a script URL', encode({ v: 1, diagnoses: [{ ...valid, url: 'javascript:alert(1)' }], truncated: 0 })],
      [
        'a text too long',
        encode({ v: 1, diagnoses: [{ ...valid, title: 't'.repeat(5_000) }], truncated: 0 }),
      ],
      ['a number for a text', encode({ v: 1, diagnoses: [{ ...valid, code: 7 }], truncated: 0 })],
      ['too large', 'A'.repeat(MAX_BACKEND_HEADER + 1)],
      ['empty', ''],
    ])('shows nothing for %s', (_, value) => {
      expect(readBackendHeader(value)).toBeNull();
    });

    it('links to the catalog’s documentation, not to what the header says', () => {
      const forged = encode({
        v: 1,
        diagnoses: [{ ...valid, docsUrl: 'javascript:alert(1)', providerName: '<img>' }],
        truncated: 0,
      });
      expect(readBackendHeader(forged)?.diagnoses[0]).toMatchObject({
        docsUrl: valid.docsUrl,
        providerName: 'Kiotapay',
      });
    });

    it('never throws, whatever the value', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.base64String(), fc.anything()), (value) => {
          readBackendHeader(value);
        }),
      );
      fc.assert(
        fc.property(fc.jsonValue(), (json) => {
          readBackendHeader(encode(json));
          readBackendHeader(encode({ v: 1, diagnoses: [json], truncated: 0 }));
        }),
      );
    });
  });
});
