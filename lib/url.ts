/**
 * Host and path read straight from the URL text. The matcher runs this on every request
 * the page makes, so it reads the authority in one pass and builds no URL object for
 * traffic it will ignore.
 */

const SLASH = 47;
const QUESTION = 63;
const HASH = 35;
const BACKSLASH = 92;
const AT = 64;
const COLON = 58;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * `url.startsWith(text, at)`, compared in place: on the short texts hosts and path
 * prefixes are, the builtin's call costs several times these few character reads.
 */
export function holdsAt(url: string, text: string, at: number): boolean {
  if (at + text.length > url.length) return false;
  for (let i = 0; i < text.length; i++) if (url.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  return true;
}

/** Just after `scheme://` at the very start; -1 for `data:...https://x` and other URLs without an authority. */
function authorityStart(url: string): number {
  // Nearly every URL a page loads: answer without scanning, and without a call to
  // startsWith, which costs more than the few character reads.
  if (
    url.charCodeAt(0) === 104 && // h
    url.charCodeAt(1) === 116 && // t
    url.charCodeAt(2) === 116 && // t
    url.charCodeAt(3) === 112 // p
  ) {
    const c = url.charCodeAt(4);
    if (
      c === 115 &&
      url.charCodeAt(5) === COLON &&
      url.charCodeAt(6) === SLASH &&
      url.charCodeAt(7) === SLASH
    )
      return 8; // https://
    if (c === COLON && url.charCodeAt(5) === SLASH && url.charCodeAt(6) === SLASH) return 7; // http://
  }
  let i = 0;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    const letter = (c | 0x20) >= 97 && (c | 0x20) <= 122;
    const other = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // digits + - .
    if (!letter && !(i > 0 && other)) break;
  }
  return i > 0 && url.startsWith('://', i) ? i + 3 : -1;
}

/**
 * Where the authority starts after `https://` or `http://` (or any scheme of their lengths),
 * judged by the slash before it alone; -1 for other forms. Wrong only for a URL with no
 * authority or one shorter than 4 characters, or when a slash is there (a longer scheme's
 * `//`): enough to rule a host of 4 characters or more out, not in.
 */
export function quickAuthorityStart(url: string): number {
  return url.charCodeAt(7) === SLASH ? 8 : url.charCodeAt(6) === SLASH ? 7 : -1;
}

function authorityEnd(url: string, start: number): number {
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === SLASH || c === QUESTION || c === HASH || c === BACKSLASH) break;
    end++;
  }
  return end;
}

/** Where a URL's host name is, read without building a string. */
export interface HostBounds {
  start: number;
  end: number;
  /** The host has an upper-case letter, so comparing it needs a lower-cased copy. */
  upper: boolean;
}

/** Finds the host name in `url` (without port, user info or trailing dot); false when there is none. */
export function readHostBounds(url: string, bounds: HostBounds): boolean {
  const start = authorityStart(url);
  if (start < 0) return false;
  let hostStart = start;
  let hostEnd = -1;
  let upper = false;
  let bracketed = false;
  let i = start;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // Lower-case letters, digits, dots and hyphens make up nearly every host: one test each.
    if (c >= 97 || (c >= 48 && c <= 57) || c === 46 || c === 45) continue;
    if (c === SLASH || c === QUESTION || c === HASH || c === BACKSLASH) break;
    if (c === AT) {
      // What came before was user info.
      hostStart = i + 1;
      hostEnd = -1;
      upper = false;
      bracketed = false;
    } else if (c === OPEN_BRACKET && i === hostStart) {
      bracketed = true;
    } else if (c === CLOSE_BRACKET && bracketed && hostEnd < 0) {
      hostEnd = i + 1;
    } else if (c === COLON && !bracketed && hostEnd < 0) {
      hostEnd = i;
    } else if (c >= 65 && c <= 90) {
      upper = true;
    }
  }
  if (hostEnd < 0) hostEnd = i;
  if (hostEnd > hostStart && url.charCodeAt(hostEnd - 1) === 46 /* . */) hostEnd--;
  bounds.start = hostStart;
  bounds.end = hostEnd;
  bounds.upper = upper;
  return true;
}

/**
 * Where the path starts when the URL is plainly `scheme://host` then `/`, `?`, `#` or its end
 * (no user info, port, upper case nor trailing dot), as browsers write URLs: a caller that
 * knows which hosts to expect checks them so without reading the authority. -1 otherwise,
 * which says nothing: the URL may be on the host in another form.
 */
export function pathStartAfterHost(url: string, host: string): number {
  const start = authorityStart(url);
  if (start < 0 || !holdsAt(url, host, start)) return -1;
  const at = start + host.length;
  const next = url.charCodeAt(at);
  return Number.isNaN(next) || next === SLASH || next === QUESTION || next === HASH ? at : -1;
}

const scratch: HostBounds = { start: 0, end: 0, upper: false };

/** Lower-case host name without port, user info or trailing dot; '' when there is none. */
export function hostOf(url: string): string {
  if (!readHostBounds(url, scratch)) return '';
  const host = url.slice(scratch.start, scratch.end);
  return scratch.upper ? host.toLowerCase() : host;
}

/** The path, without query or fragment; '/' when empty. */
export function pathOf(url: string): string {
  const start = authorityStart(url);
  const from = start < 0 ? 0 : authorityEnd(url, start);
  let end = from;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === QUESTION || c === HASH) break;
    end++;
  }
  return end > from ? url.slice(from, end) : '/';
}

/** A query or form name or value as the form view reads it: decoded, `+` a space; as written when an escape is malformed. */
export function decodedQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}
