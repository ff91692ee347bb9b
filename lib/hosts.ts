import type { Provider } from './providers/provider';
import { type HostBounds, holdsAt, quickAuthorityStart, readHostBounds } from './url';

/** A user's host pattern: an exact host, or `*.` followed by a parent domain. */
export type HostPattern = { kind: 'exact'; host: string } | { kind: 'wildcard'; parent: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Parses a host pattern, or returns why it is not one. */
export function parseHostPattern(input: string): HostPattern | { error: string } {
  const pattern = input.trim().toLowerCase().replace(/\.$/, '');
  if (pattern === '') return { error: 'Enter a host name.' };
  if (/[/:?#@\s]/.test(pattern)) {
    return { error: `"${input}" is not a host name: give the host alone, without scheme, port or path.` };
  }
  const wildcard = pattern.startsWith('*.');
  const name = wildcard ? pattern.slice(2) : pattern;
  const labels = name.split('.');
  if (labels.some((label) => !LABEL.test(label))) {
    return {
      error: pattern.includes('*')
        ? `"${input}" is not a valid wildcard: use *. followed by a domain, as in *.pay.example.com.`
        : `"${input}" is not a valid host name.`,
    };
  }
  // `*.com` would claim every host of a top-level domain.
  if (wildcard && labels.length < 2)
    return { error: `"${input}" is too broad: name a domain under the top level.` };
  return wildcard ? { kind: 'wildcard', parent: name } : { kind: 'exact', host: name };
}

/** The provider whose host a URL names, if any. */
export type HostLookup = (url: string) => Provider | undefined;

/**
 * Host names that turn traffic away by their first two characters: lower-case ASCII, no
 * trailing dot, and 4 characters or more, as `quickAuthorityStart` needs.
 */
const PLAIN_HOST = /^[a-z0-9.-]{3,}[a-z0-9-]$/;
const SLASH = 47;

/**
 * Exact hosts by their first two characters: for each first character, in either case, the
 * second characters that follow it, as bits by code mod 32. An upper-case letter has its
 * lower case's bit; other characters sharing a bit are told apart by reading the host whole.
 * A class, not a closure: every scope shares the one compiled test.
 */
export class HostPrefixes {
  private readonly secondChars = new Int32Array(128);

  /** Undefined when a host is not plain, and a URL may be on it in a form this cannot see. */
  static of(hosts: Iterable<string>): HostPrefixes | undefined {
    const list = [...hosts];
    return list.every((host) => PLAIN_HOST.test(host)) ? new HostPrefixes(list) : undefined;
  }

  private constructor(hosts: readonly string[]) {
    for (const host of hosts) {
      const bit = 1 << (host.charCodeAt(1) & 31);
      for (const first of [host.charCodeAt(0), host.toUpperCase().charCodeAt(0)])
        this.secondChars[first] = (this.secondChars[first] as number) | bit;
    }
  }

  /**
   * True only when none of the hosts can be the URL's: none starts with its host's first
   * two characters. False says nothing: the host must be read whole.
   */
  turnAway(url: string): boolean {
    const start = quickAuthorityStart(url);
    if (start < 0) return false;
    const first = url.charCodeAt(start);
    const second = url.charCodeAt(start + 1);
    // Beyond ASCII, lower-casing may yield an ASCII letter; user info would put the host further on.
    return (
      first < 128 &&
      first !== SLASH &&
      second < 128 &&
      ((this.secondChars[first] as number) & (1 << (second & 31))) === 0 &&
      url.indexOf('@', start) < 0
    );
  }
}

export interface HostLookups {
  lookup: HostLookup;
  /**
   * The known hosts' first two characters, which turn the page's own requests away before
   * anything else is read of them; undefined with wildcards, which any host may end in.
   */
  prefixes: HostPrefixes | undefined;
}

/**
 * Exact hosts from the catalog and the user's own; wildcards match any subdomain of their
 * parent, never the parent itself nor a look-alike such as `evilpay.example.com` for
 * `*.pay.example.com`. Runs on every request the page makes: without wildcards, most traffic
 * is turned away by its host's first two characters, and the rest read whole.
 */
export function createHostLookup(
  providers: readonly Provider[],
  custom: Readonly<Record<string, string>> = {},
): HostLookups {
  const exact = new Map<string, Provider>();
  for (const provider of providers) for (const host of provider.hosts) exact.set(host, provider);

  const wildcards: Array<[suffix: string, provider: Provider]> = [];
  for (const [input, id] of Object.entries(custom)) {
    const provider = providers.find((candidate) => candidate.id === id);
    // Hosts of a provider switched off are left out with it.
    if (!provider) continue;
    const pattern = parseHostPattern(input);
    if ('error' in pattern) throw new Error(pattern.error);
    if (pattern.kind === 'exact') exact.set(pattern.host, provider);
    else wildcards.push([`.${pattern.parent}`, provider]);
  }

  // Indexed by length: a host read whole is compared with the exact hosts of its length alone.
  const byLength: Array<Array<{ host: string; provider: Provider }> | undefined> = [];
  for (const [host, provider] of exact) {
    const same = byLength[host.length] ?? [];
    same.push({ host, provider });
    byLength[host.length] = same;
  }
  const bounds: HostBounds = { start: 0, end: 0, upper: false };

  /** Reads the host whole: any URL, any hosts. */
  const find = (url: string): Provider | undefined => {
    if (!readHostBounds(url, bounds)) return undefined;
    const { start, end, upper } = bounds;
    if (!upper) {
      const candidates = byLength[end - start];
      // Compared in place: no copy of the host for the few exact hosts of its length.
      if (candidates)
        for (const candidate of candidates)
          if (holdsAt(url, candidate.host, start)) return candidate.provider;
      if (wildcards.length === 0) return undefined;
    }
    const host = url.slice(start, end).toLowerCase();
    return exact.get(host) ?? wildcards.find(([suffix]) => host.endsWith(suffix))?.[1];
  };

  const prefixes = wildcards.length === 0 ? HostPrefixes.of(exact.keys()) : undefined;

  // The matcher and the session analyzer look up each exchange's URL in turn: the second
  // asks what the first just did.
  let lastUrl: string | undefined;
  let lastProvider: Provider | undefined;
  const lookup: HostLookup = (url) => {
    if (prefixes?.turnAway(url)) return undefined;
    if (url !== lastUrl) {
      lastProvider = find(url);
      lastUrl = url;
    }
    return lastProvider;
  };
  return { lookup, prefixes };
}
