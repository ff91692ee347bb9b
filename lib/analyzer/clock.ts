/** Clock skew: the request's own timestamp header against the server's `Date`. */
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

/** Most requests send no timestamp: their reading is shared. */
const MISSING: ClockReading = Object.freeze({ problem: 'missing' });

function readClock(exchange: Exchange, timestamp: RequestTimestamp): ClockReading {
  const value = headerValue(exchange.requestHeaders, timestamp.header.toLowerCase())?.trim();
  if (value === undefined || value === '') return MISSING;
  const unix = UNIX.exec(value);
  const extended = unix ? null : ISO.exec(value);
  const basic = unix || extended ? null : ISO_BASIC.exec(value);
  const iso = extended ?? basic;
  const parsed = unix
    ? parseUnix(unix[1] ?? '', value, timestamp.formats)
    : iso
      ? parseIso(iso, basic !== null, timestamp.formats)
      : undefined;
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
