import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerById } from '../../lib/providers';
import type { Exchange } from '../../lib/types';
import { scenarioById } from '../../sandbox/scenarios';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { type ClockReading, INSIGHT_CASES, TOKEN_LIFETIME_HEADER } from '../../sandbox/shop/insight-cases';
import { analyse } from '../support/session';
import { exchangeOf, send } from './client';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe('the shop’s Why here cases', () => {
  it.each(INSIGHT_CASES.flatMap(({ id, steps }) => steps.map((step) => [id, step.scenario] as const)))(
    '%s sends %s, a scenario the sandbox has',
    (_, scenario) => {
      expect(scenarioById(scenario)).toBeDefined();
    },
  );

  it.each(INSIGHT_CASES.flatMap(({ id, steps }) => steps.map((step) => [id, step] as const)))(
    '%s sends to a host of the provider, and replaces body fields the call has',
    (_, step) => {
      const scenario = scenarioById(step.scenario);
      if (step.host) expect(providerById(scenario?.provider ?? '')?.hosts).toContain(step.host);
      if (step.body) {
        const body = JSON.parse(scenario?.call.body ?? '{}');
        for (const [field, value] of Object.entries(step.body)) {
          expect(body).toHaveProperty(field);
          expect(body[field]).not.toEqual(value);
        }
      }
    },
  );

  it('each have a button on the shop the demo opens, and both environments’ hosts reach the sandbox', async () => {
    const { text } = await send(sandbox, { host: 'shop.test', path: '/' });
    for (const { id } of INSIGHT_CASES) expect(text).toContain(`data-insight-case="${id}"`);
    const rules = sandbox.chromiumArgs.find((arg) => arg.startsWith('--host-resolver-rules=')) ?? '';
    for (const host of ['public-api.demo.alternativepayments.io', 'public-api.alternativepayments.io'])
      expect(rules).toContain(`MAP ${host} 127.0.0.1:${sandbox.port}`);
  });

  it('get a token as short-lived as they ask, in the shape Kiotapay documents', async () => {
    const token = scenarioById('kiotapay:token');
    if (!token) throw new Error('no kiotapay:token');
    const answer = await send(sandbox, {
      method: 'POST',
      host: token.host,
      path: `${token.call.path}?scenario=token`,
      headers: { ...token.call.headers, [TOKEN_LIFETIME_HEADER]: '2' },
      ...(token.call.body === undefined ? {} : { body: token.call.body }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      status: '200 OK',
      data: { access_token: expect.any(String), expires_in: 2, refresh_expires_in: 1800 },
    });
  });
});

/** A header value as shop.js reads it when the call leaves, at `now`. */
function headerValue(value: string | ClockReading, now: number): string {
  if (typeof value === 'string') return value;
  const at = now + value.offsetSeconds * 1000;
  if (value.clock === 'rfc-3339') return new Date(at).toISOString();
  return String(value.clock === 'unix-milliseconds' ? at : Math.floor(at / 1000));
}

/**
 * A case's steps as shop.js sends them, to this sandbox, recorded as DevTools would: each
 * sending starts `delayMs` plus 10 ms after the one before.
 */
async function capture(id: string): Promise<Exchange[]> {
  const insightCase = INSIGHT_CASES.find((candidate) => candidate.id === id);
  if (!insightCase) throw new Error(`No case ${id}`);
  const exchanges: Exchange[] = [];
  let startsAt = Date.now();
  for (const step of insightCase.steps) {
    const scenario = scenarioById(step.scenario);
    if (!scenario) throw new Error(`No scenario ${step.scenario}`);
    for (let sent = 0; sent < (step.times ?? 1); sent++) {
      startsAt += (step.delayMs ?? 0) + 10;
      const headers = {
        ...scenario.call.headers,
        ...Object.fromEntries(
          Object.entries(step.headers ?? {}).map(([name, value]) => [name, headerValue(value, Date.now())]),
        ),
      };
      const body =
        step.body && scenario.call.body !== undefined
          ? JSON.stringify({ ...JSON.parse(scenario.call.body), ...step.body })
          : scenario.call.body;
      const url = new URL(scenario.call.path, `https://${step.host ?? scenario.host}`);
      url.searchParams.set('scenario', scenario.name);
      const received = await send(sandbox, {
        method: scenario.call.method,
        host: url.host,
        path: `${url.pathname}${url.search}`,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      exchanges.push({
        ...exchangeOf(
          { ...scenario, call: { ...scenario.call, headers, ...(body === undefined ? {} : { body }) } },
          received,
        ),
        url: url.href,
        startedDateTime: new Date(startsAt).toISOString(),
      });
    }
  }
  return exchanges;
}

/** What the panel and the CLI would show: each diagnosis's insight kinds, and the warnings' kinds. */
async function analysed(id: string) {
  const { results, warnings } = analyse(await capture(id));
  const diagnosed = results.filter(({ diagnosis }) => diagnosis !== null);
  return {
    insights: diagnosed.map(({ insights }) => insights.map(({ kind }) => kind).join(' ')),
    last: diagnosed.at(-1)?.insights ?? [],
    warnings: warnings.map(({ kind }) => kind),
    warningTexts: warnings.map(({ text }) => text),
  };
}

describe('the sandbox’s answers make the analyzer explain each case', () => {
  it('environment: the sandbox returns the id production then does not find', async () => {
    const { insights, last, warnings } = await analysed('environment');
    expect(insights).toEqual(['environment']);
    expect(last[0]?.figures).toMatchObject({ environment: 'sandbox' });
    expect(warnings).toEqual(['environment']);
  });

  it('idempotency-conflict: REPEAT_REQ_INCONSISTENT after the same paymentRequestId with another amount', async () => {
    const { insights, last } = await analysed('idempotency-conflict');
    expect(insights).toEqual(['idempotency']);
    expect(last[0]?.figures).toEqual({ key: 'paymentRequestId', differing: ['paymentAmount.value'] });
  });

  it('idempotency-replay: no error, the 200 "already exists" with another amount warns', async () => {
    const { insights, warnings, warningTexts } = await analysed('idempotency-replay');
    expect(insights).toEqual([]);
    expect(warnings).toEqual(['idempotency']);
    expect(warningTexts[0]).toContain('external_id with other values in amount');
  });

  it('retry-storm: INSUFFICIENT_BALANCE, whose advice is no, sent again and again', async () => {
    const { insights, last } = await analysed('retry-storm');
    expect(insights).toEqual(['', 'repeated', 'repeated', 'repeated']);
    expect(last[0]?.figures).toMatchObject({ problem: 'retried-no-retry', count: 4 });
  });

  it('polling: PAYMENT_IN_PROCESS queried less than a second apart', async () => {
    const { insights, last } = await analysed('polling');
    expect(insights).toEqual(['', 'repeated', 'repeated', 'repeated']);
    expect(last[0]?.figures).toMatchObject({ problem: 'polling', count: 4 });
    expect(last[0]?.text).toContain('less than a second apart');
  });

  it('rate: the fourth request warns at 80%, the sixth is a 429 over the limit', async () => {
    const { insights, last, warnings } = await analysed('rate');
    expect(insights).toEqual(['rate']);
    expect(last[0]?.figures).toEqual({ observed: 6, limit: 5, windowSeconds: 1 });
    expect(warnings).toEqual(['rate']);
  });
});
