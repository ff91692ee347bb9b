/**
 * Host and path read straight from the URL text. The matcher runs this on every request
 * the page makes, so it avoids building a URL object for traffic it will ignore.
 */

function authorityBounds(url: string): [start: number, end: number] | null {
  const scheme = url.indexOf('://');
  if (scheme <= 0) return null;
  const start = scheme + 3;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || c === 92 /* \ */) break;
    end++;
  }
  return [start, end];
}

/** Lower-case host name without port, user info or trailing dot; '' when there is none. */
export function hostOf(url: string): string {
  const bounds = authorityBounds(url);
  if (!bounds) return '';
  let host = url.slice(bounds[0], bounds[1]);
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close > 0 ? host.slice(0, close + 1) : host;
  } else {
    const colon = host.indexOf(':');
    if (colon >= 0) host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.toLowerCase();
}

/** The path, without query or fragment; '/' when empty. */
export function pathOf(url: string): string {
  const bounds = authorityBounds(url);
  const rest = bounds ? url.slice(bounds[1]) : url;
  const end = rest.search(/[?#]/);
  const path = end >= 0 ? rest.slice(0, end) : rest;
  return path === '' ? '/' : path;
}
