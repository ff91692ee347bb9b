/**
 * Copy as cURL, run for real: the copied command, with the variables its first line names
 * exported, gets from the sandbox the very response PayLens diagnosed; with them unset it
 * fails on authentication, never on shell or curl syntax.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../lib/matcher';
import { presentationOf } from '../../lib/presentation';
import { PLANTED, PLANTED_SECRETS } from '../../sandbox/credentials';
import { credentialsRejectedBy, scenarioById } from '../../sandbox/scenarios';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { exchangeOf, sendScenario } from './client';

const run = promisify(execFile);

/** What a user exports: each variable the command names, with their own (here, planted) value. */
const EXPORTS: Record<string, string> = {
  PAYFIELD_API_KEY: PLANTED.payfieldApiKey,
  PAYFIELD_SIGNATURE: PLANTED.payfieldSignature,
  PAYFIELD_CARD_NUMBER: PLANTED.cardNumber,
  KIOTAPAY_TOKEN: PLANTED.kiotapayToken,
  REBELL_SIGNATURE: /signature=([^,\s]+)/.exec(PLANTED.rebellSignature)?.[1] ?? '',
  APIPAY_API_KEY: PLANTED.apipayApiKey,
  ALTERNATIVE_PAYMENTS_TOKEN: PLANTED.alternativeToken,
  ALTERNATIVE_PAYMENTS_CREDENTIALS: PLANTED.alternativeBasic,
};

let sandbox: Sandbox;
let curlHome: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // The command is run exactly as copied; curl's own config sends it to the sandbox.
  curlHome = mkdtempSync(join(tmpdir(), 'paylens-curl-'));
  writeFileSync(
    join(curlHome, '.curlrc'),
    [
      `connect-to = "::127.0.0.1:${sandbox.port}"`,
      'insecure',
      'silent',
      'show-error',
      'write-out = "\\n%{http_code}"',
    ].join('\n'),
  );
});
afterAll(() => sandbox.close());

async function curl(command: string, variables: Record<string, string>) {
  const { stdout } = await run('bash', ['-c', command], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CURL_HOME: curlHome, ...variables },
  });
  const newline = stdout.lastIndexOf('\n');
  return { body: stdout.slice(0, newline), status: Number(stdout.slice(newline + 1)) };
}

describe.each([
  'payfield:insufficient-balance',
  'kiotapay:INSUFFICIENT_FUNDS',
  'rebell:PROCESS_FAIL',
  'apipay:kaspi-session-expired',
  'alternative-payments:http-404',
  'alternative-payments:http-403',
])('the cURL copy of %s', (id) => {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);

  async function copied() {
    const received = await sendScenario(sandbox, scenario as NonNullable<typeof scenario>);
    const exchange = exchangeOf(scenario as NonNullable<typeof scenario>, received);
    const diagnosis = diagnose(exchange);
    if (!diagnosis) throw new Error(`${id} was not diagnosed`);
    const command = presentationOf({ exchange, diagnosis }).curl;
    return { received, command };
  }

  it('holds no secret, and names each variable it needs on its first line', async () => {
    const { command } = await copied();
    for (const secret of PLANTED_SECRETS) expect(command).not.toContain(secret);
    const [first] = command.split('\n');
    const used = [...command.matchAll(/"\$([A-Z0-9_]+)"/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(first).toContain(name);
  });

  it('gets the response PayLens diagnosed once the variables are exported', async () => {
    const { received, command } = await copied();
    const replayed = await curl(command, EXPORTS);
    expect(replayed.status).toBe(received.status);
    expect(replayed.body).toBe(received.text);
  });

  it('fails on authentication, not on syntax, with the variables unset', async () => {
    const { command } = await copied();
    const replayed = await curl(command, {});
    const rejection = credentialsRejectedBy(scenario.provider);
    expect(replayed.status).toBe(rejection?.answer.status);
    expect(JSON.parse(replayed.body)).toEqual(rejection?.answer.body);
  });
});
