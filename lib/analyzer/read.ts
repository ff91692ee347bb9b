/** Defensive reads of an exchange's headers and times: captures may hold anything. */

export function headerValue(headers: unknown, lowerName: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  for (const header of headers) {
    const name: unknown = header?.name;
    if (typeof name === 'string' && name.length === lowerName.length && name.toLowerCase() === lowerName) {
      const value: unknown = header.value;
      return typeof value === 'string' ? value : undefined;
    }
  }
  return undefined;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A response's `Date` in epoch ms; only the HTTP date format, which Date.parse reads the same everywhere. */
export function serverDateMs(responseHeaders: unknown): number | undefined {
  const value = headerValue(responseHeaders, 'date')?.trim();
  if (value === undefined || !HTTP_DATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const HAR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, the form browsers write, read in place: it is read for every
 * request to a provider with a rate limit, and the pattern and `Date.parse` cost ten times
 * more. Undefined for any other form or a field out of the range every month has, which
 * `Date.parse` then decides.
 */
function canonicalMs(text: string): number | undefined {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  ) {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const ms = digitsAt(text, 20, 3);
  // Date.UTC would take the years 0–99 for 1900–1999.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0)
    return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** When the request started, in epoch ms; HAR times always carry their offset. */
export function startedMs(startedDateTime: unknown): number | undefined {
  if (typeof startedDateTime !== 'string') return undefined;
  const canonical = canonicalMs(startedDateTime);
  if (canonical !== undefined) return canonical;
  if (!HAR_TIME.test(startedDateTime)) return undefined;
  const ms = Date.parse(startedDateTime);
  return Number.isNaN(ms) ? undefined : ms;
}

export const wholeSeconds = (ms: number): number => Math.round(ms / 1000);
