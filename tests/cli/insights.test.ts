/** Why it happened here, in each of the CLI's formats: insights, support ids, session warnings. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const CAPTURE = new URL('../fixtures/har/session-insights.har', import.meta.url).pathname;

const run = (format: string) => runCli(['diagnose', CAPTURE, '--format', format]);

describe('paylens diagnose, with the session analyzer', () => {
  it('adds insights and support ids to every JSON diagnosis, and warnings to the summary', async () => {
    const { status, stdout } = await run('json');
    expect(status).toBe(0);
    const { diagnoses, summary } = JSON.parse(stdout);
    const token = diagnoses.find((d: { code: string }) => d.code === 'AUTH_INVALID_TOKEN');
    expect(token.insights).toEqual([
      {
        kind: 'token',
        text: expect.stringMatching(/issued by Kiotapay's token endpoint in this capture 330 s before/),
        related: [expect.any(Number)],
        figures: { problem: 'expired', ageSeconds: 330, lifetimeSeconds: 300, expiredAgoSeconds: 30 },
      },
    ]);
    expect(token.supportIds).toEqual([]);
    const skew = diagnoses.find((d: { provider: string }) => d.provider === 'payfield');
    expect(skew.insights.map((insight: { kind: string }) => insight.kind)).toEqual(['clock-skew']);
    expect(skew.insights[0].figures).toMatchObject({
      header: 'X-Timestamp',
      problem: 'skew',
      skewSeconds: -425,
    });
    expect(skew.supportIds).toEqual([{ name: 'X-Request-Id', value: 'pf-7c1e' }]);
    expect(summary.warnings).toEqual([
      {
        file: CAPTURE,
        kind: 'clock-skew',
        provider: 'payfield',
        text: expect.stringContaining('180 s behind'),
        related: [expect.any(Number)],
        figures: { header: 'X-Timestamp', problem: 'skew', skewSeconds: -180 },
      },
    ]);
  });

  it('prints Why: after the remedy, Support: ids, and warnings after the summary in text', async () => {
    const { stdout } = await run('text');
    expect(stdout).toMatch(
      / {2}Remedy: {2}Refresh or generate a new token\.\n {2}Why: {5}The bearer token was issued/,
    );
    expect(stdout).toContain('  Support: X-Request-Id pf-7c1e');
    expect(stdout).toMatch(
      /2 diagnoses in 6 entries.*\nWarning: Successful Payfield requests .*180 s behind.* \(payfield\)\n$/,
    );
  });

  it('lists "Why it happened here", support ids first, and the session warnings in Markdown', async () => {
    const { stdout } = await run('markdown');
    expect(stdout).toContain('**Why it happened here:**\n\n- The bearer token was issued');
    expect(stdout).toMatch(
      /### Payfield: unauthorized \(HTTP 401\)\n\n`[^`]+`\n\n- \*\*Support:\*\* X-Request-Id `pf-7c1e`\n- \*\*Provider:\*\*/,
    );
    expect(stdout).toContain('### Session warnings');
  });
});
