/**
 * The clock kind reads the forms clients send (UNIX seconds, RFC 3339, the HTTP date) in
 * place, and everything else by pattern: the shortcuts must give the patterns' answer on
 * any text, in range or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainRfc3339Ms, readTimestamp, readTimestampByPattern } from '../../lib/analyzer/clock';
import { httpDateMs, httpDateMsByPattern, plainHttpDateMs } from '../../lib/analyzer/read';
import type { TimestampFormat } from '../../lib/providers/provider';

const padded = (n: number) => String(n).padStart(2, '0');
/** A two-digit field: mostly in its range, sometimes just past it, sometimes anything. */
const field = (max: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max }).map(padded) },
    { weight: 1, arbitrary: fc.integer({ min: max + 1, max: Math.min(max + 2, 99) }).map(padded) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map(padded) },
  );
const month = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 12 }).map(padded) }, field(13));
const year = fc.oneof(
  fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  fc.constantFrom('2026', '0099', '0100', '1970'),
);
const formats = fc.constantFrom<readonly TimestampFormat[]>(
  ['iso-8601', 'unix-seconds'],
  ['rfc-3339'],
  ['unix-seconds'],
);

/** RFC 3339 and its near misses: any two digits per field, fractions, zones, separators. */
const rfc3339Like = fc
  .tuple(
    year,
    month,
    field(31),
    fc.constantFrom('T', 'T', 'T', 't', ' ', 'X'),
    field(23),
    field(59),
    field(60),
    fc.constantFrom('', '', '.', '.0', '.250', '.035', '.123456789', '.1234567890', ',5'),
    fc.constantFrom('Z', 'Z', 'z', '', '+08:00', '-05:30', '+14:45', '+0800', '+08', '+8:00', 'Z ', '+08:0x'),
  )
  .map(([y, mo, d, t, h, mi, s, fraction, zone]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${fraction}${zone}`);

const digits = fc.oneof(
  fc.stringMatching(/^\d{1,14}$/),
  fc.constantFrom('1795341600', '1795341600000', '1795341600.5', ''),
);

const httpDateLike = fc
  .tuple(
    fc.constantFrom('Sun', 'Mon', 'Xyz', 'sun', 'SUN', 'Mo\u016E'),
    fc.constantFrom(', ', ', ', ' ,', ','),
    field(31),
    fc.constantFrom('Jan', 'Feb', 'Mar', 'Nov', 'Dec', 'NOV', 'Abc', 'No\u0176'),
    year,
    field(23),
    field(59),
    field(60),
    fc.constantFrom(' GMT', ' GMT', ' UTC', 'GMT', ' GMT '),
  )
  .map(
    ([weekday, comma, d, mo, y, h, mi, s, zone]) =>
      `${weekday}${comma}${d} ${mo} ${y} ${h}:${mi}:${s}${zone}`,
  );

describe('the clock readings', () => {
  it('read a timestamp as the patterns do', () => {
    fc.assert(
      fc.property(fc.oneof(rfc3339Like, digits, fc.string()), formats, (value, accepted) => {
        expect(readTimestamp(value, accepted)).toBe(readTimestampByPattern(value, accepted));
      }),
      { numRuns: 20_000 },
    );
    // Not a test that cannot fail: the forms clients send are read by the shortcut itself.
    expect(plainRfc3339Ms('2026-11-22T18:06:40+08:00', ['rfc-3339'])).toBe(
      Date.parse('2026-11-22T10:06:40Z'),
    );
    expect(plainRfc3339Ms('2026-11-22T10:00:00.250Z', ['iso-8601'])).toBe(
      Date.parse('2026-11-22T10:00:00.250Z'),
    );
  });

  it('read an HTTP date as the pattern and Date.parse do', () => {
    fc.assert(
      fc.property(fc.oneof(httpDateLike, fc.string()), (value) => {
        expect(httpDateMs(value)).toBe(httpDateMsByPattern(value));
      }),
      { numRuns: 20_000 },
    );
    expect(plainHttpDateMs('Sun, 22 Nov 2026 10:00:00 GMT')).toBe(Date.parse('2026-11-22T10:00:00Z'));
    // A word that is no weekday is left to Date.parse, whose reading of it is the engine's.
    expect(plainHttpDateMs('Xyz, 22 Nov 2026 10:00:00 GMT')).toBeUndefined();
  });
});
