/** Environments: an id created in the sandbox is not found in production, and the other way round. */
import type { Environment, Provider } from '../providers/provider';
import type { Exchange } from '../types';
import { holdsAt, hostOf, pathOf, pathStartAfterHost } from '../url';
import { DigestMap } from './digest-map';
import type { QuickDigest } from './keyed-hash';
import { idValues } from './request';
import type { Insight, SessionWarning, TrafficFollower } from './types';
import { possessive } from './words';

/** Ids remembered per environment: the latest name what a session works on. */
export const IDS_KEPT_PER_ENVIRONMENT = 256;
/** Success bodies larger than this are not searched for ids. */
const MAX_SUCCESS_BODY_CHARS = 256 * 1024;

interface ProviderEnvironments {
  /** The entry that first talked to each environment. */
  firstEntry: Map<Environment, number>;
  /** Digests of the ids successes returned, per environment, to the entry that returned them. */
  ids: Map<Environment, DigestMap<number>>;
}

/** Where an environment lives, as its documents name it: a host, and a path prefix when they share one. */
function place(environment: Environment): string {
  return `${environment.hosts[0] ?? ''}${environment.pathPrefix?.replace(/\/$/, '') ?? ''}`;
}

/** The environment of a URL in any form: its host read whole, then its path. */
function environmentOfAnyForm(provider: Provider, url: string): Environment | undefined {
  const host = hostOf(url);
  if (host === '') return undefined;
  let path: string | undefined;
  for (const environment of provider.environments) {
    if (!environment.hosts.includes(host)) continue;
    if (environment.pathPrefix === undefined) return environment;
    path ??= pathOf(url);
    if (path.startsWith(environment.pathPrefix)) return environment;
  }
  return undefined;
}

/**
 * The environment a URL of the provider is in. It runs on every request to a provider with
 * two environments: their hosts are tried in the plain form browsers write first, which
 * reads no more of the URL than the host and the path's prefix.
 */
export function environmentOf(provider: Provider, url: string): Environment | undefined {
  const { environments } = provider;
  if (environments.length < 2) return undefined;
  let plain = false;
  for (const environment of environments) {
    for (const host of environment.hosts) {
      const pathStart = pathStartAfterHost(url, host);
      if (pathStart < 0) continue;
      plain = true;
      const { pathPrefix } = environment;
      if (pathPrefix === undefined || holdsAt(url, pathPrefix, pathStart)) return environment;
    }
  }
  return plain ? undefined : environmentOfAnyForm(provider, url);
}

/** Every exchange of a provider with two environments; an insight for a not-found diagnosis. */
export function followEnvironments(
  provider: Provider,
  digest: QuickDigest,
  raise: (warning: SessionWarning) => void,
): TrafficFollower {
  const known: ProviderEnvironments = { firstEntry: new Map(), ids: new Map() };

  function remember(environment: Environment, exchange: Exchange, index: number) {
    const body = exchange.responseBody;
    if (
      typeof body !== 'string' ||
      body.length > MAX_SUCCESS_BODY_CHARS ||
      exchange.responseEncoding === 'base64'
    )
      return;
    const ids = idValues(body);
    if (ids.length === 0) return;
    let kept = known.ids.get(environment);
    if (kept === undefined) {
      kept = new DigestMap(IDS_KEPT_PER_ENVIRONMENT);
      known.ids.set(environment, kept);
    }
    for (const id of ids) kept.set(digest(id), index);
  }

  /** The ids the not-found request names: its path's segments and its body's id fields. */
  function namedIds(exchange: Exchange, environment: Environment): string[] {
    const path = pathOf(exchange.url).slice(environment.pathPrefix?.length ?? 0);
    const segments = path.split('/').filter((segment) => segment !== '');
    const body = exchange.requestBody;
    return typeof body === 'string' && body.length <= MAX_SUCCESS_BODY_CHARS
      ? [...segments, ...idValues(body)]
      : segments;
  }

  function createdElsewhere(environment: Environment, exchange: Exchange): Insight | undefined {
    for (const id of namedIds(exchange, environment)) {
      const key = digest(id);
      // Returned here too: the id exists where it was asked for, so the environment is not the cause.
      if (known.ids.get(environment)?.has(key)) continue;
      for (const [other, ids] of known.ids) {
        const entry = other === environment ? undefined : ids.get(key);
        if (entry === undefined) continue;
        const createdOn = place(other);
        const requestedOn = place(environment);
        return {
          kind: 'environment',
          text: `This id was returned by a success on ${possessive(provider.name)} ${other.name} (${createdOn}) but was asked for on ${environment.name} (${requestedOn}): use the ${other.name} base URL, or an id created in ${environment.name}.`,
          related: [entry],
          figures: { createdOn, requestedOn, environment: other.name },
        };
      }
    }
    return undefined;
  }

  return {
    follow(exchange, index, diagnosis) {
      const environment = environmentOf(provider, exchange.url);
      if (environment === undefined) return undefined;
      if (!known.firstEntry.has(environment)) {
        known.firstEntry.set(environment, index);
        if (known.firstEntry.size === 2) {
          const [first, second] = [...known.firstEntry.keys()] as [Environment, Environment];
          raise({
            kind: 'environment',
            provider: provider.id,
            text: `This capture talks to both ${possessive(provider.name)} ${first.name} (${place(first)}) and ${second.name} (${place(second)}): an id created in one is not found in the other.`,
            related: [...known.firstEntry.values()],
            figures: { environments: [first.name, second.name] },
          });
        }
      }
      if (diagnosis === null) {
        if (exchange.status < 300) remember(environment, exchange, index);
        return undefined;
      }
      // Only ids another environment returned can explain it: a capture in one environment never looks.
      const elsewhere = known.ids.size > (known.ids.has(environment) ? 1 : 0);
      return diagnosis.category === 'not-found' && elsewhere
        ? createdElsewhere(environment, exchange)
        : undefined;
    },
  };
}
