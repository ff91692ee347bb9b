/**
 * Observes the process's outgoing HTTP traffic (`fetch`/undici and `http`/`https`) with
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
  /** Called with each wanted exchange, in the async context of the code that sent the request. */
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

/** A body's text, read up to the size the matcher reads; what is larger is marked too large. */
async function textOf(body: ReadableStream<Uint8Array> | null): Promise<string | undefined> {
  if (!body) return undefined;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
    if (text.length > MAX_BODY_CHARS) {
      // Only the copy is cancelled; the application's own stream goes on.
      await reader.cancel();
      return text;
    }
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
    await response.body?.cancel();
    return;
  }
  const [requestBody, responseBody] = await Promise.all([textOf(request.body), textOf(response.body)]);
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
    try {
      const reading = read(request, response, context).catch(reportError);
      await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, COPY_WAIT_MS).unref())]);
    } catch (error) {
      reportError(error);
    }
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
