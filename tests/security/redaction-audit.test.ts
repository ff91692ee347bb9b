/** Every planted secret, through every output of the library and the CLI: zero leaks. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIds } from '../../lib/format';
import { diagnose } from '../../lib/matcher';
import { presentationOf } from '../../lib/presentation';
import { runCli } from '../support/cli';
import { FORBIDDEN, plantedExchanges, plantedHar } from './corpus';

async function cli(format: string, har = plantedHar()) {
  const dir = mkdtempSync(join(tmpdir(), 'paylens-audit-'));
  const file = join(dir, 'planted.har');
  writeFileSync(file, har);
  const { status, stdout, stderr } = await runCli(['diagnose', file, '--format', format]);
  return { status, output: stdout + stderr };
}

describe('the redaction audit', () => {
  it('plants every secret in an exchange that is diagnosed', () => {
    const diagnosed = plantedExchanges().map((exchange) => diagnose(exchange));
    expect(diagnosed.every((diagnosis) => diagnosis !== null)).toBe(true);
  });

  describe.each(formatIds)('paylens diagnose --format %s', (format) => {
    it.each(FORBIDDEN)('does not leak %s', async (_, secret) => {
      const { status, output } = await cli(format);
      expect(status).toBe(0);
      expect(output.length).toBeGreaterThan(500);
      expect(output).not.toContain(secret);
    });
  });

  describe.each(FORBIDDEN)('the presentation of every planted exchange', (name, secret) => {
    it(`shows no ${name} in the payload, the headers, the body or the cURL copy`, () => {
      for (const exchange of plantedExchanges()) {
        const diagnosis = diagnose(exchange);
        if (!diagnosis) throw new Error(`not diagnosed: ${exchange.url}`);
        const shown = presentationOf({ exchange, diagnosis });
        const surfaces = [
          shown.headline,
          shown.codeAttribute,
          shown.url,
          JSON.stringify(shown.fields),
          JSON.stringify(shown.requestHeaders),
          JSON.stringify(shown.responseHeaders),
          shown.requestBody?.text ?? '',
          JSON.stringify(shown.requestBody?.fields ?? []),
          shown.responseBody?.text ?? '',
          shown.curl,
        ];
        for (const surface of surfaces) expect(surface).not.toContain(secret);
      }
    });
  });

  it('shows the request payload in Markdown', async () => {
    const { output } = await cli('markdown');
    expect(output).toContain(
      '<details><summary>Request payload (redacted, application/x-www-form-urlencoded)</summary>',
    );
    expect(output).toContain('card_number: [CARD …1111]');
  });

  describe.each(formatIds)('--format %s, with the session analyzer', (format) => {
    it('shows no secret of the entries an insight relates, in its text or anywhere', async () => {
      // A token issued by a success, used after its lifetime: the insight relates that success.
      const token = 'kt_opaque_access_Pl4nted_77';
      const har = JSON.stringify({
        log: {
          version: '1.2',
          creator: { name: 'WebInspector', version: '537.36' },
          entries: [
            {
              startedDateTime: '2026-11-22T10:00:00.000Z',
              request: { method: 'POST', url: 'https://api.kiotapay.co/api/v1/get-token', headers: [] },
              response: {
                status: 200,
                headers: [],
                content: { text: JSON.stringify({ data: { access_token: token, expires_in: 300 } }) },
              },
            },
            {
              startedDateTime: '2026-11-22T10:06:00.000Z',
              request: {
                method: 'POST',
                url: 'https://api.kiotapay.co/api/v1/payments',
                headers: [{ name: 'Authorization', value: `Bearer ${token}` }],
              },
              response: {
                status: 401,
                headers: [{ name: 'X-Request-Id', value: `echo-${token}` }],
                content: {
                  text: JSON.stringify({ error: { code: 'AUTH_INVALID_TOKEN', message: 'expired' } }),
                },
              },
            },
          ],
        },
      });
      const { status, output } = await cli(format, har);
      expect(status).toBe(0);
      expect(output).toMatch(/in this capture 360 s before this request/);
      expect(output).not.toContain(token);
    });
  });

  it('still shows what is not secret', async () => {
    const { output } = await cli('markdown');
    for (const kept of [
      'Client-Id: client-rebell-01',
      'X-Timestamp: 1763805600',
      '[CARD …1111]',
      'Bearer [JWT, expires 2030-03-17 17:46:40 UTC]',
      'Basic [REDACTED]',
    ]) {
      expect(output).toContain(kept);
    }
  });
});
