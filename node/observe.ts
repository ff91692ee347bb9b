/**
 * Observes the process's outgoing HTTP traffic (the global `fetch`, and `http`/`https`) with
 * @mswjs/interceptors, and turns each response from a provider's host into an Exchange.
 * Observing never changes a request: bodies are read from the copies the interceptors
 * hand out, and a response nobody needs is let go of at once.
 */

import { syncBuiltinESMExports } from 'node:module';
import { BatchInterceptor } from '@mswjs/interceptors';
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { MAX_BODY_CHARS } from '../lib/body';
import type { Exchange, Header } from '../lib/types';

/** Whether an answered request is worth reading the bodies of. */
export type Wanted = (facts: { method: string; url: string; status: number; mimeType?: string }) => boolean;

export interface Observer {
  wanted: Wanted;
  /** Called with each wanted exchange and what was known when its request was sent. */
  exchange(exchange: Exchange, context: RequestContext): void;
  error(error: unknown): void;
}

/** What was known when the request was sent: when, and the caller's own context. */
export interface RequestContext {
  startedDateTime: string;
  /** Whatever `contextOf` returned when the request was sent. */
  value: unknown;
}

/**
 * How long a response's copy is read before the application gets the response: an error
 * body is small, and a stream that never ends must not hold the application up.
 */
const COPY_WAIT_MS = 2_000;

const observers = new Set<Observer>();
let contextOf: () => unknown = () => undefined;
let interceptor: BatchInterceptor<(ClientRequestInterceptor | FetchInterceptor)[]> | undefined;
/** Requests sent and not answered yet; one that fails never is, so the oldest are let go. */
const sent = new Map<string, RequestContext>();
const MAX_PENDING = 10_000;

function headersOf(headers: Headers): Header[] {
  return [...headers].map(([name, value]) => ({ name, value }));
}

/**
 * Lets a copy go. Never awaited: the copy of a fetch body is one branch of a tee, whose
 * cancellation settles only once the application's branch is done with the stream too.
 */
function release(body: ReadableStream<Uint8Array> | null | undefined): void {
  body?.cancel().catch(() => {});
}

/**
 * A body's text, read up to the size the matcher reads and until `deadline`: what is
 * larger or slower is let go and read as far as it came (the matcher says it may be cut).
 */
async function textOf(
  body: ReadableStream<Uint8Array> | null,
  deadline: Promise<void>,
): Promise<string | undefined> {
  if (!body) return undefined;
  const reader = body.getReader();
  const late = deadline.then(() => null);
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const next = await Promise.race([reader.read(), late]);
    if (next === null || text.length > MAX_BODY_CHARS) {
      // Only the copy is let go (never awaited, as in release()); the application's stream goes on.
      reader.cancel().catch(() => {});
      return text;
    }
    if (next.done) return text + decoder.decode();
    text += decoder.decode(next.value, { stream: true });
  }
}

async function read(request: Request, response: Response, context: RequestContext): Promise<void> {
  const facts = {
    method: request.method,
    url: request.url,
    status: response.status,
    mimeType: response.headers.get('content-type') ?? undefined,
  };
  const interested = [...observers].filter((observer) => observer.wanted(facts));
  if (interested.length === 0) {
    release(response.body);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, COPY_WAIT_MS);
  });
  const [requestBody, responseBody] = await Promise.all([
    textOf(request.body, deadline),
    textOf(response.body, deadline),
  ]).finally(() => clearTimeout(timer));
  const exchange: Exchange = {
    method: request.method,
    url: request.url,
    status: response.status,
    requestHeaders: headersOf(request.headers),
    responseHeaders: headersOf(response.headers),
    ...(requestBody ? { requestBody } : {}),
    ...(responseBody ? { responseBody } : {}),
    ...(facts.mimeType ? { mimeType: facts.mimeType } : {}),
    startedDateTime: context.startedDateTime,
  };
  for (const observer of interested) {
    try {
      observer.exchange(exchange, context);
    } catch (error) {
      observer.error(error);
    }
  }
}

function reportError(error: unknown): void {
  for (const observer of observers) observer.error(error);
}

function start(): void {
  interceptor = new BatchInterceptor({
    name: 'paylens',
    interceptors: [new ClientRequestInterceptor(), new FetchInterceptor()],
  });
  interceptor.on('request', ({ requestId }) => {
    sent.set(requestId, { startedDateTime: new Date().toISOString(), value: contextOf() });
    if (sent.size > MAX_PENDING) sent.delete(sent.keys().next().value as string);
  });
  interceptor.on('response', async ({ request, response, requestId }) => {
    const context = sent.get(requestId) ?? { startedDateTime: new Date().toISOString(), value: undefined };
    sent.delete(requestId);
    // Awaited, so the diagnosis is made before the application has the body; read() lets go
    // of the copies by COPY_WAIT_MS.
    await read(request, response, context).catch(reportError);
  });
  interceptor.apply();
  // The interceptors replace `http.request` and the like on the modules' objects; this makes
  // `import { request } from 'node:https'` see them too.
  syncBuiltinESMExports();
}

/** Starts observing for `observer`; returns the function that stops it (the last one stops all). */
export function observe(observer: Observer): () => void {
  observers.add(observer);
  if (!interceptor) start();
  return () => {
    observers.delete(observer);
    if (observers.size === 0 && interceptor) {
      interceptor.dispose();
      syncBuiltinESMExports();
      interceptor = undefined;
      sent.clear();
    }
  };
}

/** Where the hook says which incoming request the process is serving (see bridge.ts). */
export function setContextOf(read: () => unknown): void {
  contextOf = read;
}
