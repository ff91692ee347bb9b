/** HAR times: `startedDateTime` is ISO 8601 with its offset, as browsers and tools write it. */

import { daysFromCivil, digitsAt } from './civil-time';

const HAR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

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
  // Date.UTC reads the years 0–99 as 1900–1999: those are left to Date.parse.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0)
    return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
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
