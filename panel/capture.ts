/**
 * Capture in the devtools page, which runs from the moment DevTools opens: finished
 * requests worth reading become exchanges with their bodies, kept in a bounded buffer that
 * the panel replays when it is shown. Free of browser APIs: the devtools adapter feeds it
 * HAR entries and their body readers, so it can be tested on its own.
 */

import { BACKEND_HEADER, backendFindings, readBackendHeader } from '../lib/backend-header';
import { exchangeFromEntry } from '../lib/har-exchange';
import { get } from '../lib/json';
import { createInterest, type Interest } from '../lib/relevance';
import type { Exchange } from '../lib/types';
import { normaliseContent } from './content';
import type { CaptureEvent, PanelSettings, Watched } from './ports';

/** A HAR entry from `onRequestFinished` or `getHAR()`, with a way to read its response body. */
export interface CapturedEntry {
  entry: unknown;
  readContent(): Promise<unknown>;
}

type Listener = (event: CaptureEvent) => void;

const BACKEND_HEADER_NAME = BACKEND_HEADER.toLowerCase();

/**
 * The backend's diagnoses a response's `PayLens-Diagnoses` header carries, whatever the
 * host: any page response can carry them. A header that does not pass the schema is
 * ignored whole.
 */
function backendEvent(entry: unknown): Extract<CaptureEvent, { kind: 'backend' }> | null {
  const exchange = exchangeFromEntry(entry);
  if (typeof exchange === 'string') return null;
  const header = exchange.responseHeaders.find(({ name }) => name.toLowerCase() === BACKEND_HEADER_NAME);
  if (!header) return null;
  const report = readBackendHeader(header.value);
  if (!report || report.diagnoses.length === 0) return null;
  return {
    kind: 'backend',
    key: `backend ${entryKey(entry, exchange)}`,
    at: exchange.startedDateTime,
    findings: backendFindings(report, exchange),
  };
}

/** A body that never arrives must not hold up every request after it. */
const CONTENT_TIMEOUT_MS = 5_000;

/**
 * The same request seen live and in getHAR() has the same start, method, URL, status and
 * duration; two requests that share all five are as good as one.
 */
export function entryKey(entry: unknown, { startedDateTime, method, url, status }: Exchange): string {
  return `${startedDateTime} ${method} ${status} ${url} ${get(entry, 'time')}`;
}

function startOfEvent(event: CaptureEvent): number {
  return Date.parse(event.kind === 'exchange' ? event.exchange.startedDateTime : event.at);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

export class Capture {
  #events: CaptureEvent[] = [];
  #exchanges = 0;
  #seen = new Set<string>();
  #listeners = new Set<Listener>();
  /** Bodies are read one after another so events keep the order the requests finished in. */
  #queue: Promise<void> = Promise.resolve();
  #interest: (exchange: Exchange) => Interest;
  #cap: number;

  /** Until the stored settings are read, requests wait: a custom host must not be missed. */
  #settled = false;

  constructor(settings: Watched<PanelSettings>, settingsRead: Promise<unknown> = Promise.resolve()) {
    this.#interest = createInterest(settings.get().matcher);
    this.#cap = settings.get().cap;
    settings.subscribe(({ matcher, cap }) => {
      this.#interest = createInterest(matcher);
      this.#cap = cap;
    });
    this.#enqueue(async () => {
      await settingsRead;
      this.#settled = true;
    });
  }

  /** A finished request; ignored at once unless it is a provider's (see `Interest`). */
  request(captured: CapturedEntry): void {
    this.#addBackend(captured.entry);
    if (this.#settled && !this.#relevantExchange(captured.entry)) return;
    this.#enqueue(async () => {
      const exchange = this.#relevantExchange(captured.entry);
      // getHAR() may have brought it in already.
      if (!exchange || this.#seen.has(entryKey(captured.entry, exchange))) return;
      await this.#readBody(exchange, captured);
      this.#add({ kind: 'exchange', key: entryKey(captured.entry, exchange), exchange });
    });
  }

  navigated(url: string, at = new Date().toISOString()): void {
    this.#enqueue(async () => this.#add({ kind: 'navigation', url, at }));
  }

  /** Adds what getHAR() knows and the live capture missed, in time order. */
  backfill(entries: readonly CapturedEntry[]): Promise<void> {
    return this.#enqueue(async () => {
      for (const captured of entries) {
        const backend = backendEvent(captured.entry);
        if (backend && !this.#seen.has(backend.key)) this.#add(backend, true);
        const exchange = this.#relevantExchange(captured.entry);
        if (!exchange || this.#seen.has(entryKey(captured.entry, exchange))) continue;
        await this.#readBody(exchange, captured);
        this.#add({ kind: 'exchange', key: entryKey(captured.entry, exchange), exchange }, true);
      }
    });
  }

  /** Empties the buffer; what it held stays known, so getHAR() cannot bring it back. */
  clear(): void {
    this.#events = [];
    this.#exchanges = 0;
  }

  /** Replays the buffer, then reports every new event. */
  subscribe(listener: Listener): () => void {
    for (const event of this.#events) listener(event);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #addBackend(entry: unknown): void {
    const event = backendEvent(entry);
    if (!event) return;
    this.#enqueue(async () => {
      if (!this.#seen.has(event.key)) this.#add(event);
    });
  }

  #relevantExchange(entry: unknown): Exchange | null {
    const exchange = exchangeFromEntry(entry);
    return typeof exchange !== 'string' && this.#interest(exchange) !== null ? exchange : null;
  }

  async #readBody(exchange: Exchange, captured: CapturedEntry): Promise<void> {
    // Firefox's getHAR() entries may already carry the text.
    if (exchange.responseBody !== undefined || this.#interest(exchange) !== 'body') return;
    const content = normaliseContent(
      await withTimeout(
        Promise.resolve().then(() => captured.readContent()),
        CONTENT_TIMEOUT_MS,
      ),
    );
    if (!content) return;
    exchange.responseBody = content.body;
    if (content.encoding) exchange.responseEncoding = content.encoding;
  }

  #enqueue(job: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(job).catch((error: unknown) => console.error('PayLens capture:', error));
    return this.#queue;
  }

  /**
   * Live events go last; backfilled ones by their start time, as they are mostly older
   * than the buffer (the panel backfills before it subscribes).
   */
  #add(event: CaptureEvent, inTimeOrder = false): void {
    this.#remember(event);
    let index = this.#events.length;
    if (inTimeOrder) {
      const time = startOfEvent(event);
      while (index > 0 && startOfEvent(this.#events[index - 1] as CaptureEvent) > time) index--;
    }
    this.#events.splice(index, 0, event);
    this.#trim();
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // One panel's failure must not stop the others, nor this one's next event.
        console.error('PayLens: a capture listener failed', error);
      }
    }
  }

  #remember(event: CaptureEvent): void {
    if (event.kind === 'navigation') return;
    if (event.kind === 'exchange') this.#exchanges++;
    this.#seen.add(event.key);
    // Keys outlive their events so getHAR() cannot bring back what the cap dropped, within reason.
    if (this.#seen.size > 4 * this.#cap) this.#seen.delete(this.#seen.values().next().value as string);
  }

  #trim(): void {
    while (this.#exchanges > this.#cap) {
      if (this.#events.shift()?.kind === 'exchange') this.#exchanges--;
    }
  }
}
