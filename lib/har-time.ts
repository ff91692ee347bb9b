/** HAR times: `startedDateTime` is ISO 8601 with its offset, as browsers and tools write it. */

import { digitsAt, fixedDateTimeMs } from './civil-time';

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
  const ms = digitsAt(text, 20, 3);
  // Days past 28 are left to Date.parse: engines differ on a 31 February.
  const whole = ms < 0 ? undefined : fixedDateTimeMs(text, 28, 59);
  return whole === undefined ? undefined : whole + ms;
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
