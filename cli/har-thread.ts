/**
 * A large HAR is cut into its entries in a second thread while this one diagnoses them:
 * cutting (the splitter and the prefilter, over every byte) and diagnosing (parsing,
 * matching, presenting) each take about half of a run, and a machine has more than one
 * core. The thread sends the entries worth parsing, as bytes, and the runs it turned
 * away, in batches, and waits when this side falls behind, so memory stays flat.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { entryPrefilterFor } from '../lib/diagnose-har';
import { type CutEntry, type CutHar, cutHar, HarError, type UnparsedItem } from '../lib/har';
import type { MatcherOptions } from '../lib/matcher';
import { fileChunks } from './inputs';

/** Cuts the HAR at `path`, with the prefilter for `options`, in a thread of its own. */
export type HarCutter = (path: string, options: MatcherOptions) => Promise<CutHar & { close(): void }>;

/** Cut entries are `[index, start, end]` in `bytes`; runs turned away `[index, -count]`. */
type BatchItem = [index: number, start: number, end: number] | [index: number, negativeCount: number];
type Message =
  | { items: BatchItem[]; bytes: Uint8Array }
  | { error: string; har: boolean; code?: string }
  | { done: true };

/** What both ends of the channel need of a port (a MessagePort, or the Worker itself). */
type Port = Pick<MessagePort, 'postMessage' | 'on'> | Worker;

/** A batch is sent once it holds this many bytes of entries, or this many items. */
const BATCH_BYTES = 64 * 1024;
const BATCH_ITEMS = 1024;
/** Batches sent and not yet taken: past this, the cutting waits. */
const MAX_IN_FLIGHT = 8;

/** The thread's side: cuts the file and posts batches to `port` until done or failed. */
export async function cutIntoPort(path: string, options: MatcherOptions, port: Port): Promise<void> {
  let inFlight = 0;
  let taken: (() => void) | undefined;
  port.on('message', () => {
    inFlight--;
    taken?.();
  });
  let items: BatchItem[] = [];
  let bytes = new Uint8Array(2 * BATCH_BYTES);
  let size = 0;
  const send = async () => {
    inFlight++;
    // The buffer goes to the other thread as it is, without a copy: a new one for the next batch.
    port.postMessage({ items, bytes } satisfies Message, [bytes.buffer]);
    items = [];
    bytes = new Uint8Array(2 * BATCH_BYTES);
    size = 0;
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (taken = resolve));
  };
  let fault: unknown;
  try {
    const cut = cutHar(await fileChunks(path), { prefilter: entryPrefilterFor(options) });
    for await (const item of cut) {
      if ('unparsed' in item) items.push([item.index, -item.unparsed]);
      else {
        if (size + item.bytes.length > bytes.length) {
          const larger = new Uint8Array(Math.max(2 * bytes.length, size + item.bytes.length));
          larger.set(bytes.subarray(0, size));
          bytes = larger;
        }
        bytes.set(item.bytes, size);
        items.push([item.index, size, size + item.bytes.length]);
        size += item.bytes.length;
      }
      if (size >= BATCH_BYTES || items.length >= BATCH_ITEMS) await send();
    }
  } catch (error) {
    fault = error;
  }
  // The entries before a fault go first, as they would from a reader in this thread.
  if (items.length > 0) await send();
  if (fault === undefined) port.postMessage({ done: true } satisfies Message);
  else {
    const code = (fault as NodeJS.ErrnoException | undefined)?.code;
    port.postMessage({
      error: fault instanceof Error ? fault.message : String(fault),
      har: fault instanceof HarError,
      ...(typeof code === 'string' ? { code } : {}),
    } satisfies Message);
  }
}

/**
 * This side: the items `port` receives, in order, each batch acknowledged once taken. It
 * listens from this call on, before the first item is asked for: nothing the thread sends
 * early is missed, and its failure always has a listener.
 */
export function cutFromPort(port: Port): AsyncGenerator<CutEntry | UnparsedItem> {
  const messages: Message[] = [];
  let arrived: (() => void) | undefined;
  let stopped: Error | undefined;
  port.on('message', (message: Message) => {
    messages.push(message);
    arrived?.();
  });
  // A thread that dies without saying why (out of memory, killed) still ends the reading.
  port.on('error', (error: Error) => {
    stopped = error;
    arrived?.();
  });
  port.on('exit', () => {
    stopped ??= new Error('the thread cutting the HAR stopped');
    arrived?.();
  });
  return (async function* () {
    for (;;) {
      const message = messages.shift();
      if (message === undefined) {
        if (stopped) throw stopped;
        await new Promise<void>((resolve) => (arrived = resolve));
        continue;
      }
      if ('done' in message) return;
      if ('error' in message) {
        if (message.har) throw new HarError(message.error);
        throw Object.assign(
          new Error(message.error),
          message.code === undefined ? {} : { code: message.code },
        );
      }
      const { items, bytes } = message;
      for (const item of items) {
        const [index, second] = item;
        if (second < 0) yield { index, unparsed: -second };
        else yield { index, bytes: bytes.subarray(second, item[2]) };
      }
      port.postMessage('taken');
    }
  })();
}

/** What the thread runs: the CLI, loaded as bin/paylens.js loads it. */
const THREAD_BOOT = `
const { workerData } = require('node:worker_threads');
require(workerData.loader).loadCli().cutHarThread();
`;

/**
 * The cutter bin/paylens.js hands the CLI: each large file gets a thread that loads the
 * CLI through `loader` (bin/load-cli.js), as the bin did.
 */
export function startHarThreads(loader: string): HarCutter {
  return async (path, options) => {
    // Loaded by the runs that read a large file only: it costs a start several milliseconds.
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(THREAD_BOOT, { eval: true, workerData: { loader, path, options } });
    return {
      cut: cutFromPort(worker),
      close: () => {
        void worker.terminate();
      },
    };
  };
}

/** The thread's entry point, in the script it loads. */
export async function cutHarThread(): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  if (parentPort) await cutIntoPort(workerData.path, workerData.options, parentPort);
}
