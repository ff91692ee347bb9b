/** Why it happened here, in each of the CLI's formats: insights, support ids, session warnings. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
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

describe('paylens diagnose, with the kinds that follow the traffic', () => {
  const TRAFFIC = new URL('../fixtures/har/session-traffic.har', import.meta.url).pathname;
  const runTraffic = (format: string) => runCli(['diagnose', TRAFFIC, '--format', format]);

  it('puts environment, rate, idempotency and repeated insights and their warnings in the JSON', async () => {
    const { status, stdout } = await runTraffic('json');
    expect(status).toBe(0);
    const { diagnoses, summary } = JSON.parse(stdout);
    const insights = diagnoses.map(
      ({ entryIndex, insights }: { entryIndex: number; insights: unknown[] }) => ({
        entryIndex,
        insights,
      }),
    );
    expect(insights).toEqual([
      {
        entryIndex: 2,
        insights: [
          expect.objectContaining({
            kind: 'environment',
            related: [1],
            figures: {
              createdOn: 'public-api.demo.alternativepayments.io',
              requestedOn: 'public-api.alternativepayments.io',
              environment: 'sandbox',
            },
          }),
        ],
      },
      {
        entryIndex: 8,
        insights: [
          expect.objectContaining({
            kind: 'rate',
            related: [3, 4, 5, 6, 7],
            figures: { observed: 6, limit: 5, windowSeconds: 1 },
          }),
        ],
      },
      {
        entryIndex: 10,
        insights: [
          expect.objectContaining({
            kind: 'idempotency',
            related: [9],
            figures: { key: 'paymentRequestId', differing: ['paymentAmount.value'] },
          }),
        ],
      },
      { entryIndex: 11, insights: [] },
      {
        entryIndex: 12,
        insights: [
          expect.objectContaining({
            kind: 'repeated',
            related: [11],
            figures: { problem: 'retried-no-retry', count: 2, spanSeconds: 2 },
          }),
        ],
      },
    ]);
    expect(
      summary.warnings.map(({ kind, related, figures }: Record<string, unknown>) => ({
        kind,
        related,
        figures,
      })),
    ).toEqual([
      { kind: 'environment', related: [1, 2], figures: { environments: ['sandbox', 'production'] } },
      { kind: 'rate', related: [6], figures: { observed: 4, limit: 5, windowSeconds: 1 } },
    ]);
    expect(stdout).not.toContain('9f8e7d6c5b4a39281706f5e4d3c2b1a0');
    expect(stdout).not.toMatch(/"2490"|'2490'/);
  });

  it('prints them as Why: lines and warnings in text, and in the Markdown lists', async () => {
    const text = (await runTraffic('text')).stdout;
    expect(text).toContain("  Why:     This id was returned by a success on Alternative Payments' sandbox");
    expect(text).toContain(
      '  Why:     6 requests to Alternative Payments with the same key in the 1 s ending here',
    );
    expect(text).toContain(
      '  Why:     This paymentRequestId was first sent with other values in paymentAmount.value',
    );
    expect(text).toContain('  Why:     The same request was sent 2 times in 2 s');
    expect(text).toMatch(
      /\nWarning: This capture talks to both Alternative Payments' sandbox .*\nWarning: 4 requests to Alternative Payments/,
    );
    const markdown = (await runTraffic('markdown')).stdout;
    expect(markdown).toContain('**Why it happened here:**\n\n- This paymentRequestId was first sent');
    expect(markdown).toContain('### Session warnings');
  });
});

describe('the README’s session-traffic examples', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  // As the README runs it, from the repository's root: the Markdown warnings name the file so.
  const file = relative(
    process.cwd(),
    new URL('../fixtures/har/session-traffic.har', import.meta.url).pathname,
  );

  function example(format: string): string {
    const found = new RegExp(`<!-- session-traffic: ${format} -->\n\`\`\`\\w+\n([\\s\\S]*?)\n\`\`\`\n`).exec(
      readme,
    );
    if (!found?.[1]) throw new Error(`The README has no session-traffic ${format} example`);
    return found[1];
  }

  it.each(['text', 'markdown'])('are the CLI’s %s output, lines left out at "..."', async (format) => {
    const lines = (await runCli(['diagnose', file, '--format', format])).stdout.split('\n');
    let at = 0;
    for (const line of example(format).split('\n')) {
      if (line.trim() === '...') continue;
      const found = lines.indexOf(line, at);
      expect(found, `README line not in the output, in order: ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('are the CLI’s JSON, keys left out', async () => {
    const { diagnoses, summary } = JSON.parse((await runCli(['diagnose', file, '--format', 'json'])).stdout);
    const shown = JSON.parse(example('json'));
    expect({
      diagnoses: diagnoses.filter((diagnosis: { insights: unknown[] }) => diagnosis.insights.length > 0),
      summary,
    }).toMatchObject(shown);
  });
});
