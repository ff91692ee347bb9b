/** Provider calls from this process to a plain-http sandbox, under the providers' real host names. */
import dns from 'node:dns';
import { afterAll, beforeAll } from 'vitest';
import { scenarioById } from '../../sandbox/scenarios';
import { type Sandbox, startSandbox } from '../../sandbox/server';

/**
 * Starts the sandbox for the test file and resolves every host name to it, as
 * Chromium's --host-resolver-rules does for the browser: both fetch (undici) and
 * http.request look names up through `dns.lookup`.
 */
export function useSandbox(): () => Sandbox {
  let sandbox: Sandbox | undefined;
  const lookup = dns.lookup;
  beforeAll(async () => {
    sandbox = await startSandbox({ https: false });
    const loopback = (_host: string, options: unknown, callback: unknown) =>
      (lookup as (...args: unknown[]) => void)('127.0.0.1', options, callback);
    Object.assign(dns, { lookup: loopback });
  });
  afterAll(async () => {
    Object.assign(dns, { lookup });
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error('the sandbox did not start');
    return sandbox;
  };
}

/** A scenario's call, as fetch arguments: `http://<provider host>:<port><path>?scenario=<name>`. */
export function scenarioCall(sandbox: Sandbox, id: string): [string, RequestInit] {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const { method, path, headers, body } = scenario.call;
  const url = new URL(path, `http://${scenario.host}:${sandbox.port}`);
  url.searchParams.set('scenario', scenario.name);
  return [url.href, { method, headers: { ...headers }, ...(body === undefined ? {} : { body }) }];
}
