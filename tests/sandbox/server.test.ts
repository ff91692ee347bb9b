import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../lib/providers';
import { isSecretName } from '../../lib/redact';
import { PLANTED, PLANTED_SECRETS } from '../../sandbox/credentials';
import { credentialsRejectedBy, SCENARIOS, scenarioById } from '../../sandbox/scenarios';
import { SANDBOX_HOSTS, type Sandbox, startSandbox } from '../../sandbox/server';
import { BURST, HOSTED_FIELDS_SCENARIO, ORDER_PAGE } from '../../sandbox/shop/pages';
import { type Received, send, sendScenario } from './client';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const SHOP = 'https://shop.test';

function scenario(id: string) {
  const found = scenarioById(id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

const json = (received: Received) => JSON.parse(received.text);

/** The scenarios of one provider that reproduce a catalog rule. */
const ruleScenarios = (provider: string) => SCENARIOS.filter((s) => s.provider === provider && s.rule);

describe('startSandbox', () => {
  it('listens on a free port and says how to reach it', () => {
    expect(sandbox.port).toBeGreaterThan(0);
    expect(sandbox.url).toBe('https://shop.test/');
    expect(sandbox.chromiumArgs).toContain('--ignore-certificate-errors');
    const rules = sandbox.chromiumArgs.find((arg) => arg.startsWith('--host-resolver-rules='));
    for (const host of SANDBOX_HOSTS) expect(rules).toContain(`MAP ${host} 127.0.0.1:${sandbox.port}`);
  });

  it('maps the shop, the hosted fields and every catalog host', () => {
    expect(SANDBOX_HOSTS).toEqual(
      expect.arrayContaining(['shop.test', 'pay.test', ...providers.flatMap((provider) => provider.hosts)]),
    );
  });
});

describe('provider hosts', () => {
  it.for(providers.flatMap((provider) => provider.hosts.map((host) => [provider.id, host] as const)))(
    '%s: %s answers its provider’s success to the planted credentials',
    async ([provider, host]) => {
      const answer = await send(sandbox, {
        host,
        path: '/',
        headers: scenario(`${provider}:success`).call.headers,
      });
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
    },
  );

  it.for(providers.map((provider) => provider.id))(
    '%s rejects missing or wrong credentials as the provider would',
    async (provider) => {
      const { call, host } = scenario(`${provider}:success`);
      const secretHeaders = Object.keys(call.headers).filter((name) => isSecretName(name, 'header'));
      expect(secretHeaders.length).toBeGreaterThan(0);
      const withoutCredentials = Object.fromEntries(
        Object.entries(call.headers).filter(([name]) => !secretHeaders.includes(name)),
      );
      const wrong = { ...call.headers, [secretHeaders[0] as string]: 'not-the-planted-value' };
      for (const headers of [withoutCredentials, wrong]) {
        const answer = await send(sandbox, {
          host,
          path: call.path,
          method: call.method,
          headers,
          body: call.body,
        });
        const rejection = credentialsRejectedBy(provider);
        expect(rejection?.rule?.category).toBe('auth');
        expect(answer.status).toBe(rejection?.answer.status);
        expect(json(answer)).toEqual(rejection?.answer.body);
      }
    },
  );

  it('picks a scenario by header as well as by query', async () => {
    const answer = await send(sandbox, {
      host: 'api.apipay.kz',
      path: '/api/v1/invoices',
      method: 'POST',
      headers: { ...scenario('apipay:success').call.headers, 'X-Sandbox-Scenario': 'kaspi-session-expired' },
    });
    expect(answer.status).toBe(503);
    expect(json(answer)).toEqual({ message: 'Kaspi session expired' });
  });

  it('says so when a scenario does not exist', async () => {
    const answer = await send(sandbox, { host: 'api.kiotapay.co', path: '/api/v1/payments?scenario=nope' });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/kiotapay has no scenario "nope"/);
  });
});

describe('CORS', () => {
  it('answers preflights with the origin, methods and headers asked for', async () => {
    const answer = await send(sandbox, {
      method: 'OPTIONS',
      host: 'api.payfield.io',
      path: '/api/v1/payouts?scenario=insufficient-balance',
      headers: {
        Origin: 'https://pay.test',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-api-key,x-signature,x-timestamp',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('https://pay.test');
    expect(answer.headers['access-control-allow-methods']).toMatch(/\bPOST\b/);
    expect(answer.headers['access-control-allow-headers']).toBe(
      'content-type,x-api-key,x-signature,x-timestamp',
    );
    expect(answer.headers['access-control-allow-private-network']).toBe('true');
    expect(answer.body.length).toBe(0);
  });

  it('lets the shop read every answer', async () => {
    const { call, host, name } = scenario('rebell:INVALID_SIGNATURE');
    const answer = await send(sandbox, {
      ...call,
      host,
      path: `${call.path}?scenario=${name}`,
      headers: { ...call.headers, Origin: SHOP },
    });
    expect(answer.headers['access-control-allow-origin']).toBe(SHOP);
    expect(answer.headers.vary).toBe('Origin');
  });
});

describe('provider body shapes', () => {
  const answers = async (provider: string) =>
    Promise.all(ruleScenarios(provider).map(async (s) => [s, await sendScenario(sandbox, s)] as const));

  it('Kiotapay: {error: {code, message, details}} for each code, with its documented status', async () => {
    for (const [s, answer] of await answers('kiotapay')) {
      if (typeof s.rule?.when.code !== 'string') continue;
      expect(json(answer).error).toEqual({
        code: s.rule.when.code,
        message: expect.any(String),
        details: expect.any(String),
      });
    }
    expect((await sendScenario(sandbox, scenario('kiotapay:RESOURCE_LOCKED'))).status).toBe(423);
    const success = await sendScenario(sandbox, scenario('kiotapay:success'));
    expect(success.status).toBe(201);
    expect(json(success)).toMatchObject({ status: 201, message: 'Success', data: { status: 'PENDING' } });
  });

  it('Rebell: business failures in an HTTP 200 with resultStatus F or U', async () => {
    for (const [s, answer] of await answers('rebell')) {
      if (s.rule?.when.code === undefined && s.rule?.when.outcome === undefined) continue;
      expect(answer.status).toBe(200);
      expect(json(answer).result.resultStatus).toMatch(/^[FU]$/);
    }
    expect(json(await sendScenario(sandbox, scenario('rebell:PAYMENT_IN_PROCESS'))).result.resultStatus).toBe(
      'U',
    );
    expect(json(await sendScenario(sandbox, scenario('rebell:PROCESS_FAIL'))).result.resultStatus).toBe('F');
    expect(json(await sendScenario(sandbox, scenario('rebell:success'))).result.resultStatus).toBe('S');
  });

  it('Payfield: message and code mirrored in error, errors[] for a named field', async () => {
    for (const [, answer] of await answers('payfield')) {
      const body = json(answer);
      expect(body.error).toEqual({ code: body.code, message: body.message });
    }
    const amount = json(
      await sendScenario(sandbox, scenario('payfield:amount-must-be-a-positive-decimal-string')),
    );
    expect(amount.errors).toEqual([{ field: 'amount', message: 'amount must be a positive decimal string' }]);
    expect(scenario(HOSTED_FIELDS_SCENARIO).call.body).toContain(`"card_number":"${PLANTED.cardNumber}"`);
  });

  it('ApiPay: 429 with retry_after in the body and a Retry-After header', async () => {
    const limited = await sendScenario(sandbox, scenario('apipay:too-many-requests'));
    expect(limited.status).toBe(429);
    expect(json(limited)).toEqual({
      message: 'Too many requests. Please retry after 60 seconds.',
      retry_after: 60,
    });
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    const tariff = json(await sendScenario(sandbox, scenario('apipay:tariff_limit_reached')));
    expect(tariff).toMatchObject({ error_code: 'tariff_limit_reached', retry_after_seconds: 60 });
  });

  it('Alternative Payments: each row on its documented method and path', () => {
    const endpoint = (id: string) => `${scenario(id).call.method} ${scenario(id).call.path}`;
    expect(endpoint('alternative-payments:http-400')).toBe('POST /payment/request');
    expect(endpoint('alternative-payments:http-403')).toBe('POST /oauth/token');
    expect(endpoint('alternative-payments:http-404')).toMatch(/^GET \/payment\/request\/[\w-]+$/);
    expect(endpoint('alternative-payments:http-422')).toBe('POST /payment/request');
  });

  it('puts markup in a hostile provider’s message, as text', async () => {
    const answer = await sendScenario(sandbox, scenario('kiotapay:hostile-message'));
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(json(answer).error.message).toContain('<img src=x onerror="window.__xss=1">');
  });
});

describe('demo shop', () => {
  const dataScenarios = (html: string) => [...html.matchAll(/data-scenario="([^"]+)"/g)].map((m) => m[1]);
  const embedded = (html: string) =>
    JSON.parse(/<script type="application\/json" id="scenarios">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');

  it('has a button for every scenario, with the call it sends', async () => {
    const page = await send(sandbox, { host: 'shop.test', path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(new Set(dataScenarios(page.text))).toEqual(new Set(SCENARIOS.map((s) => s.id)));
    const calls = embedded(page.text);
    for (const { id, host, call } of SCENARIOS) expect(calls[id]).toMatchObject({ host, ...call });
  });

  it('has a burst button, a link to a second page and the hosted fields of another origin', async () => {
    const { text } = await send(sandbox, { host: 'shop.test:8443', path: '/' });
    expect(text).toContain(`data-burst="${BURST.scenario}" data-count="50"`);
    expect(text).toMatch(/<a id="navigate" href="\/order">/);
    // The iframe keeps the page's scheme and port.
    expect(text).toContain('src="https://pay.test:8443/hosted-fields"');
  });

  it('serves an order page that polls the payment on load', async () => {
    const { status, text } = await send(sandbox, { host: 'shop.test', path: '/order' });
    expect(status).toBe(200);
    expect(dataScenarios(text)).toEqual([ORDER_PAGE.polled, ORDER_PAGE.other]);
    expect(text).toMatch(new RegExp(`data-scenario="${ORDER_PAGE.polled}"[^>]*data-autorun`));
  });

  it('serves the hosted fields on pay.test, with a button that calls a provider', async () => {
    const { status, text } = await send(sandbox, { host: 'pay.test', path: '/hosted-fields' });
    expect(status).toBe(200);
    expect(dataScenarios(text)).toEqual([HOSTED_FIELDS_SCENARIO]);
    expect(Object.keys(embedded(text))).toEqual([HOSTED_FIELDS_SCENARIO]);
  });

  it('plants every credential for redaction to find', async () => {
    const { text } = await send(sandbox, { host: 'shop.test', path: '/' });
    const calls = JSON.stringify(embedded(text));
    for (const secret of PLANTED_SECRETS) expect(calls).toContain(JSON.stringify(secret).slice(1, -1));
    expect(calls).toMatch(/"Signature":"algorithm=SHA256withRSA, keyVersion=1, signature=/);
  });

  it('marks the buttons whose answer PayLens must list', async () => {
    const { text } = await send(sandbox, { host: 'shop.test', path: '/' });
    const listed = [...text.matchAll(/data-scenario="([^"]+)"[^>]*data-listed="true"/g)].map((m) => m[1]);
    expect(new Set(listed)).toEqual(new Set(SCENARIOS.filter((s) => s.listed).map((s) => s.id)));
  });

  it('serves its script and style on both origins', async () => {
    for (const host of ['shop.test', 'pay.test']) {
      const script = await send(sandbox, { host, path: '/shop.js' });
      expect(script.headers['content-type']).toMatch(/^text\/javascript/);
      const style = await send(sandbox, { host, path: '/shop.css' });
      expect(style.headers['content-type']).toMatch(/^text\/css/);
    }
  });

  it('answers 404 for other paths', async () => {
    expect((await send(sandbox, { host: 'shop.test', path: '/nope' })).status).toBe(404);
  });
});

describe('plain http', () => {
  let plain: Sandbox;
  beforeAll(async () => {
    plain = await startSandbox({ https: false });
  });
  afterAll(() => plain.close());

  it('serves the same scenarios without TLS', async () => {
    expect(plain.url).toBe('http://shop.test/');
    expect(plain.cert).toBeUndefined();
    expect(plain.chromiumArgs).not.toContain('--ignore-certificate-errors');
    expect((await sendScenario(plain, scenario('kiotapay:AUTH_INVALID_TOKEN'))).status).toBe(401);
  });

  it('refuses hosts it does not serve', async () => {
    const answer = await send(plain, { host: 'example.com', path: '/' });
    expect(answer.status).toBe(421);
    expect(answer.text).toContain('api.kiotapay.co');
  });
});
