/**
 * The header bridge's server side: which incoming request each provider call was made
 * for, followed through the async context from the moment a `node:http` server (or a
 * framework on one) receives it, and the `PayLens-Diagnoses` header added to its response
 * while its headers are not sent yet.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';
import { BACKEND_HEADER, backendHeaderValue } from '../lib/backend-header';
import type { Finding } from '../lib/types';

interface Served {
  response: ServerResponse;
  findings: Finding[];
}

const served = new AsyncLocalStorage<Served>();
const REQUEST_START = 'http.server.request.start';

function onRequestStart(message: unknown): void {
  const { response } = message as { response: ServerResponse };
  // Published just before the server emits `request`: what the handler starts inherits it.
  served.enterWith({ response, findings: [] });
}

/** Starts following incoming requests; returns the function that stops it. */
export function startBridge(): () => void {
  subscribe(REQUEST_START, onRequestStart);
  return () => unsubscribe(REQUEST_START, onRequestStart);
}

/** The incoming request being served here, if any: kept with each outgoing request. */
export function currentlyServed(): unknown {
  return served.getStore();
}

/** Adds the finding to the header of the response `context` was serving, if not sent yet. */
export function report(finding: Finding, context: unknown): void {
  const target = context as Served | undefined;
  if (!target) return;
  target.findings.push(finding);
  if (target.response.headersSent) return;
  target.response.setHeader(BACKEND_HEADER, backendHeaderValue(target.findings));
}
