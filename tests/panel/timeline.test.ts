import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../lib/settings';
import type { Finding } from '../../lib/types';
import { Timeline, type TimelineItem } from '../../panel/timeline';

function finding(code: string): Finding {
  // The timeline reads each diagnosis's time as it adds it.
  return { code, diagnosis: { startedDateTime: '2025-01-01T00:00:00.000Z' } } as unknown as Finding;
}

const codes = (items: readonly TimelineItem[]) =>
  items.map((item) =>
    item.kind === 'finding' ? (item.finding as unknown as { code: string }).code : `|${item.label}`,
  );

describe('Timeline', () => {
  it('reads the time of each diagnosis once, as it is added', () => {
    const timeline = new Timeline();
    timeline.add(finding('A'));
    expect(timeline.items[0]).toMatchObject({
      kind: 'finding',
      time: Date.parse('2025-01-01T00:00:00.000Z'),
    });
  });

  it('keeps diagnoses oldest first with unique ids', () => {
    const timeline = new Timeline();
    timeline.add(finding('A'));
    timeline.add(finding('B'));
    expect(codes(timeline.items)).toEqual(['A', 'B']);
    expect(new Set(timeline.items.map((item) => item.id)).size).toBe(2);
    expect(timeline.size).toBe(2);
    expect(timeline.cap).toBe(DEFAULT_RETENTION);
  });

  it('drops the oldest beyond the cap and counts them', () => {
    const timeline = new Timeline(3);
    for (const code of ['A', 'B', 'C', 'D', 'E']) timeline.add(finding(code));
    expect(codes(timeline.items)).toEqual(['C', 'D', 'E']);
    expect(timeline.size).toBe(3);
    expect(timeline.dropped).toBe(2);
  });

  it('keeps the separator that labels the oldest diagnosis left', () => {
    const timeline = new Timeline(2);
    timeline.navigate('https://a.example/', '2025-01-01T00:00:00Z', true);
    timeline.add(finding('A'));
    timeline.add(finding('B'));
    timeline.navigate('https://b.example/', '2025-01-01T00:01:00Z', true);
    timeline.add(finding('C'));
    expect(codes(timeline.items)).toEqual([
      '|Navigated to https://a.example/',
      'B',
      '|Navigated to https://b.example/',
      'C',
    ]);
    timeline.add(finding('D'));
    expect(codes(timeline.items)).toEqual(['|Navigated to https://b.example/', 'C', 'D']);
    expect(timeline.dropped).toBe(2);
  });

  it('clears on navigation unless the log is preserved', () => {
    const timeline = new Timeline();
    timeline.add(finding('A'));
    timeline.countExamined(3);
    timeline.navigate('https://shop.example/next', '2025-01-01T00:00:00Z', false);
    expect(codes(timeline.items)).toEqual(['|Navigated to https://shop.example/next']);
    expect(timeline.size).toBe(0);
    expect(timeline.examined).toBe(0);

    timeline.add(finding('B'));
    timeline.navigate('https://shop.example/again', '2025-01-01T00:01:00Z', true);
    expect(codes(timeline.items)).toEqual([
      '|Navigated to https://shop.example/next',
      'B',
      '|Navigated to https://shop.example/again',
    ]);
  });

  it('replaces a separator that nothing followed', () => {
    const timeline = new Timeline();
    timeline.navigate('https://one.example/', '2025-01-01T00:00:00Z', true);
    timeline.navigate('https://two.example/', '2025-01-01T00:00:01Z', true);
    expect(codes(timeline.items)).toEqual(['|Navigated to https://two.example/']);
  });

  it('clear empties everything and resets the counts', () => {
    const timeline = new Timeline(1);
    timeline.add(finding('A'));
    timeline.add(finding('B'));
    timeline.countExamined(2);
    const before = timeline.version;
    timeline.clear();
    expect(timeline.items).toEqual([]);
    expect([timeline.size, timeline.dropped, timeline.examined]).toEqual([0, 0, 0]);
    expect(timeline.version).toBeGreaterThan(before);
  });

  it('applies a smaller cap at once and ignores a nonsensical one', () => {
    const timeline = new Timeline(10);
    for (const code of ['A', 'B', 'C']) timeline.add(finding(code));
    timeline.setCap(1);
    expect(codes(timeline.items)).toEqual(['C']);
    expect(timeline.dropped).toBe(2);
    timeline.setCap(0);
    expect(timeline.cap).toBe(DEFAULT_RETENTION);
  });
});
