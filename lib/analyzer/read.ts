/** Defensive reads of an exchange's headers and times: captures may hold anything. */
import { daysFromCivil, digitsAt } from '../civil-time';

/**
 * `name` is `lowerName` in any case of its ASCII letters, compared in place: this runs on
 * every header of every provider request, and a lower-cased copy of each costs more.
 * Beyond ASCII, toLowerCase decides, as it would have.
 */
function isNamed(name: string, lowerName: string): boolean {
  if (name.length !== lowerName.length) return false;
  for (let i = 0; i < name.length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 65 && code <= 90) code += 32;
    else if (code >= 128) return name.toLowerCase() === lowerName;
    if (code !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

export function headerValue(headers: unknown, lowerName: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  for (const header of headers) {
    const name: unknown = header?.name;
    if (typeof name === 'string' && isNamed(name, lowerName)) {
      const value: unknown = header.value;
      return typeof value === 'string' ? value : undefined;
    }
  }
  return undefined;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** The HTTP date's shape: the comma, spaces and colons where these are, then ` GMT`. */
const SHAPE = 'Www, DD Mmm YYYY HH:MM:SS GMT';
const ZONE = ' GMT';
/** Where the shape has its comma, spaces and colons before the zone. */
const SEPARATORS = [...SHAPE.slice(0, SHAPE.length - ZONE.length)].flatMap((char, at) =>
  char < 'A' ? [at] : [],
);
/** Three ASCII letters as one number, read in place, so names compare without a copy; -1 past ASCII. */
function threeLetters(text: string, at: number): number {
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1);
  const third = text.charCodeAt(at + 2);
  return (first | second | third) < 128 ? (first << 16) | (second << 8) | third : -1;
}
const WEEKDAYS = new Set(
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((name) => threeLetters(name, 0)),
);
/** Month name → its number, 1 to 12. */
const MONTHS = new Map(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((name, i) => [
    threeLetters(name, 0),
    i + 1,
  ]),
);

/**
 * `Sun, 22 Nov 2026 10:00:00 GMT` read in place: a signed request's answer is read on every
 * request, and the pattern with Date.parse costs ten times more. Undefined for any other
 * weekday word, or a field out of the range every month has (Date.parse rolls a 31 February
 * over, reads 0099 as 1999): those are left to Date.parse, as before.
 */
export function plainHttpDateMs(value: string): number | undefined {
  if (value.length !== SHAPE.length || !value.endsWith(ZONE)) return undefined;
  // The shape's letters stand for fields, read below; the rest must be as written.
  for (let i = 0; i < SEPARATORS.length; i++) {
    const at = SEPARATORS[i] as number;
    if (value.charCodeAt(at) !== SHAPE.charCodeAt(at)) return undefined;
  }
  if (!WEEKDAYS.has(threeLetters(value, 0))) return undefined;
  const month = MONTHS.get(threeLetters(value, 8)) ?? 0;
  const day = digitsAt(value, 5, 2);
  const year = digitsAt(value, 12, 4);
  const hour = digitsAt(value, 17, 2);
  const minute = digitsAt(value, 20, 2);
  const second = digitsAt(value, 23, 2);
  if (month < 1 || year < 100 || day < 1 || day > 28 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

/** An HTTP date by its pattern and Date.parse: what `httpDateMs`'s shortcut must agree with. */
export function httpDateMsByPattern(value: string): number | undefined {
  if (!HTTP_DATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Only the HTTP date format, which Date.parse reads the same everywhere. */
export function httpDateMs(value: string): number | undefined {
  return plainHttpDateMs(value) ?? httpDateMsByPattern(value);
}

/** A response's `Date` in epoch ms. */
export function serverDateMs(responseHeaders: unknown): number | undefined {
  const value = headerValue(responseHeaders, 'date')?.trim();
  return value === undefined ? undefined : httpDateMs(value);
}

export const wholeSeconds = (ms: number): number => Math.round(ms / 1000);
