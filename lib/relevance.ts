/**
 * Decides which captured responses are worth reading the body of. Reading a body costs a
 * round trip to DevTools, so scripts, images and other hosts' traffic are never read.
 */
import { failsInside2xx, isAnswered, isPreflight, type MatcherOptions, providerScope } from './matcher';
import { providers as catalog } from './providers';
import type { Provider } from './providers/provider';
import type { Exchange } from './types';

export type Relevance = (exchange: Pick<Exchange, 'method' | 'url' | 'status' | 'mimeType'>) => boolean;

/** `application/json`, `application/problem+json`, `text/json; charset=utf-8`... */
export function isJsonMimeType(mimeType: string | undefined): boolean {
  return mimeType !== undefined && /^[\w.-]+\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(mimeType.trim());
}

/** True when `diagnose` could find a provider failure in this exchange. */
export function createRelevance(
  options: MatcherOptions = {},
  providers: readonly Provider[] = catalog,
): Relevance {
  const { lookup } = providerScope(options, providers);
  const anyHost = options.anyHost === true;

  return ({ method, url, status, mimeType }) => {
    if (!isAnswered(status) || isPreflight(method)) return false;
    const provider = lookup(url);
    // A provider's success is no diagnosis, unless it can fail inside a 2xx (Rebell).
    if (provider) return status >= 400 || failsInside2xx(provider);
    return anyHost && isJsonMimeType(mimeType);
  };
}
