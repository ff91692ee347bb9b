/** Clock skew: the request's own timestamp header against the server's `Date`. */
import { digitsAt, fixedDateTimeMs, isDigitCode } from '../civil-time';
import type { Provider, RequestTimestamp, TimestampFormat } from '../providers/provider';
import type { Diagnosis, Exchange } from '../types';
import { headerValue, serverDateMs, wholeSeconds } from './read';
import { selects } from './select';
import type { Insight } from './types';

/** From this far apart on, any diagnosis of a signed request mentions the clocks. */
const NOTABLE_SKEW_SECONDS = 60;
/** From this far apart on, successful signed requests raise a session warning. */
const WARNING_SKEW_SECONDS = 120;

type ClockReading =
  | { problem: 'missing' | 'milliseconds' | 'unparseable' }
  | { problem: 'skew'; skewSeconds: number }
  /** A readable timestamp but no server `Date` to compare it with: nothing to claim. */
  | { problem: 'no-server-date' };

const FORMAT_NAMES: Record<TimestampFormat, string> = {
  'iso-8601': 'ISO-8601',
  'unix-seconds': 'UNIX seconds',
  'rfc-3339': 'RFC 3339',
};

const UNIX = /^(\d+)(?:\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
/** ISO-8601's basic format, `20261122T100000Z`: the same fields without separators, never RFC 3339. */
const ISO_BASIC =
  /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(\d{2})?)?$/;

function parseUnix(digits: string, whole: string, formats: readonly TimestampFormat[]) {
  if (!formats.includes('unix-seconds')) return undefined;
  // Seconds have 10 digits until 2286; 13 are milliseconds (Date.now()).
  if (digits.length === 13) return 'milliseconds' as const;
  return digits.length <= 10 ? Number(whole) * 1000 : undefined;
}

function parseIso(
  match: RegExpExecArray,
  basic: boolean,
  formats: readonly TimestampFormat[],
): number | undefined {
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const hasOffset = zulu !== undefined || sign !== undefined;
  const rfc3339 = !basic && second !== undefined && hasOffset;
  if (!formats.includes('iso-8601') && !(formats.includes('rfc-3339') && rfc3339)) return undefined;
  const fields = [month, day, hour, minute, second ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const [mo, d, h, mi, s] = fields;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  // Without an offset the time is read as UTC, as the providers ask for: never the
  // analysing machine's zone, which would make the result depend on where it runs.
  const offsetMinutesTotal =
    sign === undefined
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes ?? 0));
  const millis = fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
  return Date.UTC(Number(year), mo - 1, d, h, mi, s, millis) - offsetMinutesTotal * 60_000;
}

/** Nothing but digits: UNIX seconds as nearly every client writes them, told without a pattern. */
function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isDigitCode(value.charCodeAt(i))) return false;
  return true;
}

const codeIs = (value: string, at: number, code: number) => value.charCodeAt(at) === code;

/**
 * RFC 3339 as clients write it (`2026-11-22T10:00:00Z`, `…00.000Z`, `…00+08:00`), read in
 * place: a signed request's timestamp is read on every request, and the pattern costs more
 * than the rest of the reading. Undefined for any other form or a field out of range, which
 * the pattern then decides; the same instant as `parseIso` otherwise.
 */
export function plainRfc3339Ms(value: string, formats: readonly TimestampFormat[]): number | undefined {
  if (!formats.includes('iso-8601') && !formats.includes('rfc-3339')) return undefined;
  if (value.length < 20 || !codeIs(value, 4, 45) || !codeIs(value, 7, 45)) return undefined;
  if (!codeIs(value, 10, 84) || !codeIs(value, 13, 58) || !codeIs(value, 16, 58)) return undefined;
  let at = 19;
  let fractionEnd = at;
  if (codeIs(value, at, 46) || codeIs(value, at, 44)) {
    fractionEnd = at + 1;
    while (isDigitCode(value.charCodeAt(fractionEnd))) fractionEnd++;
    if (fractionEnd === at + 1 || fractionEnd > at + 10) return undefined;
  }
  at = fractionEnd;
  let offsetMinutes = 0;
  const zone = value.charCodeAt(at);
  if ((zone === 90 || zone === 122) && value.length === at + 1) offsetMinutes = 0;
  else if ((zone === 43 || zone === 45) && value.length === at + 6 && codeIs(value, at + 3, 58)) {
    const hours = digitsAt(value, at + 1, 2);
    const minutes = digitsAt(value, at + 4, 2);
    if (hours < 0 || minutes < 0) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (hours * 60 + minutes);
  } else return undefined;
  // Day 31 and second 60 roll over as Date.UTC rolls them.
  const whole = fixedDateTimeMs(value, 31, 60);
  if (whole === undefined) return undefined;
  // As parseIso computes it, for the same truncation by Date.UTC.
  const millis = fractionEnd === 19 ? 0 : Math.trunc(Number(`0.${value.slice(20, fractionEnd)}`) * 1000);
  return whole + millis - offsetMinutes * 60_000;
}

