import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioById } from '../../sandbox/scenarios';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { INSIGHT_CASES, TOKEN_LIFETIME_HEADER } from '../../sandbox/shop/insight-cases';
import { send } from './client';

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
