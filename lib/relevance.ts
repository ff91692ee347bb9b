/**
 * Decides which captured responses are worth reading the body of. Reading a body costs a
 * round trip to DevTools, so scripts, images and other hosts' traffic are never read.
 */
import {
  failsInside2xx,
  isAnswered,
  isPreflightOrTunnel,
  type MatcherOptions,
  providerScope,
} from './matcher';
import { providers as catalog } from './providers';
import type { Provider } from './providers/provider';
import type { Exchange } from './types';
import { pathOf } from './url';

function issuesTokens(provider: Provider, method: string, url: string): boolean {
  const issuer = provider.bearerTokens?.issuer;
  return issuer !== undefined && method.toUpperCase() === issuer.method && issuer.path.test(pathOf(url));
}

export type Relevance = (exchange: Pick<Exchange, 'method' | 'url' | 'status' | 'mimeType'>) => boolean;

/** `application/json`, `application/problem+json`, `text/json; charset=utf-8`... */
export function isJsonMimeType(mimeType: string | undefined): boolean {
  return mimeType !== undefined && /^[\w.-]+\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(mimeType.trim());
}

/**
 * A success of a provider with a sandbox and a production returns the ids that a not-found in
 * the other environment later asks for: JSON, or a type the capture does not state.
 */
function returnsIds(provider: Provider, status: number, mimeType: string | undefined): boolean {
  return (
    provider.environments.length > 1 && status < 300 && (mimeType === undefined || isJsonMimeType(mimeType))
  );
}

/**
 * What is worth keeping of an exchange: its body, when `diagnose` could find a provider
 * failure in it or the session analyzer a token (a token endpoint's success issues the token
 * that later expires) or an id (a success in one environment returns the id the other does
 * not find); its headers alone, for a provider's other successes, whose timestamp and `Date`
 * headers show a clock drifting before it fails; or nothing.
 */
export type Interest = 'body' | 'headers' | null;

export function createInterest(
  options: MatcherOptions = {},
  providers: readonly Provider[] = catalog,
): (exchange: Pick<Exchange, 'method' | 'url' | 'status' | 'mimeType'>) => Interest {
  const { lookup } = providerScope(options, providers);
  const anyHost = options.anyHost === true;

  return ({ method, url, status, mimeType }) => {
    if (!isAnswered(status) || isPreflightOrTunnel(method)) return null;
    const provider = lookup(url);
    if (provider) {
      // A provider's success is no diagnosis, unless it can fail inside a 2xx (Rebell).
      const diagnosable = status >= 400 || failsInside2xx(provider);
      return diagnosable || issuesTokens(provider, method, url) || returnsIds(provider, status, mimeType)
        ? 'body'
        : 'headers';
    }
    return anyHost && isJsonMimeType(mimeType) ? 'body' : null;
  };
}

/** True when the body is worth reading: see `Interest`. */
export function createRelevance(
  options: MatcherOptions = {},
  providers: readonly Provider[] = catalog,
): Relevance {
  const interest = createInterest(options, providers);
  return (exchange) => interest(exchange) === 'body';
}
