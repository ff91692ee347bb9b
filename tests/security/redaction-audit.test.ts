/** Every planted secret, through every output of the library and the CLI: zero leaks. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { formatIds } from '../../lib/format';
import { diagnose } from '../../lib/matcher';
import { FORBIDDEN, plantedExchanges, plantedHar } from './corpus';

async function cli(format: string) {
  const dir = mkdtempSync(join(tmpdir(), 'paylens-audit-'));
  const file = join(dir, 'planted.har');
  writeFileSync(file, plantedHar());
  let output = '';
  const status = await main(['diagnose', file, '--format', format], {
    stdout: (text) => {
      output += text;
    },
    stderr: (text) => {
      output += text;
    },
    stdin: [],
  });
  return { status, output };
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
