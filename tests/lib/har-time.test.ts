import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startedMs } from '../../lib/har-time';

describe('startedMs', () => {
  it('reads the form browsers write exactly as Date.parse does, across years, months and times', () => {
    // A deterministic walk over 40 years in steps that hit every month, day and time field.
    for (let at = Date.UTC(1990, 0, 1); at < Date.UTC(2030, 0, 1); at += 7_777_777_777) {
      const text = new Date(at).toISOString();
      expect(startedMs(text)).toBe(at);
    }
  });

  it('reads any date of the years 100 to 9999 in that form as Date.parse does', () => {
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 100, max: 9999 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
          ms: fc.integer({ min: 0, max: 999 }),
        }),
        ({ year, month, day, hour, minute, second, ms }) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}Z`;
          expect(startedMs(text)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('leaves the days past the 28th, offsets and other fractions to Date.parse', () => {
    for (const text of [
      '2024-02-29T23:59:59.999Z',
      '2026-01-31T00:00:00.000Z',
      '2026-11-22T10:00:00Z',
      '2026-11-22T10:00:00.123456Z',
      '2026-11-22T12:00:00.000+02:00',
      '2026-11-22T05:30:00.000-04:30',
    ]) {
      expect(startedMs(text)).toBe(Date.parse(text));
    }
    expect(startedMs('0099-01-05T01:02:03.004Z')).toBe(Date.parse('0099-01-05T01:02:03.004Z'));
  });

  it('refuses what is not a HAR time: no offset, out-of-range fields, other types', () => {
    for (const text of [
      '2026-11-22T10:00:00.000',
      '2026-13-01T00:00:00.000Z',
      '2026-02-30T00:00:00.000Z'.replace('30', '3x'),
      '2026-11-22T25:00:00.000Z',
      '2026-11-22 10:00:00.000Z',
      '',
    ]) {
      expect(startedMs(text), text).toBeUndefined();
    }
    expect(startedMs(1_700_000_000_000)).toBeUndefined();
    expect(startedMs(undefined)).toBeUndefined();
  });
});
