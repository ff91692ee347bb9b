/**
 * A large HAR is cut in a thread of its own: what crosses the channel must be what reading
 * the file here gives, item for item, faults included, and the cutting must wait for a
 * reader that falls behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cutFromPort, cutIntoPort, startHarThreads } from '../../cli/har-thread';
import { describeFileError } from '../../cli/inputs';
import { entryPrefilterFor } from '../../lib/diagnose-har';
import { parseEntries, readHar } from '../../lib/har';
import type { MatcherOptions } from '../../lib/matcher';

const fixtures = new URL('../fixtures/har/', import.meta.url);
const scratch = mkdtempSync(join(tmpdir(), 'paylens-thread-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every item, then the fault's message if any, as a reader of the items sees them. */
async function drain(items: AsyncIterable<unknown>): Promise<unknown[]> {
  const seen: unknown[] = [];
  try {
    for await (const item of items) seen.push(item);
  } catch (error) {
    seen.push(`fault: ${error instanceof Error ? describeFileError(error) : String(error)}`);
  }
  return seen;
}

function viaThreadChannel(path: string, options: MatcherOptions) {
  const { port1, port2 } = new MessageChannel();
  void cutIntoPort(path, options, port1);
  return { items: parseEntries(cutFromPort(port2)), ports: [port1, port2] };
}

async function readHere(path: string, options: MatcherOptions) {
  return drain(readHar([readFileSync(path)], { prefilter: entryPrefilterFor(options) }));
}

describe('cutting a HAR in a thread of its own', () => {
  const files = readdirSync(fixtures)
    .filter((name) => /\.(har|harp)$/.test(name))
    .map((name) => join(fixtures.pathname, name));

  it.each(files)('gives the items reading it here gives: %s', async (path) => {
    for (const options of [{}, { anyHost: true }]) {
      const { items, ports } = viaThreadChannel(path, options);
      expect(await drain(items)).toEqual(await readHere(path, options));
      for (const port of ports) port.close();
    }
  });

  it('runs in a real thread from the built script, as bin/paylens.js starts it', async () => {
    // The bundle npm run build:package makes, which the thread loads as the bin does.
    const cutter = startHarThreads(fileURLToPath(new URL('../../bin/load-cli.js', import.meta.url)));
    for (const name of ['session-traffic.har', 'truncated.har']) {
      const path = join(fixtures.pathname, name);
      const { cut, close } = await cutter(path, {});
      expect(await drain(parseEntries(cut))).toEqual(await readHere(path, {}));
      close();
    }
  });

  it('reads a gzip-compressed HAR, and names a file that is not there', async () => {
    const gzipped = join(scratch, 'session.har.gz');
    const plain = join(fixtures.pathname, 'session-traffic.har');
    writeFileSync(gzipped, gzipSync(readFileSync(plain)));
    const compressed = viaThreadChannel(gzipped, {});
    expect(await drain(compressed.items)).toEqual(await readHere(plain, {}));
    const missing = viaThreadChannel(join(scratch, 'nope.har'), {});
    expect(await drain(missing.items)).toEqual(['fault: no such file']);
    for (const port of [...compressed.ports, ...missing.ports]) port.close();
  });

  it('sends batches, and waits for a reader that falls behind', async () => {
    // Enough entries for many batches: a page's own, turned away, and a provider's, sent.
    const page = { request: { method: 'GET', url: 'https://shop.example/a' }, response: { status: 200 } };
    const provider = {
      request: { method: 'POST', url: 'https://api.kiotapay.co/api/v1/payments' },
      response: { status: 401, content: { text: 'x'.repeat(2_000) } },
    };
    const entries = Array.from({ length: 4_000 }, (_, i) => (i % 2 === 0 ? page : provider));
    const path = join(scratch, 'many.har');
    writeFileSync(path, JSON.stringify({ log: { entries } }));
    const { port1, port2 } = new MessageChannel();
    let batches = 0;
    port2.on('message', () => batches++);
    void cutIntoPort(path, {}, port1);
    const items = cutFromPort(port2);
    // Nothing taken yet: the thread stops after a few batches, far short of all of them.
    await items.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waitingAt = batches;
    expect(waitingAt).toBeLessThanOrEqual(10);
    let count = 1;
    for await (const _ of items) count++;
    expect(count).toBe(4_000);
    expect(batches).toBeGreaterThan(waitingAt + 10);
    port1.close();
    port2.close();
  });
});
