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