/** A timestamp's instant in epoch ms, 'milliseconds' for 13 digits, undefined when unreadable. */
type TimestampReading = number | 'milliseconds' | undefined;

/** Any of the forms, read by their patterns: what `readTimestamp`'s shortcuts must agree with. */
export function readTimestampByPattern(value: string, formats: readonly TimestampFormat[]): TimestampReading {
  const unix = UNIX.exec(value);
  if (unix) return parseUnix(unix[1] ?? '', value, formats);
  const extended = ISO.exec(value);
  const basic = extended ? null : ISO_BASIC.exec(value);
  const iso = extended ?? basic;
  return iso ? parseIso(iso, basic !== null, formats) : undefined;
}

/** A timestamp in the provider's formats: the forms clients send read in place, the rest by pattern. */
export function readTimestamp(value: string, formats: readonly TimestampFormat[]): TimestampReading {
  if (isDigits(value)) return parseUnix(value, value, formats);
  return plainRfc3339Ms(value, formats) ?? readTimestampByPattern(value, formats);
}

/** Most requests send no timestamp: their reading is shared. */
const MISSING: ClockReading = Object.freeze({ problem: 'missing' });

function readClock(exchange: Exchange, timestamp: RequestTimestamp): ClockReading {
  const value = headerValue(exchange.requestHeaders, timestamp.header.toLowerCase())?.trim();
  if (value === undefined || value === '') return MISSING;
  const parsed = readTimestamp(value, timestamp.formats);
  if (parsed === 'milliseconds') return { problem: 'milliseconds' };
  if (parsed === undefined || Number.isNaN(parsed)) return { problem: 'unparseable' };
  const serverMs = serverDateMs(exchange.responseHeaders);
  if (serverMs === undefined) return { problem: 'no-server-date' };
  return { problem: 'skew', skewSeconds: wholeSeconds(parsed - serverMs) };
}

function apart(skewSeconds: number): string {
  return `${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? 'ahead of' : 'behind'} the server's Date header`;
}

function skewSentence(
  provider: Provider,
  timestamp: RequestTimestamp,
  skewSeconds: number,
  timestampError: boolean,
): string {
  const { header, windowSeconds } = timestamp;
  if (Math.abs(skewSeconds) < NOTABLE_SKEW_SECONDS) {
    return `${header} and the server's Date header agree within a minute (${skewSeconds} s), so the clocks and the time window are not the cause.`;
  }
  if (windowSeconds !== undefined && Math.abs(skewSeconds) < windowSeconds) {
    return `${header} is ${apart(skewSeconds)}, inside ${provider.name}'s window of about ${windowSeconds} s.`;
  }
  return timestampError
    ? `${header} is ${apart(skewSeconds)}: sync the client's clock (NTP) and send the current UTC time.`
    : `${header} is ${apart(skewSeconds)}: signed requests fail once that passes ${provider.name}'s time window.`;
}

/**
 * Attached to every timestamp error (saying so when the clocks agree), and to any other
 * diagnosis of a signed request whose clock is a minute or more off.
 */
export function clockInsight(
  provider: Provider,
  exchange: Exchange,
  diagnosis: Diagnosis,
): Insight | undefined {
  const timestamp = provider.timestamp;
  if (!timestamp) return undefined;
  const reading = readClock(exchange, timestamp);
  // Without a timestamp sent, the error's documented meaning ("Timestamp required") says all
  // there is, and no other diagnosis has a clock to mention.
  if (reading.problem === 'missing') return undefined;
  const timestampError = selects(timestamp.errors, diagnosis);
  const { header } = timestamp;
  if (reading.problem === 'skew') {
    if (!timestampError && Math.abs(reading.skewSeconds) < NOTABLE_SKEW_SECONDS) return undefined;
    return {
      kind: 'clock-skew',
      text: skewSentence(provider, timestamp, reading.skewSeconds, timestampError),
      related: [],
      // The figures are the contract's, no more: the window is in the text.
      figures: { header, problem: 'skew', skewSeconds: reading.skewSeconds },
    };
  }
  if (!timestampError || reading.problem === 'no-server-date') return undefined;
  const formats = timestamp.formats.map((format) => FORMAT_NAMES[format]).join(' or ');
  const text = {
    milliseconds: `${header} is a 13-digit UNIX time in milliseconds where ${provider.name} expects seconds.`,
    unparseable: `${header} is in none of the formats ${provider.name} accepts (${formats}).`,
  }[reading.problem];
  return { kind: 'clock-skew', text, related: [], figures: { header, problem: reading.problem } };
}

/** The skew of a successful signed request, when it is large enough to warn about. */
export function successSkew(exchange: Exchange, timestamp: RequestTimestamp): number | undefined {
  const reading = readClock(exchange, timestamp);
  return reading.problem === 'skew' && Math.abs(reading.skewSeconds) >= WARNING_SKEW_SECONDS
    ? reading.skewSeconds
    : undefined;
}

export function skewWarningText(provider: Provider, header: string, skewSeconds: number): string {
  return `Successful ${provider.name} requests already send ${header} ${apart(skewSeconds)}: signed requests will fail once past the window.`;
}
